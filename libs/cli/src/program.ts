import { Command, Option } from '@commander-js/extra-typings';
import { registerDatasetCommands } from './commands/datasets.commands.js';
import { registerDemoCommand } from './commands/demo.command.js';
import { registerIngestCommand } from './commands/ingest.command.js';
import { registerKeyCommands } from './commands/keys.commands.js';
import { registerLabelCommands } from './commands/labels.commands.js';
import { registerModelCommands } from './commands/models.commands.js';
import { registerPredictCommand } from './commands/predict.command.js';
import { registerReportCommand } from './commands/report.command.js';
import { registerRolloutCommands } from './commands/rollout.commands.js';
import { registerScheduleCommands } from './commands/schedules.commands.js';
import { registerStudyCommands } from './commands/study.commands.js';
import { registerSuiteCommands } from './commands/suite.commands.js';
import { registerTrainCommand } from './commands/train.command.js';
import { SERVICES } from './config/services.js';
import { CLI_VERSION } from './core/context.js';
import type { CliIo } from './core/io.js';

const EXIT_CODES_HELP = `
Exit codes: 0 done; 1 the operation failed (job failed, documents failed, invalid input file, request refused);
2 usage (unknown command or flag, bad value, invalid CLI config); 3 a service is unreachable;
4 API key missing or refused; 5 timed out; 130 interrupted while waiting (the work goes on server-side).

Configuration, first found wins: flags, environment (MLOPS_<SERVICE>_URL, MLOPS_API_KEY, MLOPS_PROFILE,
MLOPS_CONFIG), the profile file (~/.config/mlops/config.json: {"defaultProfile": "...", "profiles":
{"<name>": {"featureStoreUrl": "...", "trainerUrl": "...", "apiKey": "..."}}}), then the local suite
(127.0.0.1:4001-4006). NO_COLOR turns colour off.`;

/** The `mlops` program: global flags, every command group, exit codes in the help. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('mlops')
    .description(
      'The MLOps suite from the command line: bring it up, ingest, label, train, promote, predict, get reports',
    )
    .version(CLI_VERSION)
    .option('--json', 'machine output: one JSON document on stdout, no colour, no progress')
    .option('--no-color', 'no colour (also: NO_COLOR=1)')
    .option('--profile <name>', 'profile of the config file')
    .option('--profile-file <file>', 'the profile file (default ~/.config/mlops/config.json; also: MLOPS_CONFIG)')
    .addOption(new Option('--api-key <key>', 'API key sent as Authorization: Bearer (also: MLOPS_API_KEY)'))
    .addHelpText('after', EXIT_CODES_HELP)
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  for (const service of SERVICES) {
    program.addOption(new Option(`--${service.flag} <url>`, `${service.name} URL (also: ${service.env})`));
  }
  registerDemoCommand(program, io);
  registerSuiteCommands(program, io);
  registerIngestCommand(program, io);
  registerDatasetCommands(program, io);
  registerLabelCommands(program, io);
  registerTrainCommand(program, io);
  registerStudyCommands(program, io);
  registerModelCommands(program, io);
  registerScheduleCommands(program, io);
  registerRolloutCommands(program, io);
  registerPredictCommand(program, io);
  registerReportCommand(program, io);
  registerKeyCommands(program, io);
  applyToAll(program, (command) => command.exitOverride().showSuggestionAfterError().showHelpAfterError(true));
  return program;
}

function applyToAll(command: Command, apply: (command: Command) => void): void {
  for (const child of command.commands as unknown as Command[]) {
    apply(child);
    applyToAll(child, apply);
  }
}
