/**
 * What an application outside the suite writes: it imports the packed SDK, predicts with the
 * served model and calls a model that does not exist, then prints what it got as one JSON line.
 * Run as `node predict.js <inferenceUrl> <model> <apiKey>`.
 */
import { createMlopsClient, QUICK_RETRY, UpstreamError, type PredictResponse } from '@mlops/sdk';

const [inferenceUrl = '', model = '', apiKey = ''] = process.argv.slice(2);
const sdk = createMlopsClient({ inferenceUrl, apiKey, timeoutMs: 10_000 });

const prediction: PredictResponse = await sdk.inference.predict(
  { params: { name: model }, body: { texts: ['please pay the invoice to the bank account today'], topK: 2 } },
  { retry: QUICK_RETRY },
);

let refusal: { kind: string; code: string; status: number | undefined } | undefined;
try {
  await sdk.inference.predict({ params: { name: 'no-such-model' }, body: { texts: ['hello'] } });
} catch (error) {
  if (!(error instanceof UpstreamError)) throw error;
  refusal = { kind: error.kind, code: error.code, status: error.status };
}

process.stdout.write(`${JSON.stringify({ prediction, refusal })}\n`);
