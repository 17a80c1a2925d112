import { parentPort } from 'node:worker_threads';
import { HostedModel } from './hosted-model.js';
import type { ModelWorkerReply, ModelWorkerRequest } from './model-worker.protocol.js';

let model: HostedModel | undefined;

function bytesOf(buffers: Readonly<Record<string, ArrayBuffer>>): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(buffers).map(([path, buffer]) => [path, new Uint8Array(buffer)]));
}

async function answer(request: ModelWorkerRequest): Promise<ModelWorkerReply> {
  const { id } = request;
  if (request.kind === 'load') {
    if (model !== undefined) throw new Error('this model worker already holds a model');
    model = await HostedModel.build(
      { manifest: new Uint8Array(request.manifest), others: bytesOf(request.others) },
      request.options,
    );
    return { id, ok: true, kind: 'loaded', manifest: model.served() };
  }
  if (request.kind === 'release') {
    const held = model;
    model = undefined;
    await held?.release();
    return { id, ok: true, kind: 'released' };
  }
  if (model === undefined) throw new Error('this model worker holds no model');
  return { id, ok: true, kind: 'classified', batch: await model.classify(request.texts) };
}

parentPort?.on('message', (request: ModelWorkerRequest) => {
  answer(request).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      parentPort?.postMessage({ id: request.id, ok: false, name, message } satisfies ModelWorkerReply);
    },
  );
});
