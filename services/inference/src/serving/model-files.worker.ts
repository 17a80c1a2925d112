import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { readManifest } from '@mlops/ml/serving';
import type { ModelFilesReply, ModelFilesRequest } from './model-files-reader.js';

const sha256 = (bytes: ArrayBuffer): string => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

function answer(request: ModelFilesRequest): ModelFilesReply {
  const { id } = request;
  if (request.kind === 'sha256') return { id, ok: true, sha256: sha256(request.bytes) };
  const { manifestBytes, onnxOf } = request;
  try {
    const manifest = readManifest(new Uint8Array(manifestBytes));
    const onnx = onnxOf[manifest.input.file];
    const weightsSha256 = onnx === undefined ? null : sha256(onnx);
    return { id, ok: true, manifest, weightsSha256 };
  } catch (error) {
    return { id, ok: false, name: (error as Error).name, message: (error as Error).message };
  }
}

parentPort?.on('message', (request: ModelFilesRequest) => parentPort?.postMessage(answer(request)));
