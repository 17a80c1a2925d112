import { describe, expect, it } from 'vitest';
import { managementUrlFor, parseInfraOutput, provideInfrastructure, repoRoot } from './infrastructure.js';

describe('infrastructure helpers', () => {
  it('parses the KEY=value lines scripts/infra prints, ignoring anything else', () => {
    expect(
      parseInfraOutput('noise\nMONGO_URL=mongodb://127.0.0.1:27018\n  AMQP_URL=amqp://g:g@h:1\nlower=x\n'),
    ).toEqual({
      MONGO_URL: 'mongodb://127.0.0.1:27018',
      AMQP_URL: 'amqp://g:g@h:1',
    });
  });

  it('derives the management URL from an AMQP URL', () => {
    expect(managementUrlFor('amqp://mlops:pw@rabbit:5672/vh')).toBe('http://mlops:pw@rabbit:15672');
    expect(managementUrlFor('amqp://rabbit')).toBe('http://guest:guest@rabbit:15672');
  });

  it('uses MONGO_URL and AMQP_URL when both are given, starting nothing', async () => {
    const [infrastructure, stop] = await provideInfrastructure({
      MONGO_URL: 'mongodb://m:1',
      AMQP_URL: 'amqp://a:b@r:2',
    });
    expect(infrastructure).toEqual({
      mongoUrl: 'mongodb://m:1',
      amqpUrl: 'amqp://a:b@r:2',
      amqpManagementUrl: 'http://a:b@r:15672',
      source: 'environment',
    });
    await expect(stop()).resolves.toBeUndefined();
  });

  it('finds the repository root from a nested folder and fails outside any workspace', () => {
    const root = repoRoot();
    expect(repoRoot(`${root}/libs/testing/src`)).toBe(root);
    expect(() => repoRoot('/')).toThrow(/pnpm-workspace.yaml/);
  });
});
