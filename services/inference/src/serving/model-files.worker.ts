import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { ModelFilesReply, ModelFilesRequest } from './model-files-reader.js';

const sha256 = (bytes: ArrayBuffer): string => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

function answer(request: ModelFilesRequest): ModelFilesReply {
  try {
    return { id: request.id, ok: true, sha256: sha256(request.bytes), bytes: request.bytes };
  } catch (error) {
    return { id: request.id, ok: false, name: (error as Error).name, message: (error as Error).message };
  }
}

parentPort?.on('message', (request: ModelFilesRequest) => {
  const reply = answer(request);
  parentPort?.postMessage(reply, reply.ok ? [reply.bytes] : []);
});
