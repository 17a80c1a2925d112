import type { Readable } from 'node:stream';
import type { Sink } from '../output/output.js';

/** What a run of the CLI reads and writes: the process's in a terminal, stand-ins in tests. */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Sink;
  readonly stderr: Sink;
  readonly stdin: Readable & { readonly isTTY?: boolean };
  readonly cwd: string;
  readonly home: string;
  /** Aborted on Ctrl-C: waits stop and say how to resume watching. */
  readonly signal: AbortSignal;
}
