import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { HttpApp } from '@mlops/http';
import { createTestEnvironment, TEST_KEYS, testKeyVerifier, type TestEnvironment } from '@mlops/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildRecognition } from '../../services/document-recognition/src/app.js';
import { loadDocumentRecognitionConfig } from '../../services/document-recognition/src/config.js';
import { buildApp as buildNlp } from '../../services/nlp/src/app.js';
import { loadNlpConfig } from '../../services/nlp/src/config.js';
import type { HostileCase } from './generate-corpus.js';

/*
 * The hostile-file corpus (generated at test time by generate-corpus.ts into a temp dir) fed to
 * document-recognition and nlp running on loopback: each file gets a clear answer (a 4xx
 * problem naming what is wrong, or 200 where the file is legitimate but large) within its
 * deadline, /healthz keeps answering while it is processed (latency recorded), and the
 * process's peak RSS stays under a stated bound. The figures are printed for wiki/reliability.md.
 */

/** RECOGNITION_TIMEOUT_MS and NLP_TIMEOUT_MS of the services under test. */
const DEADLINE_MS = 30_000;
/** Past the deadline: the worker's grace, the wait for a worker to start, the upload itself. */
const SLACK_MS = 20_000;
const PEAK_RSS_BOUND_MB = 1536;
const HEALTH_POLL_MS = 25;

interface Outcome {
  readonly name: string;
  readonly status: number;
  readonly code: string;
  readonly ms: number;
  readonly healthMaxMs: number;
  readonly healthAnswers: number;
  readonly rssMb: number;
}

const baseUrl = (app: HttpApp) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const authorization = `Bearer ${TEST_KEYS.service}`;

/** Polls `/healthz` until stopped; resolves with the slowest answer's latency and how many answered 200. */
function pollHealth(base: string): { stop: () => Promise<{ maxMs: number; answers: number }> } {
  const state = { running: true };
  const polling = (async () => {
    let maxMs = 0;
    let answers = 0;
    while (state.running) {
      const started = performance.now();
      const response = await fetch(`${base}/healthz`);
      await response.arrayBuffer();
      maxMs = Math.max(maxMs, performance.now() - started);
      if (response.status === 200) answers += 1;
      await sleep(HEALTH_POLL_MS);
    }
    return { maxMs, answers };
  })();
  return {
    stop: () => {
      state.running = false;
      return polling;
    },
  };
}

function request(entry: HostileCase, bytes: Buffer, bases: Record<HostileCase['target'], string>): Promise<Response> {
  const base = bases[entry.target];
  if (entry.send === 'multipart') {
    const form = new FormData();
    form.append('file', new Blob([bytes]), entry.filename ?? entry.file);
    return fetch(`${base}/v1/extract`, { method: 'POST', headers: { authorization }, body: form });
  }
  const headers: Record<string, string> = { authorization, 'content-type': 'application/json' };
  if (entry.send === 'gzip-json') headers['content-encoding'] = 'gzip';
  const body = entry.send === 'gzip-json' ? bytes : JSON.stringify({ texts: [bytes.toString('utf8')] });
  return fetch(`${base}${entry.route ?? ''}`, { method: 'POST', headers, body });
}

describe('hostile files', () => {
  let environment: TestEnvironment;
  let dir: string;
  let cases: HostileCase[];
  const apps: HttpApp[] = [];
  const bases = { recognition: '', nlp: '' };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostile-corpus-'));
    const generator = fileURLToPath(new URL('./generate-corpus.ts', import.meta.url));
    execFileSync(process.execPath, ['--import', 'tsx', generator, dir], { stdio: 'inherit' });
    cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as HostileCase[];
    environment = await createTestEnvironment('hostile files');
    const common = { ...environment.env, RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'warn' };
    const recognition = await buildRecognition(
      loadDocumentRecognitionConfig({
        ...common,
        RECOGNITION_TIMEOUT_MS: String(DEADLINE_MS),
        RECOGNITION_WORKERS: '2',
        RECOGNITION_WORKER_MEMORY_MB: '512',
      }),
      { keyVerifier: testKeyVerifier },
    );
    const nlp = await buildNlp(
      loadNlpConfig({
        ...common,
        NLP_TIMEOUT_MS: String(DEADLINE_MS),
        NLP_WORKERS: '2',
        NLP_MAX_TEXT_CHARS: '5000000',
        NLP_MAX_TOTAL_CHARS: '5000000',
        HTTP_BODY_LIMIT_BYTES: String(32 * 1024 * 1024),
      }),
      { keyVerifier: testKeyVerifier },
    );
    for (const app of [recognition, nlp]) {
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
    }
    bases.recognition = baseUrl(recognition);
    bases.nlp = baseUrl(nlp);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await environment.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every file clearly within its deadline while /healthz keeps answering, under the RSS bound', async () => {
    const outcomes: Outcome[] = [];
    for (const entry of cases) {
      const bytes = readFileSync(join(dir, entry.file));
      const health = pollHealth(bases[entry.target]);
      const started = performance.now();
      const response = await request(entry, bytes, bases);
      const body = await response.text();
      const ms = performance.now() - started;
      const { maxMs, answers } = await health.stop();
      const problem = response.status >= 400 ? (JSON.parse(body) as { code?: string; detail?: string }) : {};
      outcomes.push({
        name: entry.name,
        status: response.status,
        code: problem.code ?? '',
        ms: Math.round(ms),
        healthMaxMs: Math.round(maxMs),
        healthAnswers: answers,
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
      });
      expect(entry.accept, `${entry.name}: ${response.status} ${body.slice(0, 300)}`).toContain(response.status);
      if (response.status >= 400) {
        expect(response.headers.get('content-type'), entry.name).toMatch(/^application\/problem\+json/);
        expect(problem.detail, entry.name).toBeTruthy();
      }
      expect(ms, `${entry.name} answered within its deadline`).toBeLessThan(DEADLINE_MS + SLACK_MS);
      expect(maxMs, `${entry.name}: /healthz stayed responsive`).toBeLessThan(DEADLINE_MS);
      expect(answers, `${entry.name}: /healthz answered while it was processed`).toBeGreaterThan(0);
    }
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const columns = ['name', 'status', 'code', 'ms', 'healthMaxMs', 'healthAnswers', 'rssMb'] as const;
    const rows = outcomes.map((outcome) => columns.map((column) => String(outcome[column])).join('\t'));
    process.stdout.write(`\n${columns.join('\t')}\n${rows.join('\n')}\n`);
    process.stdout.write(
      `hostile corpus: ${outcomes.length} files, max /healthz latency ${Math.max(...outcomes.map((o) => o.healthMaxMs))} ms, ` +
        `peak RSS ${peakRssMb} MB (bound ${PEAK_RSS_BOUND_MB} MB)\n`,
    );
    expect(peakRssMb).toBeLessThan(PEAK_RSS_BOUND_MB);
  }, 900_000);
});
