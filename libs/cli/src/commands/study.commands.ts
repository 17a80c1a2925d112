import type { Command } from '@commander-js/extra-typings';
import { studyCreateSchema, studyParamsSchema, type Study } from '@mlops/contracts';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf, type CommandContext } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { readJsonFile } from '../config/read-json-file.js';
import { fixed } from '../output/format.js';
import { printStudy, trialCounts } from '../studies/study-tables.js';
import { watchStudy } from '../studies/watch-study.js';
import { positiveInt, slugFlag } from './flag-parsers.js';

const idArg = slugFlag('id', studyParamsSchema.shape.id);

/** Prints a finished study (or its JSON) and fails with exit 1 when every trial failed. */
function finish(context: CommandContext, study: Study): void {
  context.out.result(study, () => printStudy(context.out, study));
  if (study.status === 'failed') {
    throw new CliError(
      EXIT.failure,
      `the study ${study.id} failed: ${study.reason ?? 'no trial succeeded'}`,
      'STUDY_FAILED',
      [],
      true,
    );
  }
}

/** `mlops study create | list | show | watch | cancel`. */
export function registerStudyCommands(program: Command, io: CliIo): void {
  const study = program
    .command('study')
    .description('Hyperparameter studies: trials as training jobs, best trial, parameter importances');

  study
    .command('create')
    .description('Start a study from a study.json (the body of POST /v1/studies: base, space, budget, sampler ...)')
    .requiredOption('-f, --file <study.json>', 'the study definition')
    .option('--watch', 'follow it until it ends, then show it')
    .action(async (options, command) => {
      const context = contextOf(command, io);
      const body = readJsonFile(options.file, studyCreateSchema, EXIT.failure);
      const created = await context.clients.studies.create({ body });
      if (options.watch) {
        finish(context, await watchStudy(context, created.id));
        return;
      }
      context.out.result(created, () => {
        context.out.line(
          `study ${created.id} ${created.status}: model ${created.modelName}, sampler ${created.sampler}`,
        );
        context.out.line(`follow it with \`mlops study watch ${created.id}\``);
      });
    });

  study
    .command('list')
    .description('List studies, newest first')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .action(async (options, command) => {
      const context = contextOf(command, io);
      const page = await context.clients.studies.list({ query: { limit: Math.min(options.limit, 200) } });
      context.out.result(page.items, () => {
        if (page.items.length === 0) {
          context.out.line('No study yet: start one with `mlops study create --file study.json`.');
          return;
        }
        context.out.line(
          context.out.table(
            ['id', 'name', 'model', 'status', 'sampler', 'trials', 'best', 'created'],
            page.items.map((s) => [
              s.id,
              s.name ?? '-',
              s.modelName,
              s.status,
              s.sampler,
              `${s.trials.complete}/${s.trials.total}`,
              fixed(s.bestValue),
              s.createdAt,
            ]),
          ),
        );
      });
    });

  study
    .command('show')
    .description('Show a study: trial table, best trial (and the version it registered), parameter importances')
    .argument('<id>', 'study id', idArg)
    .action(async (id, _options, command) => {
      const context = contextOf(command, io);
      const found = await context.clients.studies.get({ params: { id } });
      context.out.result(found, () => printStudy(context.out, found));
    });

  study
    .command('watch')
    .description('Follow a study: a line per trial as it starts and ends, then the study as `show` prints it')
    .argument('<id>', 'study id', idArg)
    .action(async (id, _options, command) => {
      const context = contextOf(command, io);
      finish(context, await watchStudy(context, id));
    });

  study
    .command('cancel')
    .description('Cancel a study: no new trial starts, running trials stop after their current epoch')
    .argument('<id>', 'study id', idArg)
    .action(async (id, _options, command) => {
      const context = contextOf(command, io);
      const cancelled = await context.clients.studies.cancel({ params: { id } });
      context.out.result(cancelled, () =>
        context.out.line(`study ${id}: cancel requested (${trialCounts(cancelled)}); it ends once no trial runs`),
      );
    });
}
