import { createHash } from 'node:crypto';

const TOPICS: Readonly<Record<string, readonly string[]>> = {
  finance: ['invoice', 'payment', 'account', 'bank', 'transfer', 'balance', 'credit', 'amount', 'due', 'iban'],
  travel: ['flight', 'hotel', 'booking', 'airport', 'train', 'ticket', 'luggage', 'gate', 'passport', 'trip'],
  health: ['doctor', 'clinic', 'appointment', 'dose', 'symptom', 'nurse', 'therapy', 'fever', 'blood', 'test'],
};
const COMMON = ['the', 'a', 'please', 'your', 'for', 'with', 'today', 'on', 'monday', 'we'];

/** A labelled text as the training pipeline reads it (libs/ml `TrainingRow`). */
export interface TopicRow {
  readonly id: string;
  readonly text: string;
  readonly label: string;
  readonly textSha256: string;
}

/**
 * A small, seeded, learnable corpus for tests that train real models: three topics (finance,
 * travel, health), each text 12 words, half drawn from its topic's words and half from common
 * words. The same count and seed give the same rows.
 */
export function topicCorpus(count: number, seed: number): TopicRow[] {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const labels = Object.keys(TOPICS);
  return Array.from({ length: count }, (_, index) => {
    const label = labels[index % labels.length] ?? 'finance';
    const words = Array.from({ length: 12 }, () => {
      const pool = next() < 0.5 ? (TOPICS[label] ?? COMMON) : COMMON;
      return pool[Math.floor(next() * pool.length)] ?? 'the';
    });
    const text = words.join(' ');
    return {
      id: `doc-${index}`,
      text,
      label,
      textSha256: createHash('sha256').update(`${index}:${text}`).digest('hex'),
    };
  });
}
