import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { UpstreamError } from '@mlops/clients';
import type { Report } from '@mlops/contracts';
import type { CommandContext } from '../core/context.js';
import { pollUntil } from '../core/wait.js';

/** Where a version's report is served by the reporter. */
export function reportUrl(context: CommandContext, model: string, version: number): string {
  return `${context.settings.endpoints.reporterUrl}/v1/reports/${model}/${version}.pdf`;
}

/** Waits until the version's report is `ready` (or `failed`), through `pending` and a 404 before it is asked for. */
export function waitForReport(context: CommandContext, model: string, version: number): Promise<Report> {
  const spinner = context.out.spinner(`rendering the report of ${model} v${version}`).start();
  return pollUntil(
    async () => {
      try {
        const report = await context.clients.reports.get({ params: { model, version } });
        return report.status === 'ready' || report.status === 'failed' ? report : undefined;
      } catch (error) {
        if (error instanceof UpstreamError && error.status === 404) return undefined;
        throw error;
      }
    },
    {
      signal: context.io.signal,
      intervalMs: 1000,
      timeoutMs: 600_000,
      timeoutHint: `the report of ${model} v${version} was not ready within 10 minutes`,
      resumeHint: `The report is rendered server-side; fetch it later with \`mlops report get ${model} ${version} -o report.pdf\`.`,
    },
  ).finally(() => spinner.stop());
}

/** Downloads the report's PDF to `path` (folders created); returns the absolute path and bytes written. */
export async function saveReport(
  context: CommandContext,
  model: string,
  version: number,
  path: string,
): Promise<{ path: string; bytes: number }> {
  const target = resolve(context.io.cwd, path);
  await mkdir(dirname(target), { recursive: true });
  const answer = await context.clients.reports.pdf({ params: { model, version } });
  let bytes = 0;
  answer.body.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await pipeline(answer.body, createWriteStream(target));
  return { path: target, bytes };
}
