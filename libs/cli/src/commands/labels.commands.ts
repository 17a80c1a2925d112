import { readFileSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { labelValueSchema, taskNameSchema } from '@mlops/contracts';
import { z } from 'zod';
import { describeIssues } from '../config/describe-issues.js';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { slugFlag } from './flag-parsers.js';

const labelLineSchema = z.strictObject({ documentId: z.uuid(), label: labelValueSchema });
const LABELS_PER_REQUEST = 1000;

/** Reads `{documentId, label}` JSON Lines or `documentId,label` CSV lines; an invalid line names the file and line. */
export function readLabelLines(path: string, text: string): z.infer<typeof labelLineSchema>[] {
  const csv = path.toLowerCase().endsWith('.csv');
  return text
    .split(/\r?\n/)
    .map((raw, index) => ({ raw: raw.trim(), line: index + 1 }))
    .filter(({ raw, line }) => raw !== '' && !(csv && line === 1 && /^documentid\s*,/i.test(raw)))
    .map(({ raw, line }) => {
      let value: unknown;
      if (csv) {
        const [documentId, ...rest] = raw.split(',');
        value = { documentId: documentId?.trim(), label: rest.join(',').trim() };
      } else {
        try {
          value = JSON.parse(raw);
        } catch {
          throw new CliError(EXIT.failure, `${path}:${line}: not JSON`, 'FILE_INVALID');
        }
      }
      const parsed = labelLineSchema.safeParse(value);
      if (!parsed.success) {
        throw new CliError(
          EXIT.failure,
          `${path}:${line}: ${describeIssues(parsed.error.issues).join('; ')}`,
          'FILE_INVALID',
        );
      }
      return parsed.data;
    });
}

/** `mlops labels set | import`. */
export function registerLabelCommands(program: Command, io: CliIo): void {
  const labels = program
    .command('labels')
    .description("Set documents' labels for a task (recorded as labelled by the API key's owner)");

  labels
    .command('set')
    .description("Set one document's label for a task")
    .argument('<document-id>', 'the document')
    .argument('<task>', 'the task', slugFlag('task', taskNameSchema))
    .argument('<label>', 'the label', slugFlag('label', labelValueSchema))
    .action(async (id, task, label, _options, command) => {
      const context = contextOf(command, io);
      const doc = await context.clients.featureStore.labels.set({
        params: { id, task },
        body: { label },
      });
      context.out.result(doc, () => context.out.line(`${doc.id}: ${task} = ${label}`));
    });

  labels
    .command('import')
    .description(
      'Label many documents for one task from a file: JSON Lines {documentId, label} or CSV documentId,label',
    )
    .argument('<file>', '.jsonl or .csv')
    .requiredOption('--task <task>', 'the task', slugFlag('--task', taskNameSchema))
    .action(async (file, options, command) => {
      const context = contextOf(command, io);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliError(EXIT.usage, `${file}: no such file`, 'INPUT_MISSING');
      }
      const lines = readLabelLines(file, text);
      let updated = 0;
      const missing: string[] = [];
      for (let i = 0; i < lines.length; i += LABELS_PER_REQUEST) {
        const result = await context.clients.featureStore.labels.setMany({
          body: { task: options.task, items: lines.slice(i, i + LABELS_PER_REQUEST) },
        });
        updated += result.updated;
        missing.push(...result.missing);
      }
      context.out.result({ updated, missing }, () => {
        context.out.line(`labelled ${updated} documents for ${options.task}`);
        if (missing.length > 0) context.out.line(`no such document: ${missing.join(', ')}`);
      });
      if (missing.length > 0)
        throw new CliError(EXIT.failure, `${missing.length} documents not found`, 'MISSING', [], true);
    });
}
