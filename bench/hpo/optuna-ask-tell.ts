/**
 * Optuna driven from Node over JSON lines (bench/hpo/peers/optuna_ask_tell.py): Optuna suggests
 * with its ask-and-tell interface, Node evaluates the objective, so both samplers see the very same
 * objective (same trainer, split and seeds).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Assignment, SearchSpace } from '@mlops/ml';
import { z } from 'zod';

const SCRIPT = fileURLToPath(new URL('./peers/optuna_ask_tell.py', import.meta.url));
const answerSchema = z.object({
  ok: z.boolean().optional(),
  version: z.string().optional(),
  number: z.number().int().optional(),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  seconds: z.number(),
});
type Answer = z.output<typeof answerSchema>;

/** One Optuna process: `study` starts a study, `ask`/`tell` run its trials, `close` ends the process. */
export interface OptunaAskTell {
  readonly study: (
    sampler: 'tpe' | 'random',
    seed: number,
    direction: 'maximize',
    space: SearchSpace,
  ) => Promise<string>;
  readonly ask: () => Promise<{ number: number; params: Assignment; cpuSeconds: number }>;
  readonly tell: (number: number, value: number) => Promise<number>;
  readonly close: () => Promise<void>;
}

/** Starts the Optuna peer with the bench venv's `python`. */
export function startOptunaAskTell(python: string): OptunaAskTell {
  const child = spawn(python, [SCRIPT], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const call = async (message: Record<string, unknown>): Promise<Answer> => {
    child.stdin.write(`${JSON.stringify(message)}\n`);
    const next = await lines.next();
    if (next.done) throw new Error('the Optuna peer ended early');
    return answerSchema.parse(JSON.parse(next.value));
  };
  return {
    study: async (sampler, seed, direction, space) =>
      (await call({ op: 'study', sampler, seed, direction, space })).version ?? 'unknown',
    ask: async () => {
      const answer = await call({ op: 'ask' });
      if (answer.number === undefined || !answer.params)
        throw new Error('the Optuna peer answered ask without a trial');
      return { number: answer.number, params: answer.params, cpuSeconds: answer.seconds };
    },
    tell: async (number, value) => (await call({ op: 'tell', number, value })).seconds,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}
