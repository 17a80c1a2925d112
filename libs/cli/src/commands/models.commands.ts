import type { Command } from '@commander-js/extra-typings';
import { modelAliasSchema, modelNameSchema } from '@mlops/contracts';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { percent } from '../output/format.js';
import { checksumOf, packFolder, readFolder, unpackFolder } from '../models/model-folder.js';
import { metricsTables } from '../train/metrics-table.js';
import { positiveInt, slugFlag } from './flag-parsers.js';
import { registerDecisionsCommand } from './schedules.commands.js';

const nameArg = slugFlag('model', modelNameSchema);
const aliasFlag = slugFlag('--alias', modelAliasSchema);

/** `mlops models list | show | promote | rollback | export | import | decisions`. */
export function registerModelCommands(program: Command, io: CliIo): void {
  const models = program
    .command('models')
    .description('The model registry: versions, aliases (production, staging ...), folders');
  const who = io.env.USER ?? 'mlops-cli';

  models
    .command('list')
    .description('List models with their latest version and aliases')
    .action(async (_options, command) => {
      const context = contextOf(command, io);
      const page = await context.clients.registry.models.list({ query: { limit: 100 } });
      context.out.result(page.items, () =>
        context.out.line(
          context.out.table(
            ['model', 'latest', 'aliases', 'created'],
            page.items.map((m) => [
              m.name,
              m.latestVersion,
              Object.entries(m.aliases)
                .map(([alias, v]) => `${alias}=v${v}`)
                .join(' '),
              m.createdAt,
            ]),
          ),
        ),
      );
    });

  models
    .command('show')
    .description('Show a model: its versions with test macro-F1 and aliases; with a version, its metrics')
    .argument('<model>', 'model name', nameArg)
    .argument('[version]', 'a version', positiveInt)
    .action(async (name, version, _options, command) => {
      const context = contextOf(command, io);
      const { registry } = context.clients;
      const { out } = context;
      if (version !== undefined) {
        const found = await registry.versions.get({ params: { name, version } });
        out.result(found, () => {
          out.line(
            `${out.c.bold(`${name} v${version}`)} (${found.source}, ${found.createdAt}, by ${found.createdBy}), labels: ${found.labels.join(', ')}`,
          );
          if (found.lineage)
            out.line(
              `dataset ${found.lineage.datasetName} v${found.lineage.datasetVersion}, run ${found.lineage.runId ?? '-'}`,
            );
          out.line(metricsTables(out, found.metrics));
        });
        return;
      }
      const model = await registry.models.get({ params: { name } });
      const versions = await registry.versions.list({ params: { name }, query: { limit: 100 } });
      const aliasesOf = (v: number) =>
        Object.entries(model.aliases)
          .filter(([, at]) => at === v)
          .map(([alias]) => alias)
          .join(' ');
      out.result({ ...model, versions: versions.items }, () =>
        out.line(
          out.table(
            ['version', 'aliases', 'macro-F1', 'source', 'created'],
            versions.items.map((v) => [
              v.version,
              aliasesOf(v.version),
              percent(typeof v.metrics.macroF1 === 'number' ? v.metrics.macroF1 : undefined),
              v.source,
              v.createdAt,
            ]),
          ),
        ),
      );
    });

  models
    .command('promote')
    .description('Point an alias (production by default) at a version; audited with --reason')
    .argument('<model>', 'model name', nameArg)
    .argument('<version>', 'the version', positiveInt)
    .option('--alias <alias>', 'the alias to move', aliasFlag, 'production')
    .requiredOption('--reason <text>', 'why (required; kept in the audit trail and the decisions)')
    .action(async (name, version, options, command) => {
      const context = contextOf(command, io);
      const move = await context.clients.registry.aliases.put(
        { params: { name, alias: options.alias }, body: { version, reason: options.reason } },
        { headers: { 'x-user': who } },
      );
      context.out.result(move, () =>
        context.out.line(`${name} ${options.alias}: v${move.previousVersion ?? '-'} → v${move.version ?? '-'}`),
      );
    });

  models
    .command('rollback')
    .description('Point an alias back at the version it held before its last move (or at --to VERSION)')
    .argument('<model>', 'model name', nameArg)
    .option('--alias <alias>', 'the alias', aliasFlag, 'production')
    .option('--to <version>', 'the version to go back to', positiveInt)
    .requiredOption('--reason <text>', 'why (required; kept in the audit trail and the decisions)')
    .action(async (name, options, command) => {
      const context = contextOf(command, io);
      const { registry } = context.clients;
      let target = options.to;
      if (target === undefined) {
        const history = await registry.aliases.history({ params: { name, alias: options.alias }, query: { limit: 1 } });
        target = history.items[0]?.previousVersion ?? undefined;
        if (target === undefined) {
          throw new CliError(
            EXIT.failure,
            `${name} ${options.alias} has no previous version to roll back to`,
            'NO_PREVIOUS',
          );
        }
      }
      const move = await registry.aliases.put(
        { params: { name, alias: options.alias }, body: { version: target, reason: options.reason } },
        { headers: { 'x-user': who } },
      );
      context.out.result(move, () =>
        context.out.line(`${name} ${options.alias}: v${move.previousVersion ?? '-'} → v${move.version ?? '-'}`),
      );
    });

  models
    .command('export')
    .description(
      "Write a version's folder (model.onnx, manifest.json ...) into a directory, checked against the registry's checksum",
    )
    .argument('<model>', 'model name', nameArg)
    .argument('<dir>', 'the directory to write')
    .option('--model-version <n>', 'the version (default: the one --alias points at)', positiveInt)
    .option('--alias <alias>', 'the alias to export', aliasFlag, 'production')
    .action(async (name, dir, options, command) => {
      const context = contextOf(command, io);
      const { registry } = context.clients;
      const version =
        options.modelVersion ?? (await registry.aliases.resolve({ params: { name, alias: options.alias } })).version;
      const answer = await registry.versions.tarball({ params: { name, version } });
      const files = await unpackFolder(answer.body, dir);
      const checksum = checksumOf(files);
      const expected = answer.headers.get('x-folder-checksum');
      if (expected !== null && expected !== checksum) {
        throw new CliError(
          EXIT.failure,
          `${dir}: folder checksum ${checksum} differs from the registry's ${expected}`,
          'CHECKSUM',
        );
      }
      context.out.result({ name, version, dir, files: files.length, folderChecksum: checksum }, () =>
        context.out.line(`${name} v${version}: ${files.length} files in ${dir} (checksum ${checksum.slice(0, 12)})`),
      );
    });

  models
    .command('import')
    .description(
      'Register a model folder (with manifest.json) as the next version of a model; the same folder twice gives the same version',
    )
    .argument('<model>', 'model name', nameArg)
    .argument('<dir>', 'the folder')
    .action(async (name, dir, _options, command) => {
      const context = contextOf(command, io);
      const files = await readFolder(dir);
      const checksum = checksumOf(files);
      const version = await context.clients.registry.versions.import(
        { params: { name }, upload: { files: { content: await packFolder(files), contentType: 'application/gzip' } } },
        { headers: { 'idempotency-key': `import-${checksum}`, 'x-user': who } },
      );
      context.out.result(version, () =>
        context.out.line(
          `${name} v${version.version} registered from ${dir} (checksum ${version.folderChecksum.slice(0, 12)})`,
        ),
      );
    });
  registerDecisionsCommand(models, io);
}
