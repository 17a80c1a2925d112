import type { ManifestSections } from './manifest-sections.js';
import type { ModelIdentity } from './view-model.js';

/** Which model version the sections describe. */
export function identityOf(sections: ManifestSections, version: string | number): ModelIdentity {
  return {
    name: sections.model?.name ?? sections.lineage?.dataset.name ?? 'unknown model',
    version: String(version),
    task: sections.model?.task ?? null,
    architecture: sections.model?.architecture ?? null,
    createdAt: sections.model?.createdAt ?? null,
    dataset: sections.lineage?.dataset ?? null,
    labels: sections.labels ?? sections.test?.core.labels ?? [],
  };
}

/** `name@version`, as footers and tables name a version. */
export function versionTag(identity: ModelIdentity): string {
  return `${identity.name}@${identity.version}`;
}

/**
 * What decides a version's test set: the dataset content, the seed, the split fractions and the
 * adapters and filterers. Undefined when the manifest lacks any of them.
 */
function testSetKey(sections: ManifestSections): string | undefined {
  const { lineage, config } = sections;
  if (!lineage || config?.split === undefined) return undefined;
  return JSON.stringify([
    lineage.dataset.contentHash,
    lineage.seed,
    config.split,
    config.adapters ?? [],
    config.filterers ?? [],
  ]);
}

/** Whether two versions were scored on the same test examples; null when a manifest does not tell. */
export function sameTestSet(a: ManifestSections, b: ManifestSections): boolean | null {
  const [keyA, keyB] = [testSetKey(a), testSetKey(b)];
  return keyA === undefined || keyB === undefined ? null : keyA === keyB;
}
