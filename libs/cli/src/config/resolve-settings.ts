import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from '../core/cli-error.js';
import { profileFileSchema, type Profile } from './profile-file.js';
import { readJsonFile } from './read-json-file.js';
import { SERVICES, type EndpointKey, type Endpoints } from './services.js';

/** The global flags that configure where and as whom the CLI calls. */
export interface ConnectionFlags {
  readonly profile?: string;
  readonly profileFile?: string;
  readonly apiKey?: string;
  readonly featureStoreUrl?: string;
  readonly documentRecognitionUrl?: string;
  readonly nlpUrl?: string;
  readonly trainerUrl?: string;
  readonly reporterUrl?: string;
  readonly inferenceUrl?: string;
}

/** What every command calls with. */
export interface Settings {
  readonly endpoints: Endpoints;
  readonly apiKey: string | undefined;
  /** The profile used, when a profile file was read. */
  readonly profile: string | undefined;
  readonly configPath: string;
}

const urlSchema = z.url({ protocol: /^https?$/ });

/** The profile file's path: `--profile-file`, `MLOPS_CONFIG`, else `$XDG_CONFIG_HOME/mlops/config.json` (`~/.config`). */
export function configPathOf(flags: ConnectionFlags, env: NodeJS.ProcessEnv, home: string): string {
  return (
    flags.profileFile ?? env.MLOPS_CONFIG ?? join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'mlops', 'config.json')
  );
}

function readProfile(flags: ConnectionFlags, env: NodeJS.ProcessEnv, path: string): [string | undefined, Profile] {
  const explicitFile = flags.profileFile !== undefined || env.MLOPS_CONFIG !== undefined;
  const wanted = flags.profile ?? env.MLOPS_PROFILE;
  if (!existsSync(path)) {
    if (explicitFile)
      throw new CliError(
        EXIT.usage,
        `${path}: no such file (given by --profile-file or MLOPS_CONFIG)`,
        'CONFIG_MISSING',
      );
    if (wanted !== undefined)
      throw new CliError(EXIT.usage, `profile "${wanted}" asked for, but ${path} does not exist`, 'PROFILE_MISSING');
    return [undefined, {}];
  }
  const file = readJsonFile(path, profileFileSchema, EXIT.usage);
  const name = wanted ?? file.defaultProfile;
  const profile = file.profiles[name];
  if (profile === undefined && wanted !== undefined) {
    const known = Object.keys(file.profiles);
    throw new CliError(
      EXIT.usage,
      `${path}: no profile "${name}" (profiles: ${known.length > 0 ? known.join(', ') : 'none'})`,
      'PROFILE_MISSING',
    );
  }
  return [profile === undefined ? undefined : name, profile ?? {}];
}

function checkedUrl(value: string, origin: string): string {
  if (!urlSchema.safeParse(value).success) {
    throw new CliError(EXIT.usage, `${origin}: "${value}" is not an http(s) URL`, 'CONFIG_INVALID');
  }
  return value.replace(/\/+$/, '');
}

/**
 * Resolves endpoints and key, first found wins: flags, then environment (`MLOPS_*_URL`,
 * `MLOPS_API_KEY`), then the profile file, then the local suite's defaults (127.0.0.1:4001-4006).
 */
export function resolveSettings(flags: ConnectionFlags, env: NodeJS.ProcessEnv, home: string): Settings {
  const configPath = configPathOf(flags, env, home);
  const [profileName, profile] = readProfile(flags, env, configPath);
  const endpoint = (service: (typeof SERVICES)[number]): string => {
    const key: EndpointKey = service.key;
    const fromFlag = flags[key];
    if (fromFlag !== undefined) return checkedUrl(fromFlag, `--${service.flag}`);
    const fromEnv = env[service.env];
    if (fromEnv !== undefined && fromEnv !== '') return checkedUrl(fromEnv, service.env);
    return profile[key] ?? `http://127.0.0.1:${service.port}`;
  };
  const endpoints = Object.fromEntries(SERVICES.map((service) => [service.key, endpoint(service)])) as Record<
    EndpointKey,
    string
  >;
  const envKey = env.MLOPS_API_KEY === '' ? undefined : env.MLOPS_API_KEY;
  return { endpoints, apiKey: flags.apiKey ?? envKey ?? profile.apiKey, profile: profileName, configPath };
}
