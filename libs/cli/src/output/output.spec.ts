import { describe, expect, it } from 'vitest';
import { counts, duration, percent } from './format.js';
import { colorEnabled, Output } from './output.js';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, isTTY, write: (chunk: string) => chunks.push(chunk) };
};

describe('output', () => {
  it('colours only a terminal, never with --json, --no-color or NO_COLOR; FORCE_COLOR forces it', () => {
    const base = { json: false, noColor: false, env: {}, stdout: sink(true), stderr: sink(true) };
    expect(colorEnabled(base)).toBe(true);
    expect(colorEnabled({ ...base, stdout: sink(false) })).toBe(false);
    expect(colorEnabled({ ...base, json: true })).toBe(false);
    expect(colorEnabled({ ...base, noColor: true })).toBe(false);
    expect(colorEnabled({ ...base, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colorEnabled({ ...base, stdout: sink(false), env: { FORCE_COLOR: '1' } })).toBe(true);
  });

  it('prints one JSON document and nothing else with --json', () => {
    const stdout = sink(true);
    const stderr = sink(true);
    const out = new Output({ json: true, noColor: false, env: {}, stdout, stderr });
    out.line('human');
    out.note('progress');
    out.result({ a: 1 }, () => out.line('rendered'));
    expect(JSON.parse(stdout.chunks.join(''))).toEqual({ a: 1 });
    expect(stderr.chunks).toEqual([]);
    expect(out.interactive).toBe(false);
  });

  it('draws progress only when stderr is a terminal', () => {
    const off = new Output({ json: false, noColor: false, env: {}, stdout: sink(false), stderr: sink(false) });
    expect(off.interactive).toBe(false);
    const on = new Output({ json: false, noColor: false, env: {}, stdout: sink(false), stderr: sink(true) });
    expect(on.interactive).toBe(true);
    expect(on.color).toBe(false);
    expect(on.table(['a', 'b'], [[1, 'x']])).not.toContain('\u001b[');
  });

  it('formats shares, durations and counts', () => {
    expect(percent(0.97314)).toBe('97.3%');
    expect(percent(undefined)).toBe('-');
    expect(duration(65)).toBe('1m 05s');
    expect(duration(42.4)).toBe('42s');
    expect(counts({ ready: 3, failed: 0, duplicate: 1 })).toBe('ready 3, duplicate 1');
  });
});
