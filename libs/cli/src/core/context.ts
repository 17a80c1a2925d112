import { resolveSettings, type ConnectionFlags, type Settings } from '../config/resolve-settings.js';
import { Output } from '../output/output.js';
import type { CliIo } from './io.js';
import { createSuiteClients, type SuiteClients } from './suite-clients.js';

/** The global flags every command has (see buildProgram). */
export interface GlobalFlags extends ConnectionFlags {
  readonly json?: boolean;
  readonly color?: boolean;
}

/** What a command's action works with: settings, output, clients, and the process's I/O. */
export interface CommandContext {
  readonly settings: Settings;
  readonly out: Output;
  readonly io: CliIo;
  readonly clients: SuiteClients;
}

/** The version sent as `user-agent` (`mlops-cli/0.1.0`). */
export const CLI_VERSION = '0.1.0';

/** Reads the global flags of `command` (and its parents) into a context. */
export function contextOf(command: { optsWithGlobals(): unknown }, io: CliIo): CommandContext {
  const flags = command.optsWithGlobals() as GlobalFlags;
  const out = new Output({
    json: flags.json === true,
    noColor: flags.color === false,
    env: io.env,
    stdout: io.stdout,
    stderr: io.stderr,
  });
  const settings = resolveSettings(flags, io.env, io.home);
  let clients: SuiteClients | undefined;
  return {
    settings,
    out,
    io,
    get clients() {
      clients ??= createSuiteClients(settings, `mlops-cli/${CLI_VERSION}`);
      return clients;
    },
  };
}
