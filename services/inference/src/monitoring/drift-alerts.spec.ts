import { createLogger } from '@mlops/logger';
import { describe, expect, it } from 'vitest';
import { DriftAlerts, type DriftDetected } from './drift-alerts.js';
import type { WindowAssessment } from './drift-tracker.js';

const logger = createLogger({ service: 'test', level: 'silent' });

function assessment(psi: number, enoughSamples = true): WindowAssessment {
  return {
    model: 'topics',
    version: 2,
    traffic: 'served',
    size: 500,
    enoughSamples,
    statistics: [{ statistic: 'textLength', psi, status: 'ok', bins: [] }],
  };
}

function alertsWith(cooldownMs: number, fail = () => false) {
  const published: DriftDetected[] = [];
  const alerts = new DriftAlerts({
    threshold: 0.25,
    cooldownMs,
    logger,
    publish: (event) => {
      if (fail()) return Promise.reject(new Error('broker away'));
      published.push(event);
      return Promise.resolve();
    },
  });
  return { alerts, published };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DriftAlerts', () => {
  it('publishes once when a statistic crosses the threshold, then not while it stays over', async () => {
    const { alerts, published } = alertsWith(0);
    alerts.evaluate([assessment(0.1)], 1000);
    alerts.evaluate([assessment(0.3)], 2000);
    await settle();
    alerts.evaluate([assessment(0.5)], 3000);
    await settle();
    expect(published).toEqual([
      {
        model: 'topics',
        version: 2,
        traffic: 'served',
        statistic: 'textLength',
        psi: 0.3,
        threshold: 0.25,
        window: 500,
        detectedAt: new Date(2000).toISOString(),
      },
    ]);
  });

  it('publishes again only after going back under and once the cooldown has passed', async () => {
    const { alerts, published } = alertsWith(10_000);
    alerts.evaluate([assessment(0.3)], 0);
    await settle();
    alerts.evaluate([assessment(0.1)], 1000);
    alerts.evaluate([assessment(0.3)], 2000);
    await settle();
    expect(published).toHaveLength(1);
    alerts.evaluate([assessment(0.3)], 10_000);
    await settle();
    expect(published.map((event) => event.detectedAt)).toEqual(
      [new Date(0), new Date(10_000)].map((d) => d.toISOString()),
    );
  });

  it('says nothing without enough samples', async () => {
    const { alerts, published } = alertsWith(0);
    alerts.evaluate([assessment(5, false)], 0);
    await settle();
    expect(published).toEqual([]);
  });

  it('tries again at the next assessment when the broker did not confirm', async () => {
    let failing = true;
    const { alerts, published } = alertsWith(0, () => failing);
    alerts.evaluate([assessment(0.3)], 0);
    await settle();
    expect(published).toEqual([]);
    failing = false;
    alerts.evaluate([assessment(0.3)], 1);
    await settle();
    expect(published).toHaveLength(1);
  });

  it('keeps a dip under the threshold that happens while the event is being published', async () => {
    const published: DriftDetected[] = [];
    let confirm = (): void => undefined;
    const alerts = new DriftAlerts({
      threshold: 0.25,
      cooldownMs: 0,
      logger,
      publish: (event) => {
        published.push(event);
        return published.length === 1 ? new Promise<void>((resolve) => (confirm = resolve)) : Promise.resolve();
      },
    });
    alerts.evaluate([assessment(0.3)], 1000);
    alerts.evaluate([assessment(0.1)], 2000);
    confirm();
    await settle();
    alerts.evaluate([assessment(0.4)], 3000);
    expect(published.map((event) => event.psi)).toEqual([0.3, 0.4]);
  });
});
