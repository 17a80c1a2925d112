import type { ManifestSections } from './manifest-sections.js';
import { available, missing, notInManifest } from './part.js';
import type { ConfigView, LineageView, Part } from './view-model.js';

/** Where a version comes from; what the manifest lacks is listed in `missing`. */
export function buildLineage(
  sections: ManifestSections,
  artifacts: readonly { readonly name: string; readonly sha256: string }[] = [],
): LineageView {
  const { lineage, environment, parity, timings, model } = sections;
  const files = [...artifacts];
  if (model?.weightsSha256 && !files.some((file) => file.name === 'model.onnx')) {
    files.push({ name: 'model.onnx', sha256: model.weightsSha256 });
  }
  const absent: string[] = [];
  if (!lineage) absent.push('lineage (dataset, seed, code version)');
  if (!environment) absent.push('environment');
  if (!parity) absent.push('ONNX parity check');
  if (files.length === 0) absent.push('artifact checksums');
  return {
    dataset: lineage?.dataset ?? null,
    seed: lineage?.seed ?? null,
    codeVersion: lineage?.codeVersion ?? null,
    jobId: lineage?.jobId ?? null,
    runId: lineage?.runId ?? null,
    environment: environment ?? null,
    parity: parity ?? null,
    artifacts: files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    timings: timings ?? null,
    missing: absent,
  };
}

function summarise(value: unknown): string {
  if (value === null) return 'none';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const names = value.map((item) => {
      if (typeof item !== 'object' || item === null) return JSON.stringify(item);
      const record = item as Record<string, unknown>;
      const name = record.id ?? record.kind ?? record.name;
      return typeof name === 'string' ? name : JSON.stringify(item);
    });
    return names.join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Leaf settings as dotted keys (objects flattened up to `depth` levels, arrays summarised). */
function flatten(value: Readonly<Record<string, unknown>>, prefix = '', depth = 2): { key: string; value: string }[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'object' && child !== null && !Array.isArray(child) && depth > 0) {
      return flatten(child as Record<string, unknown>, path, depth - 1);
    }
    return [{ key: path, value: summarise(child) }];
  });
}

/** Keys shown elsewhere in the report (title, lineage) and left out of the compact table. */
const SHOWN_ELSEWHERE = new Set(['modelName', 'task', 'dataset.name', 'dataset.version', 'seed']);

/** The resolved config as a compact key/value table and as pretty-printed JSON lines. */
export function buildConfig(sections: ManifestSections): Part<ConfigView> {
  const config = sections.config;
  if (!config) return missing(notInManifest('resolved training config'));
  return available({
    rows: flatten(config).filter((row) => !SHOWN_ELSEWHERE.has(row.key)),
    json: JSON.stringify(config, null, 2).split('\n'),
  });
}
