/**
 * Names of the inputs and output of an exported sparse-bag model: `ids` int32 and `values` float,
 * both `[batch, width]`, give `probabilities` float `[batch, classes]`.
 */
export const SPARSE_BAG_ONNX_SIGNATURE = {
  ids: 'ids',
  values: 'values',
  probabilities: 'probabilities',
} as const;
