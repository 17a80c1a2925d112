import type { Command } from '@commander-js/extra-typings';
import { datasetDefinitionSchema, taskNameSchema, type DatasetVersion } from '@mlops/contracts';
import { z } from 'zod';
import { readJsonFile } from '../config/read-json-file.js';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { keyValues, positiveInt, slugFlag } from './flag-parsers.js';

const datasetName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit');

/** Prints a frozen version: records, labels, the steps that dropped rows. */
export function printVersion(context: CommandContext, version: DatasetVersion): void {
  const { out } = context;
  out.result(version, () => {
    out.line(
      `${out.c.bold(`${version.dataset} v${version.version}`)}: ${version.recordCount} records, task ${version.task}, hash ${version.contentHash.slice(0, 12)}`,
    );
    out.line(out.table(['label', 'records'], Object.entries(version.labelDistribution)));
    for (const step of version.steps) {
      const dropped = Object.entries(step.dropped).map(([why, count]) => `${why} ${count}`);
      if (dropped.length > 0) out.line(`  ${step.step}: ${step.rowsIn} → ${step.rowsOut} (${dropped.join(', ')})`);
    }
  });
}

/** `mlops datasets create | freeze | list | show`. */
export function registerDatasetCommands(program: Command, io: CliIo): void {
  const datasets = program
    .command('datasets')
    .description('Datasets: named queries over labelled documents, frozen into immutable versions');

  datasets
    .command('create')
    .description('Define a dataset from a JSON file (the API body of POST /v1/datasets) or from flags')
    .argument('[file]', 'dataset definition JSON: {name, task, filter?, adapters?, filterers?, description?}')
    .option('--name <name>', 'dataset name (without a file)', slugFlag('--name', datasetName))
    .option('--task <task>', 'the task whose labels it holds (without a file)', slugFlag('--task', taskNameSchema))
    .option('--meta <key=value...>', 'select documents with this metadata (repeatable)', keyValues, {})
    .option('--description <text>', 'what it is')
    .action(async (file, options, command) => {
      const context = contextOf(command, io);
      let definition;
      if (file !== undefined) definition = readJsonFile(file, datasetDefinitionSchema, EXIT.failure);
      else {
        if (options.name === undefined || options.task === undefined) {
          throw new CliError(EXIT.usage, 'give a definition file, or --name and --task', 'USAGE');
        }
        definition = datasetDefinitionSchema.parse({
          name: options.name,
          task: options.task,
          ...(options.description === undefined ? {} : { description: options.description }),
          ...(Object.keys(options.meta).length > 0 ? { filter: { metadata: options.meta } } : {}),
        });
      }
      const created = await context.clients.featureStore.datasets.create({ body: definition });
      context.out.result(created, () => context.out.line(`dataset ${created.name} created (task ${created.task})`));
    });

  datasets
    .command('freeze')
    .description('Freeze the next immutable version of a dataset (its records, label counts and content hash)')
    .argument('<name>', 'dataset name')
    .action(async (name, _options, command) => {
      const context = contextOf(command, io);
      printVersion(context, await context.clients.featureStore.datasets.freeze({ params: { name } }));
    });

  datasets
    .command('list')
    .description('List datasets with their latest version')
    .action(async (_options, command) => {
      const context = contextOf(command, io);
      const { items } = await context.clients.featureStore.datasets.list();
      context.out.result(items, () =>
        context.out.line(
          context.out.table(
            ['name', 'task', 'latest version', 'created'],
            items.map((d) => [d.name, d.task, d.latestVersion, d.createdAt]),
          ),
        ),
      );
    });

  datasets
    .command('show')
    .description('Show a dataset, or one of its versions with --dataset-version')
    .argument('<name>', 'dataset name')
    .option('--dataset-version <n>', 'a frozen version', positiveInt)
    .action(async (name, options, command) => {
      const context = contextOf(command, io);
      const store = context.clients.featureStore.datasets;
      if (options.datasetVersion !== undefined) {
        printVersion(context, await store.version({ params: { name, version: options.datasetVersion } }));
        return;
      }
      const dataset = await store.get({ params: { name } });
      const { items: versions } = await store.versions({ params: { name } });
      context.out.result({ ...dataset, versions }, () => {
        context.out.line(`${context.out.c.bold(dataset.name)} (task ${dataset.task}) ${dataset.description ?? ''}`);
        context.out.line(`filter: ${JSON.stringify(dataset.filter)}`);
        context.out.line(
          context.out.table(
            ['version', 'records', 'labels', 'created'],
            versions.map((v) => [v.version, v.recordCount, Object.keys(v.labelDistribution).length, v.createdAt]),
          ),
        );
      });
    });
}
