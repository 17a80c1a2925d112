import type { TrainingSplit } from '../training/datasets.js';

/** The request bodies of the serving cells: `single` and `median32` compare per text; `first32` is the older mixed-length case. */
export type BodyName = 'single' | 'median32' | 'first32';

/** One request body of the run and how its cases are named. */
export interface RequestBody {
  readonly name: BodyName;
  readonly texts: readonly string[];
  /** `{"texts": [...]}`, as sent. */
  readonly json: string;
  /** Start of the case name, e.g. `32 texts/request`. */
  readonly label: string;
  /** The texts/request column of the table. */
  readonly column: string;
}

type TestExample = TrainingSplit['test'][number];

const body = (name: BodyName, texts: readonly string[], label: string, column: string): RequestBody => ({
  name,
  texts,
  json: JSON.stringify({ texts }),
  label,
  column,
});

/**
 * The `count` test e-mails whose body length is closest to `median`'s (ties broken by length, then
 * id): a batch of texts of the single-text body's size, so that texts/s of 1- and 32-text requests compare.
 */
export function closestToMedian(test: readonly TestExample[], median: TestExample, count: number): TestExample[] {
  const target = median.text.length;
  return [...test]
    .sort(
      (a, b) =>
        Math.abs(a.text.length - target) - Math.abs(b.text.length - target) ||
        a.text.length - b.text.length ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .slice(0, count);
}

/**
 * The run's bodies: the median-length test e-mail; the 32 test e-mails closest to that length (the
 * 32-text case); the first 32 test e-mails in split order (mixed lengths, kept as its own case).
 */
export function requestBodies(test: readonly TestExample[], median: TestExample): Record<BodyName, RequestBody> {
  const first = test.slice(0, 32).map((example) => example.text);
  const near = closestToMedian(test, median, 32).map((example) => example.text);
  return {
    single: body('single', [median.text], '1 text/request', '1'),
    median32: body('median32', near, '32 texts/request', '32'),
    first32: body(
      'first32',
      first,
      '32 texts/request (first 32 test e-mails, mixed lengths)',
      '32 (first 32 test e-mails, mixed lengths)',
    ),
  };
}

/** Characters of a body's texts: smallest, largest and total. */
export function lengths(requestBody: RequestBody): { min: number; max: number; total: number } {
  const sizes = requestBody.texts.map((text) => text.length);
  return { min: Math.min(...sizes), max: Math.max(...sizes), total: sizes.reduce((sum, size) => sum + size, 0) };
}
