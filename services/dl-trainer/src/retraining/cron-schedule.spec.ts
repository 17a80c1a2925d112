import { describe, expect, it } from 'vitest';
import { CronSchedule } from './cron-schedule.js';

describe('CronSchedule', () => {
  const daily = CronSchedule.parse('0 3 * * *', 'Europe/Paris');

  it('reads the expression in its time zone', () => {
    expect(daily.next(new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T02:00:00.000Z');
    expect(daily.next(new Date('2026-07-01T00:00:00Z'))?.toISOString()).toBe('2026-07-01T01:00:00.000Z');
  });

  it('collapses missed occurrences into the latest one', () => {
    const due = daily.due(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-05T12:00:00Z'));
    expect(due?.toISOString()).toBe('2026-01-05T02:00:00.000Z');
  });

  it('has nothing due before the next occurrence, nor twice for the same one', () => {
    expect(daily.due(new Date('2026-01-05T02:00:00Z'), new Date('2026-01-05T12:00:00Z'))).toBeUndefined();
    expect(daily.due(new Date('2026-01-05T02:30:00Z'), new Date('2026-01-05T12:00:00Z'))).toBeUndefined();
  });

  it('counts an occurrence exactly at now as due', () => {
    expect(daily.due(new Date('2026-01-04T12:00:00Z'), new Date('2026-01-05T02:00:00Z'))?.toISOString()).toBe(
      '2026-01-05T02:00:00.000Z',
    );
  });

  it('throws on an expression or a zone it cannot read', () => {
    expect(() => CronSchedule.parse('61 * * * *', 'UTC')).toThrow(/minute/);
    expect(() => CronSchedule.parse('every day', 'UTC')).toThrow();
    expect(() => CronSchedule.parse('* * * * *', 'Mars/Base')).toThrow(/timezone/);
  });
});
