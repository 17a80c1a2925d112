import { createLogger } from '@mlops/logger';
import { describe, expect, it } from 'vitest';
import type { PredictionLogDocument } from './prediction-log.repository.js';
import { PredictionLogWriter, type LogStore } from './prediction-log-writer.js';

const logger = createLogger({ service: 'test', level: 'silent' });

function document(id: string): PredictionLogDocument {
  return {
    _id: id,
    predictionId: id,
    model: 'topics',
    version: 1,
    role: 'production',
    requestId: 'req-1',
    at: new Date(0),
    latencyMs: 1,
    textSha256: 'a'.repeat(64),
    textLength: 3,
    outOfVocabularyRate: 0,
    label: 'finance',
    rule: null,
    top: [{ label: 'finance', p: 0.9 }],
  };
}

class FakeStore implements LogStore {
  readonly stored = new Map<string, PredictionLogDocument>();
  readonly versions: string[] = [];
  failures = 0;

  insert(documents: readonly PredictionLogDocument[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('MongoDB is away'));
    }
    for (const entry of documents) this.stored.set(entry._id, entry);
    return Promise.resolve();
  }

  noteVersion(model: string, version: number): Promise<void> {
    this.versions.push(`${model}:${version}`);
    return Promise.resolve();
  }
}

function writerOver(store: FakeStore, maxBuffered: number) {
  const counts = { written: 0, dropped: new Map<string, number>() };
  const writer = new PredictionLogWriter(store, {
    maxBuffered,
    flushMs: 60_000,
    onWritten: (_model, count) => (counts.written += count),
    onDropped: (_model, count, reason) => counts.dropped.set(reason, (counts.dropped.get(reason) ?? 0) + count),
    logger,
  });
  return { writer, counts };
}

describe('PredictionLogWriter', () => {
  it('writes buffered documents on flush, noting the version once', async () => {
    const store = new FakeStore();
    const { writer, counts } = writerOver(store, 10);
    writer.add('topics', 1, ['finance'], [document('a'), document('b')]);
    writer.add('topics', 1, ['finance'], [document('c')]);
    expect(store.stored.size).toBe(0);
    await writer.flush();
    expect([...store.stored.keys()]).toEqual(['a', 'b', 'c']);
    expect(store.versions).toEqual(['topics:1']);
    expect(counts.written).toBe(3);
    await writer.close();
  });

  it('drops and counts what does not fit, never holding more than its bound', async () => {
    const store = new FakeStore();
    const { writer, counts } = writerOver(store, 2);
    writer.add('topics', 1, ['finance'], [document('a'), document('b'), document('c')]);
    expect(writer.buffered).toBe(2);
    expect(counts.dropped.get('buffer-full')).toBe(1);
    await writer.close();
    expect([...store.stored.keys()]).toEqual(['a', 'b']);
  });

  it('keeps a failed batch and writes it at the next flush', async () => {
    const store = new FakeStore();
    store.failures = 1;
    const { writer, counts } = writerOver(store, 10);
    writer.add('topics', 1, ['finance'], [document('a'), document('b')]);
    await writer.flush();
    expect(store.stored.size).toBe(0);
    expect(writer.buffered).toBe(2);
    await writer.flush();
    expect([...store.stored.keys()]).toEqual(['a', 'b']);
    expect(counts.written).toBe(2);
    expect(counts.dropped.size).toBe(0);
    await writer.close();
  });

  it('flushes on close and counts documents added afterwards as dropped', async () => {
    const store = new FakeStore();
    const { writer, counts } = writerOver(store, 10);
    writer.add('topics', 1, ['finance'], [document('a')]);
    await writer.close();
    expect(store.stored.has('a')).toBe(true);
    writer.add('topics', 1, ['finance'], [document('b')]);
    expect(counts.dropped.get('closed')).toBe(1);
  });
});
