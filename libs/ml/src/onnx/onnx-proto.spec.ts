import { describe, expect, it } from 'vitest';
import { OnnxElementType, floatTensor, int64Tensor, int64ToNumber, tensorValueInfo } from './onnx-proto.js';

describe('onnx-proto helpers', () => {
  it('stores floats as little-endian raw data', () => {
    const tensor = floatTensor('w', [2], Float32Array.of(1, -2.5));
    expect(tensor).toMatchObject({ name: 'w', dims: [2], dataType: OnnxElementType.float });
    expect([...(tensor.rawData ?? [])]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]);
  });

  it('stores int64 values as little-endian raw data', () => {
    const tensor = int64Tensor('axes', [1], [-1]);
    expect(tensor.dataType).toBe(OnnxElementType.int64);
    expect([...(tensor.rawData ?? [])]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });

  it('turns fixed sizes into dim values and names into dim params', () => {
    expect(tensorValueInfo('x', OnnxElementType.float, ['batch', 4]).type?.tensorType?.shape?.dim).toEqual([
      { dimParam: 'batch' },
      { dimValue: 4 },
    ]);
  });

  it('reads int64 fields as numbers whether decoded as number, Long or absent', () => {
    expect(int64ToNumber(5)).toBe(5);
    expect(int64ToNumber({ toNumber: () => 7 })).toBe(7);
    expect(int64ToNumber(null)).toBe(0);
    expect(int64ToNumber(undefined)).toBe(0);
  });
});
