import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { EXIT } from './core/cli-error.js';
import { runCli } from './run-cli.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    env: { HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', ...env },
    stdout: { write: (chunk: string) => stdout.push(chunk), isTTY: false },
    stderr: { write: (chunk: string) => stderr.push(chunk), isTTY: false },
    stdin: new PassThrough(),
    cwd: process.cwd(),
    home: '/nonexistent',
    signal: new AbortController().signal,
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

describe('runCli', () => {
  it('exits 0 with --help and --version', async () => {
    expect((await run(['--help'])).code).toBe(EXIT.ok);
    expect((await run(['train', '--help'])).stdout).toMatch(/--config <file>/);
    expect((await run(['--version'])).code).toBe(EXIT.ok);
  });

  it('exits 2 with the usage on an unknown command or flag, a missing option, a bad value', async () => {
    const unknown = await run(['trian']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toMatch(/unknown command 'trian'/);
    expect(unknown.stderr).toMatch(/Did you mean train\?/);
    const flag = await run(['predict', '--model', 'x', '--colour']);
    expect(flag.code).toBe(EXIT.usage);
    expect(flag.stderr).toMatch(/unknown option '--colour'/);
    expect(flag.stderr).toMatch(/Usage: mlops predict/);
    expect((await run(['predict', 'text'])).stderr).toMatch(/required option '-m, --model <name>'/);
    expect((await run(['predict', '--model', 'Bad Name', 'text'])).code).toBe(EXIT.usage);
    expect((await run(['models', 'show', 'spam', 'zero'])).code).toBe(EXIT.usage);
    expect((await run(['ingest', '--label', 'x', '.'])).stderr).toMatch(/--label and --label-from need --task/);
  });

  it('exits 2 naming the variable of a bad URL, and 3 naming the service it cannot reach', async () => {
    const bad = await run(['models', 'list'], { MLOPS_TRAINER_URL: 'nope' });
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/MLOPS_TRAINER_URL: "nope" is not an http\(s\) URL/);
    const down = await run(['--json', 'models', 'list'], { MLOPS_TRAINER_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(EXIT.unreachable);
    expect(down.stderr).toMatch(
      /dl-trainer is not reachable at http:\/\/127\.0\.0\.1:9: start the local suite with `mlops up`/,
    );
    expect(JSON.parse(down.stdout)).toMatchObject({ error: { code: 'SERVICE_UNREACHABLE' } });
    expect(down.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints a refused request's fields once each, with the request id", async () => {
    const problem = {
      type: 'https://mlops.local/problems/http-validation-failed',
      title: 'Request validation failed',
      status: 400,
      detail: '/body/texts/0: an empty text has nothing to classify',
      code: 'HTTP_VALIDATION_FAILED',
      requestId: 'req-1',
      errors: [{ pointer: '/body/texts/0', message: 'an empty text has nothing to classify' }],
    };
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () =>
        response.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify(problem)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const refused = await run(['predict', '--model', 'spam', ''], {
        MLOPS_INFERENCE_URL: `http://127.0.0.1:${port}`,
        MLOPS_API_KEY: 'mlk_test',
      });
      expect(refused.code).toBe(EXIT.failure);
      expect(refused.stderr.match(/an empty text has nothing to classify/g)).toHaveLength(1);
      expect(refused.stderr).toMatch(/answered 400: HTTP_VALIDATION_FAILED\n\s+\/body\/texts\/0: an empty text/);
      expect(refused.stderr).toContain('request id req-1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exits 1 naming the file and field of an invalid train.json', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mlops-run-')), 'train.json');
    writeFileSync(path, JSON.stringify({ modelName: 'spam', task: 'spam', dataset: { name: 'x', version: 'one' } }));
    const result = await run(['train', '--config', path]);
    expect(result.code).toBe(EXIT.failure);
    expect(result.stderr).toContain(`${path} is invalid: dataset.version:`);
  });
});
