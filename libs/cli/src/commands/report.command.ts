import type { Command } from '@commander-js/extra-typings';
import { modelNameSchema } from '@mlops/contracts';
import { CliError, EXIT } from '../core/cli-error.js';
import { contextOf } from '../core/context.js';
import type { CliIo } from '../core/io.js';
import { reportUrl, saveReport, waitForReport } from '../train/report-file.js';
import { positiveInt, slugFlag } from './flag-parsers.js';

/** `mlops report get MODEL VERSION [-o file.pdf]`. */
export function registerReportCommand(program: Command, io: CliIo): void {
  const report = program
    .command('report')
    .description('Run reports of model versions (PDF slides rendered by the reporter)');

  report
    .command('get')
    .description("Show a version's report status and URL; with -o, wait until it is rendered and save the PDF")
    .argument('<model>', 'model name', slugFlag('model', modelNameSchema))
    .argument('<version>', 'the version', positiveInt)
    .option('-o, --output <file>', 'save the PDF here')
    .option('--no-wait', 'do not wait for a report still rendering')
    .action(async (model, version, options, command) => {
      const context = contextOf(command, io);
      const found =
        options.wait || options.output !== undefined
          ? await waitForReport(context, model, version)
          : await context.clients.reports.get({ params: { model, version } });
      const url = reportUrl(context, model, version);
      if (found.status === 'failed') {
        throw new CliError(
          EXIT.failure,
          `the report of ${model} v${version} failed: ${found.error?.code ?? ''} ${found.error?.message ?? ''}`,
          'REPORT_FAILED',
        );
      }
      const saved =
        options.output !== undefined && found.status === 'ready'
          ? await saveReport(context, model, version, options.output)
          : undefined;
      context.out.result({ ...found, url, ...(saved ? { path: saved.path, bytes: saved.bytes } : {}) }, () => {
        context.out.line(
          `${model} v${version}: ${found.status}${found.pages === undefined ? '' : `, ${found.pages} pages`}  ${url}`,
        );
        if (saved) context.out.line(`saved ${saved.path} (${saved.bytes} bytes)`);
      });
    });
}
