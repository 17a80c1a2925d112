import { describe, expect, it } from 'vitest';
import {
  count,
  counted,
  date,
  dateTime,
  duration,
  percent,
  points,
  pointsInterval,
  scientific,
  score,
  scoreInterval,
} from './format.js';

describe('report formatting', () => {
  it('formats scores, changes and intervals', () => {
    expect(score(0.87345)).toBe('87.3%');
    expect(percent(0.5, 0)).toBe('50%');
    expect(points(0.0213)).toBe('+2.1 pts');
    expect(points(-0.004)).toBe('−0.4 pts');
    expect(points(0.0001)).toBe('±0.0 pts');
    expect(scoreInterval({ low: 0.8412, high: 0.9023 })).toBe('84.1–90.2%');
    expect(pointsInterval({ low: -0.012, high: 0.034 })).toBe('−1.2 to +3.4 pts');
  });

  it('formats counts, durations and small numbers', () => {
    expect(count(1234567)).toBe('1,234,567');
    expect(counted(1, 'text')).toBe('1 text');
    expect(counted(2, 'class', 'classes')).toBe('2 classes');
    expect(duration(0.26)).toBe('0.3 s');
    expect(duration(185)).toBe('3 min 05 s');
    expect(duration(3720)).toBe('1 h 02 min');
    expect(scientific(5.96e-8)).toBe('6.0e-8');
    expect(scientific(0)).toBe('0');
  });

  it('formats dates in UTC whatever the machine time zone', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(date('2026-12-05T23:30:00Z')).toBe('5 Dec 2026');
      expect(dateTime('2026-12-05T23:30:00Z')).toBe('5 Dec 2026, 23:30 UTC');
    } finally {
      process.env.TZ = zone;
    }
    expect(date('not a date')).toBe('unknown date');
    expect(date(null)).toBe('unknown date');
  });
});
