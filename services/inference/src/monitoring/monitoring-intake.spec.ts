import { createLogger } from '@mlops/logger';
import { describe, expect, it } from 'vitest';
import type { PredictionEvent } from '../serving/prediction-events.js';
import { DriftTracker } from './drift-tracker.js';
import { MonitoredVersions } from './monitored-versions.js';
import { MonitoringIntake } from './monitoring-intake.js';
import { PredictionLogWriter } from './prediction-log-writer.js';
import type { PredictionLogDocument } from './prediction-log.repository.js';

const logger = createLogger({ service: 'test', level: 'silent' });

function event(texts: readonly string[]): PredictionEvent {
  return {
    model: 'topics',
    version: 1,
    role: 'production',
    ids: texts.map((_, index) => `id-${texts.join('')}-${index}`),
    labels: ['a', 'noun.b'],
    texts,
    predictions: texts.map((_, index) => ({
      label: 'noun.b',
      probabilities: Float32Array.from([0.25, 0.75]),
      rule: null,
      hits: [],
      outOfVocabularyRate: index / 4,
    })),
    latencyMs: 2,
    requestId: 'req-1',
  };
}

function intakeWith(maxPendingTexts: number, versions = new MonitoredVersions(() => [])) {
  const stored: PredictionLogDocument[] = [];
  const dropped: [number, boolean][] = [];
  let slices = 0;
  const failed: string[] = [];
  const writer = new PredictionLogWriter(
    {
      insert: (documents) => {
        stored.push(...documents);
        return Promise.resolve();
      },
      noteVersion: () => Promise.resolve(),
    },
    { maxBuffered: 100, flushMs: 60_000, onWritten: () => undefined, onDropped: () => undefined, logger },
  );
  const intake = new MonitoringIntake({
    maxPendingTexts,
    sample: () => true,
    versions,
    drift: new DriftTracker({ window: 10, minSamples: 5, thresholds: { warning: 0.1, drift: 0.25 } }),
    writer,
    content: { rawText: false, topK: 1 },
    afterSlice: () => (slices += 1),
    onFailed: (failedEvent) => failed.push(failedEvent.requestId),
    onDropped: (_model, texts, sampled) => dropped.push([texts, sampled]),
  });
  return { intake, writer, stored, dropped, failed, slices: () => slices };
}

describe('MonitoringIntake', () => {
  it('only queues on the request path, and measures and logs off it', async () => {
    const { intake, writer, stored, slices } = intakeWith(10);
    intake.listener(event(['one', 'two']));
    expect(writer.buffered).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(slices()).toBe(1);
    await writer.close();
    expect(stored.map((entry) => [entry._id, entry.textLength, entry.label, entry.top])).toEqual([
      ['id-onetwo-0', 3, 'noun.b', [{ label: 'noun.b', p: 0.75 }]],
      ['id-onetwo-1', 3, 'noun.b', [{ label: 'noun.b', p: 0.75 }]],
    ]);
    expect(stored.map((entry) => entry.outOfVocabularyRate)).toEqual([0, 0.25]);
    expect(stored[0]).not.toHaveProperty('text');
  });

  it('drops (and counts) a whole request when the queue is full, never blocking', async () => {
    const { intake, writer, stored, dropped } = intakeWith(3);
    intake.listener(event(['a', 'b']));
    intake.listener(event(['c', 'd']));
    expect(dropped).toEqual([[2, true]]);
    intake.drainNow();
    await writer.close();
    expect(stored.map((entry) => entry._id)).toEqual(['id-ab-0', 'id-ab-1']);
  });

  it('drops an event it cannot measure, reports it, and goes on with the others', async () => {
    let calls = 0;
    const versions = {
      lookup: () => {
        calls += 1;
        if (calls === 1) throw new Error('a broken drift reference');
        return undefined;
      },
      retain: () => () => true,
    } as unknown as MonitoredVersions;
    const { intake, writer, stored, failed } = intakeWith(10, versions);
    intake.listener(event(['one', 'two']));
    intake.listener(event(['three']));
    await new Promise((resolve) => setImmediate(resolve));
    await writer.close();
    expect(failed).toEqual(['req-1']);
    expect(stored.map((entry) => entry._id)).toEqual(['id-three-0']);
    intake.listener(event(['four']));
    await new Promise((resolve) => setImmediate(resolve));
    expect(failed).toHaveLength(1);
  });
});
