import { PassThrough } from 'node:stream';
import type { Command } from '@commander-js/extra-typings';
import { buildProgram } from '../program.js';

const HELP_WIDTH = 100;

function helpOf(command: Command): string {
  command.configureHelp({ helpWidth: HELP_WIDTH });
  return command.helpInformation().trimEnd();
}

function pathOf(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent as Command | null) names.unshift(at.name());
  return names.join(' ');
}

function sections(command: Command, depth: number): string[] {
  const children = (command.commands as unknown as Command[]).filter((child) => child.name() !== 'help');
  const heading = `${'#'.repeat(Math.min(depth, 4))} \`${pathOf(command)}\``;
  return [
    `${heading}\n\n\`\`\`text\n${helpOf(command)}\n\`\`\``,
    ...children.flatMap((child) => sections(child, depth + 1)),
  ];
}

/**
 * wiki/CLI.md: the `--help` of every `mlops` command, generated (`pnpm --filter @mlops/cli docs`);
 * a spec fails when the page is stale.
 */
export function cliReference(): string {
  const sink = { write: () => true, isTTY: false };
  const program = buildProgram({
    env: {},
    stdout: sink,
    stderr: sink,
    stdin: new PassThrough(),
    cwd: '/',
    home: '/',
    signal: new AbortController().signal,
  });
  const intro = [
    '# CLI reference',
    '',
    '<!-- Generated from `mlops --help` by `pnpm --filter @mlops/cli docs`; do not edit by hand (a test fails when it is stale). -->',
    '',
    'Every command of `mlops`, as its `--help` prints it. Start with [Getting started](Getting-started.md);',
    'exit codes and configuration are under the first command.',
    '',
  ].join('\n');
  return `${intro}\n${sections(program, 2).join('\n\n')}\n`;
}
