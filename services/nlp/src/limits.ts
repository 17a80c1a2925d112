import type { FieldError } from '@mlops/contracts';
import type { NlpLimits } from './config.js';
import { nlpErrors } from './errors.js';

const MAX_LISTED = 20;

/**
 * Enforces the configured limits on the texts of a request (413 problem+json naming the limit
 * and pointing at the offending texts): how many texts, how long each, how long all together.
 */
export function enforceTextLimits(texts: readonly string[], limits: NlpLimits): void {
  if (texts.length > limits.maxBatch) {
    throw nlpErrors.batchTooLarge(`${texts.length} texts sent; NLP_MAX_BATCH allows ${limits.maxBatch}`, [
      { pointer: '/body/texts', message: `at most ${limits.maxBatch} texts (NLP_MAX_BATCH)` },
    ]);
  }
  const tooLong: FieldError[] = [];
  let total = 0;
  texts.forEach((text, index) => {
    total += text.length;
    if (text.length > limits.maxTextChars && tooLong.length < MAX_LISTED) {
      tooLong.push({
        pointer: `/body/texts/${index}`,
        message: `${text.length} characters; at most ${limits.maxTextChars} (NLP_MAX_TEXT_CHARS)`,
      });
    }
  });
  if (tooLong.length > 0) {
    throw nlpErrors.textTooLong(
      `${tooLong.map((e) => e.pointer).join(', ')} longer than NLP_MAX_TEXT_CHARS (${limits.maxTextChars} characters)`,
      tooLong,
    );
  }
  if (total > limits.maxTotalChars) {
    throw nlpErrors.requestTooLarge(
      `${total} characters in all texts; NLP_MAX_TOTAL_CHARS allows ${limits.maxTotalChars}`,
      [{ pointer: '/body/texts', message: `at most ${limits.maxTotalChars} characters in all (NLP_MAX_TOTAL_CHARS)` }],
    );
  }
}
