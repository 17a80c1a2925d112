import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTopicModel, type ModelFolder } from '../../test/support/train-topic-model.js';
import { classifiedStride, HostedModel } from './hosted-model.js';
import { ModelWorkerLostError } from './model-worker.js';
import { WorkerThreadError } from './worker-thread.js';
import { ModelWorkerPool } from './model-worker-pool.js';

const options = { onnx: { intraOpThreads: 1, interOpThreads: 1 }, warmupPredictions: 1 };
const texts = ['the invoice from the bank', 'a flight to the airport', '', 'blood test at the clinic', 'zzz qqq'];

function others(folder: ModelFolder): Record<string, Uint8Array> {
  return Object.fromEntries([...folder].filter(([path]) => path !== 'manifest.json'));
}

describe('ModelWorker', () => {
  let folder: ModelFolder;
  const pool = new ModelWorkerPool(1);

  beforeAll(async () => {
    folder = await trainTopicModel(11);
  }, 60_000);

  afterAll(async () => {
    await pool.close();
  });

  it('classifies on its thread exactly as the model built on this thread does', async () => {
    const worker = pool.acquire();
    const manifest = await worker.load(folder, options);
    expect(manifest).not.toHaveProperty('preprocessing');
    const here = await HostedModel.build(
      { manifest: folder.get('manifest.json') ?? Buffer.alloc(0), others: others(folder) },
      options,
    );
    try {
      const [there, local] = [await worker.classify(texts), await here.classify(texts)];
      expect([...there.numbers]).toEqual([...local.numbers]);
      expect(there.numbers).toHaveLength(texts.length * classifiedStride(manifest.labels.length));
      expect(there.rules).toEqual(local.rules);
      expect(there.hits).toEqual(local.hits);
    } finally {
      await here.release();
      await pool.giveBack(worker);
    }
  }, 60_000);

  it('sends the rule that decided and the tagger hits across, as the model on this thread decides them', async () => {
    const ruled = await trainTopicModel(12, 'linear', [
      { id: 'iban-is-travel', when: { tagger: 'iban' }, then: { label: 'travel' } },
    ]);
    const worker = pool.acquire();
    const manifest = await worker.load(ruled, options);
    const here = await HostedModel.build(
      { manifest: ruled.get('manifest.json') ?? Buffer.alloc(0), others: others(ruled) },
      options,
    );
    try {
      const withIban = ['please pay the invoice to DE89 3704 0044 0532 0130 00 today', 'the doctor changed the dose'];
      const [there, local] = [await worker.classify(withIban), await here.classify(withIban)];
      expect(there).toEqual(local);
      expect(there.rules).toEqual(['iban-is-travel', null]);
      expect(there.hits?.[0]?.length).toBeGreaterThan(0);
      const stride = classifiedStride(manifest.labels.length);
      expect(manifest.labels[there.numbers[manifest.labels.length + 1] ?? -1]).toBe('travel');
      expect(there.numbers[stride + manifest.labels.length + 1]).toBe(manifest.labels.indexOf('health'));
    } finally {
      await here.release();
      await pool.giveBack(worker);
    }
  }, 60_000);

  it('is reused for the next version once given back, holding no model in between', async () => {
    const first = pool.acquire();
    await first.load(folder, options);
    await pool.giveBack(first);
    await expect(first.classify(texts)).rejects.toThrow('holds no model');
    const second = pool.acquire();
    expect(second).toBe(first);
    const { labels } = await second.load(folder, options);
    expect((await second.classify(texts)).numbers).toHaveLength(texts.length * classifiedStride(labels.length));
    await pool.giveBack(second);
  }, 60_000);

  it("moves the files of a folder read for it (bytes: 'move') and answers as with copies", async () => {
    const copied = pool.acquire();
    const manifest = await copied.load(folder, options);
    const expected = await copied.classify(texts);
    await pool.giveBack(copied);
    // Each file in a buffer of its own, as a file read whole from disk is.
    const own = new Map([...folder].map(([path, bytes]) => [path, Buffer.from(Uint8Array.from(bytes))]));
    const moved = pool.acquire();
    expect(await moved.load(own, options, 'move')).toEqual(manifest);
    expect([...own.values()].map((bytes) => bytes.byteLength)).toEqual([...own.keys()].map(() => 0));
    expect([...folder.values()].every((bytes) => bytes.byteLength > 0)).toBe(true);
    expect((await moved.classify(texts)).numbers).toEqual(expected.numbers);
    await pool.giveBack(moved);
  }, 60_000);

  it('reports a model.onnx that is not the manifest one by the checksum error name', async () => {
    const worker = pool.acquire();
    const tampered = new Map(folder);
    const onnx = Buffer.from(folder.get('model.onnx') ?? Buffer.alloc(0));
    onnx[onnx.length - 1] = (onnx[onnx.length - 1] ?? 0) ^ 0xff;
    tampered.set('model.onnx', onnx);
    const failure = await worker.load(tampered, options).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkerThreadError);
    expect(failure).toMatchObject({ name: 'ArtifactChecksumError' });
    await pool.giveBack(worker);
  }, 60_000);

  it('loses only its own thread when that thread runs out of heap: its requests reject, the pool starts a fresh one', async () => {
    const tiny = new ModelWorkerPool(1, { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 });
    const worker = tiny.acquire();
    let lost: Error | undefined;
    worker.onLost((error) => (lost = error));
    await expect(worker.load(folder, options)).rejects.toBeInstanceOf(ModelWorkerLostError);
    expect(worker.lost).toBe(true);
    expect(lost).toBeInstanceOf(ModelWorkerLostError);
    await expect(worker.classify(texts)).rejects.toBeInstanceOf(ModelWorkerLostError);
    await tiny.giveBack(worker);
    await tiny.close();
    const healthy = pool.acquire();
    const { labels } = await healthy.load(folder, options);
    expect((await healthy.classify(texts)).numbers).toHaveLength(texts.length * classifiedStride(labels.length));
    await pool.giveBack(healthy);
  }, 60_000);
});
