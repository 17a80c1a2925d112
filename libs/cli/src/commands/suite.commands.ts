import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Argument, type Command } from '@commander-js/extra-typings';
import { SERVICES } from '../config/services.js';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { suiteReadiness, type ServiceReadiness } from '../suite/readiness.js';
import { repositoryRoot, servicesStateDir } from '../suite/repository.js';
import { runScript } from '../suite/run-script.js';

/** Prints the readiness table (or its JSON) and returns whether every service is ready. */
export async function printStatus(context: CommandContext): Promise<boolean> {
  const states = await suiteReadiness(context.settings, context.clients);
  const { out } = context;
  const paint = (state: ServiceReadiness['state']): string =>
    state === 'ready' ? out.c.green(state) : state === 'not-ready' ? out.c.yellow(state) : out.c.red(state);
  out.result({ services: states, ready: states.every((s) => s.state === 'ready') }, () => {
    out.line(
      out.table(
        ['service', 'state', 'url', 'down'],
        states.map((s) => [s.service, paint(s.state), s.url, s.down.join(', ')]),
      ),
    );
  });
  return states.every((s) => s.state === 'ready');
}

/** `mlops up | down | status | logs`: the local suite of this checkout (scripts/up and scripts/infra). */
export function registerSuiteCommands(program: Command, io: CliIo): void {
  program
    .command('up')
    .summary('Start the local suite (no Docker) and show readiness')
    .description(
      'Start the local suite without Docker (scripts/up: installs what is missing, starts MongoDB-compatible store, RabbitMQ and the six services), then show readiness',
    )
    .action(async (_options, command) => {
      await runScript(repositoryRoot(io.cwd), 'up', [], true, io.env);
      if (!(await printStatus(contextOf(command, io))))
        throw new CliError(EXIT.failure, 'not every service is ready', 'NOT_READY', [], true);
    });

  program
    .command('down')
    .description(
      'Stop the six services (scripts/up stop); with --infra also the local MongoDB-compatible store and RabbitMQ',
    )
    .option('--infra', 'also stop the local servers (scripts/infra stop)')
    .action(async (options, command) => {
      const context = contextOf(command, io);
      const root = repositoryRoot(io.cwd);
      await runScript(root, 'up', ['stop'], context.out.json);
      if (options.infra) await runScript(root, 'infra', ['stop'], context.out.json);
      context.out.result({ stopped: true, infra: options.infra === true }, () => context.out.line('stopped'));
    });

  program
    .command('status')
    .description('Readiness of every service from its /readyz (exit 1 when one is not ready)')
    .action(async (_options, command) => {
      if (!(await printStatus(contextOf(command, io)))) {
        throw new CliError(
          EXIT.failure,
          'not every service is ready: `mlops up` starts the local suite',
          'NOT_READY',
          [],
          true,
        );
      }
    });

  program
    .command('logs')
    .description("Show a local service's log (the file scripts/up writes)")
    .addArgument(new Argument('<service>', 'the service').choices(SERVICES.map((s) => s.name)))
    .option('-n, --lines <count>', 'lines from the end', '100')
    .option('-f, --follow', 'keep printing new lines (Ctrl-C stops)')
    .action(async (service: string, options) => {
      const file = join(servicesStateDir(io.env), `${service}.log`);
      if (!existsSync(file)) {
        throw new CliError(
          EXIT.failure,
          `${file} does not exist: ${service} was not started by \`mlops up\` here`,
          'NO_LOG',
        );
      }
      const args = ['-n', options.lines, ...(options.follow ? ['-f'] : []), file];
      await new Promise<void>((resolvePromise) => {
        const child = spawn('tail', args, { stdio: ['ignore', 'inherit', 'inherit'] });
        io.signal.addEventListener('abort', () => child.kill('SIGTERM'));
        child.on('exit', () => resolvePromise());
      });
    });
}
