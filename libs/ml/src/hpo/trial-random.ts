import { createRandom, type Random } from '../core/random.js';

/**
 * The random source of one suggestion, derived from (study seed, trial number) only: replaying a
 * study's history with its seed draws the same numbers, whatever ran before in the process.
 */
export function trialRandom(studySeed: number, trialNumber: number, stream = 0): Random {
  let h = Math.imul((studySeed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13) ^ (trialNumber >>> 0), 0xc2b2ae35) >>> 0;
  h = Math.imul(h ^ (h >>> 16) ^ Math.imul(stream + 1, 0x27d4eb2f), 0x165667b1) >>> 0;
  return createRandom(h ^ (h >>> 15));
}
