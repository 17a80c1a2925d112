/**
 * Splits a batch of sparse rows into groups of similar width for ONNX Runtime. A packed batch pads
 * every row to the widest one, so one long text among short ones multiplies the cells the model
 * reads; each call also has a fixed cost. Rows are sorted by width and cut into consecutive groups
 * that minimise the sum over groups of `callCostCells + rows × widest row` (exact, by dynamic
 * programming over the sorted widths; O(n²) for n rows). Returns the groups as row indices of the
 * input, narrowest group first; rows of equal width stay in input order.
 */
export function widthBuckets(widths: readonly number[], callCostCells: number): number[][] {
  const order = widths.map((_, row) => row).sort((a, b) => (widths[a] ?? 0) - (widths[b] ?? 0) || a - b);
  const count = order.length;
  if (count <= 1) return count === 0 ? [] : [order];
  const width = (position: number): number => Math.max(1, widths[order[position] ?? 0] ?? 0);
  const best = new Float64Array(count + 1);
  const cut = new Int32Array(count + 1);
  for (let end = 1; end <= count; end += 1) {
    best[end] = Infinity;
    const widest = width(end - 1);
    for (let start = 0; start < end; start += 1) {
      const cost = (best[start] ?? 0) + callCostCells + (end - start) * widest;
      if (cost < (best[end] ?? Infinity)) {
        best[end] = cost;
        cut[end] = start;
      }
    }
  }
  const groups: number[][] = [];
  for (let end = count; end > 0; end = cut[end] ?? 0) groups.unshift(order.slice(cut[end] ?? 0, end));
  return groups;
}
