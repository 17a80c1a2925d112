import { z } from 'zod';
import type { DualState } from './dual-coordinate-descent.js';
import type { DenseLayerWeights, SparseBagWeights } from './network-weights.js';
import type { Moments } from './optimizer.js';
import type { TrainerCheckpoint } from './trainer.js';

const MAGIC = 0x4b434c4d; // "MLCK"
const FORMAT_VERSION = 1;

const activationSchema = z.enum(['linear', 'relu']);
const shapeSchema = z.strictObject({
  featureCount: z.number().int().min(1),
  embeddingSize: z.number().int().min(1),
  embeddingBias: z.boolean(),
  embeddingActivation: activationSchema,
  layers: z.array(
    z.strictObject({
      inputSize: z.number().int().min(1),
      outputSize: z.number().int().min(1),
      activation: activationSchema,
    }),
  ),
});
const headerSchema = z.strictObject({
  format: z.literal(FORMAT_VERSION),
  epoch: z.number().int().min(0),
  stale: z.number().int().min(0),
  step: z.number().int().min(0),
  shape: shapeSchema,
  adam: z.boolean(),
  best: z.strictObject({ epoch: z.number().int().min(0), score: z.number() }).nullable(),
  curve: z.array(
    z.strictObject({
      epoch: z.number().int(),
      trainLoss: z.number(),
      validationLoss: z.number(),
      validationMacroF1: z.number(),
      validationAccuracy: z.number(),
      learningRate: z.number(),
      seconds: z.number(),
    }),
  ),
  arrays: z.array(z.number().int().min(0)),
  dual: z
    .strictObject({
      converged: z.array(z.boolean()),
      losses: z.array(z.number()),
      upper: z.array(z.number().nullable()),
      lower: z.array(z.number().nullable()),
    })
    .optional(),
});

/** Raised when checkpoint bytes are not a checkpoint of this format (truncated, other version). */
export class CheckpointFormatError extends Error {
  override readonly name = 'CheckpointFormatError';
}

function weightArrays(weights: SparseBagWeights): Float32Array[] {
  return [
    weights.embedding,
    ...(weights.embeddingBias ? [weights.embeddingBias] : []),
    ...weights.layers.flatMap((layer) => [layer.kernel, layer.bias]),
  ];
}

/**
 * Serialises a trainer checkpoint: a small JSON header (epoch, learning curve, shapes) and the
 * float32 arrays (weights, Adam moments, best weights, dual_cd's dual variables) little-endian. No code, no pickle: the
 * decoder validates the header and every length. Integrity (checksums) is the storage's job.
 */
export function encodeCheckpoint(checkpoint: TrainerCheckpoint): Uint8Array {
  const { weights, optimizer } = checkpoint;
  const adam = optimizer.table.first.length > 0;
  const arrays = [
    ...weightArrays(weights),
    ...(adam ? [optimizer.table, ...optimizer.head].flatMap((moments) => [moments.first, moments.second]) : []),
    ...(checkpoint.best ? weightArrays(checkpoint.best.weights) : []),
    ...(checkpoint.dual ? [checkpoint.dual.alpha, Float32Array.from(checkpoint.dual.active)] : []),
  ];
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: FORMAT_VERSION,
      epoch: checkpoint.epoch,
      stale: checkpoint.stale,
      step: optimizer.step,
      shape: {
        featureCount: weights.featureCount,
        embeddingSize: weights.embeddingSize,
        embeddingBias: weights.embeddingBias !== null,
        embeddingActivation: weights.embeddingActivation,
        layers: weights.layers.map(({ inputSize, outputSize, activation }) => ({ inputSize, outputSize, activation })),
      },
      adam,
      best: checkpoint.best ? { epoch: checkpoint.best.epoch, score: checkpoint.best.score } : null,
      curve: [...checkpoint.curve],
      arrays: arrays.map((array) => array.length),
      ...(checkpoint.dual
        ? {
            dual: {
              converged: [...checkpoint.dual.converged],
              losses: [...checkpoint.dual.losses],
              upper: checkpoint.dual.upper.map(finiteOrNull),
              lower: checkpoint.dual.lower.map(finiteOrNull),
            },
          }
        : {}),
    } satisfies z.input<typeof headerSchema>),
  );
  const bodyOffset = align4(8 + header.length);
  const bytes = new Uint8Array(bodyOffset + arrays.reduce((sum, array) => sum + array.length * 4, 0));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  let offset = bodyOffset;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++) view.setFloat32(offset + i * 4, array[i] ?? 0, true);
    offset += array.length * 4;
  }
  return bytes;
}

/** Reads a checkpoint written by `encodeCheckpoint`; throws `CheckpointFormatError` on anything else. */
export function decodeCheckpoint(bytes: Uint8Array): TrainerCheckpoint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8 || view.getUint32(0, true) !== MAGIC)
    throw new CheckpointFormatError('not a trainer checkpoint');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) throw new CheckpointFormatError('checkpoint header truncated');
  const parsed = headerSchema.safeParse(safeJson(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))));
  if (!parsed.success) throw new CheckpointFormatError(`checkpoint header invalid: ${parsed.error.message}`);
  const header = parsed.data;
  let offset = align4(8 + headerLength);
  const arrays = header.arrays.map((length) => {
    if (offset + length * 4 > bytes.length) throw new CheckpointFormatError('checkpoint body truncated');
    const array = new Float32Array(length);
    for (let i = 0; i < length; i++) array[i] = view.getFloat32(offset + i * 4, true);
    offset += length * 4;
    return array;
  });
  if (offset !== bytes.length) throw new CheckpointFormatError('checkpoint has trailing bytes');
  const take = (): Float32Array => {
    const array = arrays.shift();
    if (!array) throw new CheckpointFormatError('checkpoint has too few arrays');
    return array;
  };
  const weights = readWeights(header.shape, take);
  const headCount = (header.shape.embeddingBias ? 1 : 0) + header.shape.layers.length * 2;
  const moments = (): Moments => ({ first: take(), second: take() });
  const table = header.adam ? moments() : { first: new Float32Array(0), second: new Float32Array(0) };
  const head = Array.from({ length: headCount }, () =>
    header.adam ? moments() : { first: new Float32Array(0), second: new Float32Array(0) },
  );
  const best = header.best ? { ...header.best, weights: readWeights(header.shape, take) } : null;
  const dual = header.dual ? readDual(header.dual, take(), take()) : null;
  if (arrays.length > 0) throw new CheckpointFormatError('checkpoint has too many arrays');
  return {
    epoch: header.epoch,
    weights,
    optimizer: { step: header.step, table, head },
    best,
    curve: header.curve,
    stale: header.stale,
    dual,
  };
}

function readDual(
  header: NonNullable<z.output<typeof headerSchema>['dual']>,
  alpha: Float32Array,
  active: Float32Array,
): DualState {
  const classes = header.converged.length;
  const sizes = [header.losses.length, header.upper.length, header.lower.length];
  if (classes === 0 || sizes.some((size) => size !== classes) || alpha.length % classes !== 0)
    throw new CheckpointFormatError(`checkpoint dual variables (${alpha.length}) do not split into ${classes} classes`);
  expectLength(active, alpha.length);
  return {
    alpha,
    active: Uint8Array.from(active),
    upper: header.upper.map((bound) => bound ?? Infinity),
    lower: header.lower.map((bound) => bound ?? -Infinity),
    converged: header.converged,
    losses: header.losses,
  };
}

/** JSON has no infinities: the solver's unbounded shrinking thresholds are written as null. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function readWeights(shape: z.output<typeof shapeSchema>, take: () => Float32Array): SparseBagWeights {
  const embedding = expectLength(take(), shape.featureCount * shape.embeddingSize);
  const embeddingBias = shape.embeddingBias ? expectLength(take(), shape.embeddingSize) : null;
  const layers: DenseLayerWeights[] = shape.layers.map((layer) => ({
    ...layer,
    kernel: expectLength(take(), layer.inputSize * layer.outputSize),
    bias: expectLength(take(), layer.outputSize),
  }));
  return {
    featureCount: shape.featureCount,
    embeddingSize: shape.embeddingSize,
    embedding,
    embeddingBias,
    embeddingActivation: shape.embeddingActivation,
    layers,
  };
}

function expectLength(array: Float32Array, length: number): Float32Array {
  if (array.length !== length)
    throw new CheckpointFormatError(`checkpoint array of ${array.length} values where ${length} were expected`);
  return array;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function align4(offset: number): number {
  return Math.ceil(offset / 4) * 4;
}
