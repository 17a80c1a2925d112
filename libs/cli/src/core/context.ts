import { resolveSettings, type ConnectionFlags, type Settings } from '../config/resolve-settings.js';
import { localAdminKey } from '../suite/local-key.js';
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

function isLoopback(url: string): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
}

/**
 * Without a key from a flag, the environment or the profile, and only when every endpoint is on
 * this machine: the local suite's admin key (scripts/up's), so the local suite just works. A key
 * of this machine is never sent to another host.
 */
function withLocalKey(settings: Settings, env: NodeJS.ProcessEnv): Settings {
  if (settings.apiKey !== undefined || !Object.values(settings.endpoints).every(isLoopback)) return settings;
  const apiKey = localAdminKey(env);
  return apiKey === undefined ? settings : { ...settings, apiKey };
}

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
  const settings = withLocalKey(resolveSettings(flags, io.env, io.home), io.env);
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
