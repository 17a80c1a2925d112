import { parentPort } from 'node:worker_threads';
import { HostedModel } from './hosted-model.js';
import type { ModelWorkerReply, ModelWorkerRequest } from './model-worker.protocol.js';

let model: HostedModel | undefined;

function bytesOf(buffers: Readonly<Record<string, ArrayBuffer>>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(buffers).map(([path, buffer]) => [path, new Uint8Array(buffer)]));
}

async function answer(request: ModelWorkerRequest): Promise<{ reply: ModelWorkerReply; transfer: ArrayBuffer[] }> {
  const { id } = request;
  if (request.kind === 'load') {
    if (model !== undefined) throw new Error('this model worker already holds a model');
    model = await HostedModel.build(
      { manifest: new Uint8Array(request.manifest), others: bytesOf(request.others) },
      request.options,
    );
    return { reply: { id, ok: true, kind: 'loaded', manifest: model.served() }, transfer: [] };
  }
  if (request.kind === 'release') {
    const held = model;
    model = undefined;
    await held?.release();
    return { reply: { id, ok: true, kind: 'released' }, transfer: [] };
  }
  if (model === undefined) throw new Error('this model worker holds no model');
  const batch = await model.classify(request.texts);
  return {
    reply: { id, ok: true, kind: 'classified', batch },
    transfer: [batch.probabilities.buffer as ArrayBuffer, batch.outOfVocabularyRates.buffer as ArrayBuffer],
  };
}

parentPort?.on('message', (request: ModelWorkerRequest) => {
  answer(request).then(
    ({ reply, transfer }) => parentPort?.postMessage(reply, transfer),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      parentPort?.postMessage({ id: request.id, ok: false, name, message } satisfies ModelWorkerReply);
    },
  );
});
