/** What decides whether two versions can be compared: their task and their labels. */
export interface ComparedSide {
  readonly version: number;
  /** From the manifest (`model.task`); undefined when the manifest does not say. */
  readonly task: string | undefined;
  readonly labels: readonly string[];
}

function listed(labels: readonly string[]): string {
  const shown = labels.slice(0, 10).map((label) => `"${label}"`);
  return labels.length > 10 ? `${shown.join(', ')} and ${labels.length - 10} more` : shown.join(', ');
}

/**
 * Why two versions cannot be compared, naming the difference: another task, or other labels
 * (those only in A, those only in B); undefined when they can. A task a manifest does not name is
 * not held against it.
 */
export function comparisonDifference(a: ComparedSide, b: ComparedSide): string | undefined {
  if (a.task !== undefined && b.task !== undefined && a.task !== b.task) {
    return `version ${a.version} is a model of task "${a.task}", version ${b.version} of task "${b.task}"`;
  }
  const inA = new Set(a.labels);
  const inB = new Set(b.labels);
  const onlyA = [...inA].filter((label) => !inB.has(label)).sort();
  const onlyB = [...inB].filter((label) => !inA.has(label)).sort();
  if (onlyA.length === 0 && onlyB.length === 0) return undefined;
  const parts = [
    onlyA.length ? `only version ${a.version} has ${listed(onlyA)}` : '',
    onlyB.length ? `only version ${b.version} has ${listed(onlyB)}` : '',
  ].filter(Boolean);
  return `the label sets differ: ${parts.join('; ')}`;
}
