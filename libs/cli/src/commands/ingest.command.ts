import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from '@commander-js/extra-typings';
import { labelValueSchema, taskNameSchema } from '@mlops/contracts';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { collectInputs } from '../ingest/collect-inputs.js';
import type { IngestSummary } from '../ingest/ingest-items.js';
import { itemsFromFiles } from '../ingest/items-from-files.js';
import { runIngest } from '../ingest/run-ingest.js';
import { duration } from '../output/format.js';
import { keyValues, slugFlag } from './flag-parsers.js';

/** Prints an ingestion summary: counts, then each failure and refused line with its reason. */
export function printIngestSummary(context: CommandContext, summary: IngestSummary, extra: object = {}): void {
  const { out } = context;
  const { documentIds: _ids, ...shown } = summary;
  out.result({ ...shown, ...extra }, () => {
    out.line(
      `${out.c.bold(String(summary.documents))} documents in ${duration(summary.seconds)}: ` +
        `${out.c.green(`ready ${summary.ready}`)}, duplicate ${summary.duplicate}, ` +
        (summary.failed > 0 ? out.c.red(`failed ${summary.failed}`) : 'failed 0') +
        (summary.pending > 0 ? `, still processing ${summary.pending}` : ''),
    );
    for (const failure of summary.failures.slice(0, 20)) {
      out.line(`  ${out.c.red('failed')} ${failure.source} (${failure.id}): ${failure.code} ${failure.message}`);
    }
    if (summary.failures.length > 20) out.line(`  ... and ${summary.failures.length - 20} more failures`);
    for (const line of summary.invalidLines.slice(0, 20)) {
      out.line(`  ${out.c.yellow('refused')} ${line.file}:${line.line}: ${line.errors.join('; ')}`);
    }
  });
}

/** `mlops ingest <paths...>`: files, folders, `.jsonl` and `.csv` into the feature-store, followed to `ready`. */
export function registerIngestCommand(program: Command, io: CliIo): void {
  program
    .command('ingest')
    .summary('Upload files, folders, .jsonl or .csv and follow them to ready')
    .description(
      'Upload documents (any file; folders are walked), .jsonl records ({text, labels?, metadata?} per line) or .csv files (column text, label_<task> columns), then follow each document to ready with a progress bar; summary of ready / duplicate / failed with reasons (exit 1 when any failed)',
    )
    .argument('<paths...>', 'files and folders')
    .option('--task <task>', 'the task the labels belong to (spam, topic ...)', slugFlag('--task', taskNameSchema))
    .option(
      '--label <label>',
      'label every file and record that has none (needs --task)',
      slugFlag('--label', labelValueSchema),
    )
    .addOption(
      new Option('--label-from <source>', 'label each file by the name of its folder (needs --task)').choices([
        'dir',
      ] as const),
    )
    .option('--meta <key=value...>', 'metadata on every document (repeatable)', keyValues, {})
    .option('--no-wait', 'upload only; do not wait until processed')
    .action(async (paths, options, command) => {
      const context = contextOf(command, io);
      if ((options.label !== undefined || options.labelFrom !== undefined) && options.task === undefined) {
        throw new CliError(EXIT.usage, '--label and --label-from need --task', 'USAGE');
      }
      const files = collectInputs(paths, io.cwd);
      const { items, invalidLines } = itemsFromFiles(files, {
        metadata: options.meta,
        ...(options.task === undefined ? {} : { task: options.task }),
        ...(options.label === undefined ? {} : { label: options.label }),
        ...(options.labelFrom === undefined ? {} : { labelFrom: options.labelFrom }),
      });
      const imports = [];
      for (const file of files.filter((f) => f.kind === 'csv')) {
        const result = await context.clients.featureStore.imports.create({
          upload: {
            files: { content: await openAsBlob(file.path), filename: basename(file.path), contentType: 'text/csv' },
          },
        });
        imports.push({
          file: file.path,
          imported: result.imported,
          duplicates: result.duplicates,
          lines: result.lines,
        });
        invalidLines.push(...result.invalid.map((line) => ({ file: file.path, ...line })));
        context.out.note(`${basename(file.path)}: imported ${result.imported}, duplicates ${result.duplicates}`);
      }
      if (items.length === 0 && imports.length === 0)
        throw new CliError(EXIT.usage, 'nothing to ingest in the paths given', 'USAGE');
      const summary = await runIngest(context, items, { wait: options.wait, invalidLines });
      printIngestSummary(context, summary, imports.length > 0 ? { csvImports: imports } : {});
      if (summary.failed > 0 || summary.invalidLines.length > 0) {
        throw new CliError(
          EXIT.failure,
          `${summary.failed} documents failed, ${summary.invalidLines.length} lines refused`,
          'INGEST_FAILED',
          [],
          true,
        );
      }
    });
}
