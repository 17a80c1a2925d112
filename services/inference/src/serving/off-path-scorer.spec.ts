import { createLogger } from '@mlops/logger';
import { describe, expect, it } from 'vitest';
import type { LoadedModel, TextOutcome } from './loaded-model.js';
import type { Lease } from './model-slot.js';
import { OffPathScorer } from './off-path-scorer.js';
import { PredictionEvents, type PredictionEvent } from './prediction-events.js';
import { VersionComparisonTracker } from './version-comparison.js';

const logger = createLogger({ service: 'test', level: 'silent' });

function outcome(label: string): TextOutcome {
  return {
    label,
    probabilities: Float32Array.from(label === 'a' ? [0.9, 0.1] : [0.2, 0.8]),
    rule: null,
    hits: [],
    outOfVocabularyRate: 0,
  };
}

/** A model that labels every text with `label`; `gate` holds its answers until released. */
function model(version: number, label: string, gate?: Promise<void>): LoadedModel {
  const fake = {
    name: 'topics',
    version,
    labels: ['a', 'b'],
    predict: async (texts: readonly string[]) => {
      await gate;
      return texts.map(() => outcome(label));
    },
  };
  return fake as unknown as LoadedModel;
}

function leaseOf(loaded: LoadedModel, released: number[]): Lease<LoadedModel> {
  return { model: loaded, done: () => released.push(loaded.version) };
}

function setup(shadow: LoadedModel | undefined, maxInFlightTexts = 8) {
  const events: PredictionEvent[] = [];
  const released: number[] = [];
  const comparison = new VersionComparisonTracker();
  const scorer = new OffPathScorer({
    server: {
      leaseCandidate: () => (shadow === undefined ? undefined : leaseOf(shadow, released)),
      leaseProduction: () => ({ lease: leaseOf(model(1, 'a'), released) }),
    },
    events: new PredictionEvents(logger, [(event) => events.push(event)]),
    comparison,
    maxInFlightTexts,
    logger,
  });
  return { scorer, events, released, comparison };
}

const answered = (texts: readonly string[], route: 'production' | 'canary' = 'production') => ({
  model: model(route === 'production' ? 1 : 2, 'a'),
  route,
  texts,
  ids: texts.map((_, index) => `id-${index}`),
  outcomes: texts.map(() => outcome('a')),
  requestId: 'req-1',
});

describe('OffPathScorer', () => {
  it('copies a production request to the shadow, emits shadow events with the same ids and counts agreement', async () => {
    const { scorer, events, released, comparison } = setup(model(2, 'b'));
    const request = answered(['x', 'y']);
    scorer.copy(request);
    expect(events).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toMatchObject([{ role: 'shadow', version: 2, ids: ['id-0', 'id-1'] }]);
    // The very array: the prediction log's cap recognises the copy of a logged request by it.
    expect(events[0]?.ids).toBe(request.ids);
    expect(released).toEqual([2]);
    expect(comparison.compare('topics', 0).offPath).toEqual({ scored: 1, skipped: 0, failed: 0 });
  });

  it('skips copies beyond the in-flight bound instead of queueing them, and releases their leases', async () => {
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { scorer, released, comparison } = setup(model(2, 'b', gate), 3);
    scorer.copy(answered(['1', '2']));
    scorer.copy(answered(['3', '4']));
    scorer.copy(answered(['5', '6', '7', '8']));
    expect(comparison.compare('topics', 0).offPath).toEqual({ scored: 0, skipped: 2, failed: 0 });
    expect(released).toEqual([2, 2]);
    open();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(comparison.compare('topics', 0).offPath).toEqual({ scored: 1, skipped: 2, failed: 0 });
    scorer.copy(answered(['9']));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(comparison.compare('topics', 0).offPath.scored).toBe(2);
  });

  it('scores a canary request with production off the path, without an event', async () => {
    const { scorer, events, comparison } = setup(undefined);
    scorer.copy(answered(['x', 'y', 'z'], 'canary'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toHaveLength(0);
    const { versions } = comparison.compare('topics', 0.1);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 2,
      role: 'canary',
      agreement: { compared: 3, agreed: 3, referenceVersion: 1, rate: 1 },
    });
  });

  it('does nothing when the model has no shadow', () => {
    const { scorer, comparison } = setup(undefined);
    scorer.copy(answered(['x']));
    expect(comparison.compare('topics', 0).offPath).toEqual({ scored: 0, skipped: 0, failed: 0 });
  });

  it('waits for the copies being scored when it closes, and takes no more after', async () => {
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { scorer, released, comparison } = setup(model(2, 'b', gate));
    scorer.copy(answered(['x']));
    let closed = false;
    const closing = scorer.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(false);
    open();
    await closing;
    expect(comparison.compare('topics', 0).offPath.scored).toBe(1);
    scorer.copy(answered(['y']));
    expect(released).toEqual([2, 2]);
    expect(comparison.compare('topics', 0).offPath).toEqual({ scored: 1, skipped: 0, failed: 0 });
  });
});
