import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT } from '../core/cli-error.js';
import { resolveSettings } from './resolve-settings.js';

const home = (): string => mkdtempSync(join(tmpdir(), 'mlops-cli-home-'));

function withProfileFile(content: unknown): { home: string; path: string } {
  const dir = home();
  const path = join(dir, 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return { home: dir, path };
}

function failure(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

describe('resolveSettings', () => {
  it('defaults to the local suite without flags, environment or profile file', () => {
    const settings = resolveSettings({}, {}, home());
    expect(settings.endpoints).toMatchObject({
      featureStoreUrl: 'http://127.0.0.1:4001',
      trainerUrl: 'http://127.0.0.1:4004',
      inferenceUrl: 'http://127.0.0.1:4006',
    });
    expect(settings.apiKey).toBeUndefined();
    expect(settings.profile).toBeUndefined();
  });

  it('takes flags over environment over the profile file', () => {
    const { path } = withProfileFile({
      profiles: {
        default: {
          trainerUrl: 'http://profile:1',
          inferenceUrl: 'http://profile:2',
          reporterUrl: 'http://profile:3',
          apiKey: 'from-profile',
        },
      },
    });
    const settings = resolveSettings(
      { profileFile: path, trainerUrl: 'http://flag:1/' },
      { MLOPS_INFERENCE_URL: 'http://env:2', MLOPS_API_KEY: 'from-env' },
      home(),
    );
    expect(settings.endpoints.trainerUrl).toBe('http://flag:1');
    expect(settings.endpoints.inferenceUrl).toBe('http://env:2');
    expect(settings.endpoints.reporterUrl).toBe('http://profile:3');
    expect(settings.apiKey).toBe('from-env');
    expect(settings.profile).toBe('default');
    expect(
      resolveSettings({ profileFile: path, apiKey: 'from-flag' }, { MLOPS_API_KEY: 'from-env' }, home()).apiKey,
    ).toBe('from-flag');
  });

  it('reads ~/.config/mlops/config.json and picks the profile by flag, MLOPS_PROFILE or defaultProfile', () => {
    const dir = home();
    const path = join(dir, '.config', 'mlops', 'config.json');
    mkdirSync(join(dir, '.config', 'mlops'), { recursive: true });
    writeFileSync(
      path,
      JSON.stringify({
        defaultProfile: 'staging',
        profiles: { staging: { apiKey: 'staging-key' }, prod: { apiKey: 'prod-key' } },
      }),
    );
    expect(resolveSettings({}, {}, dir)).toMatchObject({ profile: 'staging', apiKey: 'staging-key', configPath: path });
    expect(resolveSettings({}, { MLOPS_PROFILE: 'prod' }, dir).apiKey).toBe('prod-key');
    expect(resolveSettings({ profile: 'staging' }, { MLOPS_PROFILE: 'prod' }, dir).apiKey).toBe('staging-key');
  });

  it('names the file and the field of an invalid profile file (usage error)', () => {
    const { path } = withProfileFile({ profiles: { default: { trainerUrl: 'not a url', colour: true } } });
    const error = failure(() => resolveSettings({ profileFile: path }, {}, home()));
    expect(error.exitCode).toBe(EXIT.usage);
    expect(error.message).toContain(path);
    expect([error.message, ...error.details].join('\n')).toMatch(/profiles\.default\.trainerUrl/);
    expect([error.message, ...error.details].join('\n')).toMatch(/profiles\.default.*colour/);
  });

  it('refuses bad JSON, a missing file given explicitly, an unknown profile and a bad URL in the environment', () => {
    expect(failure(() => resolveSettings({ profileFile: withProfileFile('{').path }, {}, home())).message).toMatch(
      /not valid JSON/,
    );
    expect(failure(() => resolveSettings({ profileFile: '/nonexistent/mlops.json' }, {}, home())).message).toMatch(
      /\/nonexistent\/mlops\.json: no such file/,
    );
    const { path } = withProfileFile({ profiles: { a: {} } });
    expect(failure(() => resolveSettings({ profileFile: path, profile: 'b' }, {}, home())).message).toMatch(
      /no profile "b" \(profiles: a\)/,
    );
    const env = failure(() => resolveSettings({}, { MLOPS_TRAINER_URL: 'ftp://x' }, home()));
    expect(env).toMatchObject({ exitCode: EXIT.usage });
    expect(env.message).toMatch(/^MLOPS_TRAINER_URL: /);
  });
});
