import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { readManifest } from '@mlops/ml/serving';
import type { ModelFilesReply, ModelFilesRequest } from './model-files-reader.js';

function answer({ id, manifestBytes, onnxOf }: ModelFilesRequest): ModelFilesReply {
  try {
    const manifest = readManifest(new Uint8Array(manifestBytes));
    const onnx = onnxOf[manifest.input.file];
    const weightsSha256 = onnx === undefined ? null : createHash('sha256').update(new Uint8Array(onnx)).digest('hex');
    return { id, ok: true, manifest, weightsSha256 };
  } catch (error) {
    return { id, ok: false, name: (error as Error).name, message: (error as Error).message };
  }
}

parentPort?.on('message', (request: ModelFilesRequest) => parentPort?.postMessage(answer(request)));
