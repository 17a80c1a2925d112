import Table from 'cli-table3';
import ora, { type Ora } from 'ora';
import { createColors } from 'picocolors';

type Colors = ReturnType<typeof createColors>;

/** A writable the output goes to; `isTTY` says whether a person is watching it. */
export interface Sink {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** How a run of the CLI prints. */
export interface OutputOptions {
  /** `--json`: one JSON document on stdout, nothing else (no colour, no progress). */
  readonly json: boolean;
  /** `--no-color` was given. */
  readonly noColor: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Sink;
  readonly stderr: Sink;
}

/**
 * Whether to colour: never with `--json`, `--no-color` or `NO_COLOR` set; always with
 * `FORCE_COLOR` set (not `0`); else when stdout is a terminal.
 */
export function colorEnabled(options: OutputOptions): boolean {
  if (options.json || options.noColor) return false;
  if (options.env.NO_COLOR !== undefined && options.env.NO_COLOR !== '') return false;
  if (options.env.FORCE_COLOR !== undefined && options.env.FORCE_COLOR !== '0') return true;
  return options.stdout.isTTY === true;
}

/** Results on stdout, progress and notes on stderr; colour, spinners and bars only for a person at a terminal. */
export class Output {
  readonly json: boolean;
  /** Spinners and progress bars are drawn (stderr is a terminal and not `--json`). */
  readonly interactive: boolean;
  readonly color: boolean;
  readonly c: Colors;
  readonly stdout: Sink;
  readonly stderr: Sink;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.color = colorEnabled(options);
    this.c = createColors(this.color);
    this.interactive = !options.json && options.stderr.isTTY === true;
    this.stdout = options.stdout;
    this.stderr = options.stderr;
  }

  /** A line of human output on stdout (nothing with `--json`). */
  line(text = ''): void {
    if (!this.json) this.stdout.write(`${text}\n`);
  }

  /** A progress note on stderr (nothing with `--json`). */
  note(text: string): void {
    if (!this.json) this.stderr.write(`${text}\n`);
  }

  /** The command's result: the JSON document with `--json`, else what `render` prints. */
  result(value: unknown, render: () => void): void {
    if (this.json) this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else render();
  }

  /** A table as text: a header row, then rows; coloured header only when colouring. */
  table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
    const table = new Table({
      head: head.map((cell) => this.c.bold(cell)),
      style: { head: [], border: [], compact: true },
    });
    table.push(...rows.map((row) => row.map(String)));
    return table.toString();
  }

  /** A spinner on stderr, drawn only at a terminal. */
  spinner(text: string): Ora {
    return ora({
      text,
      stream: this.stderr as NodeJS.WritableStream,
      isEnabled: this.interactive,
      isSilent: !this.interactive,
    });
  }
}
