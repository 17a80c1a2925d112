import type { DatasetDefinition, DatasetVersion } from '@mlops/contracts';
import { applyDatasetSteps, type DatasetRow } from '@mlops/ml/steps';
import type { DocumentRecord, DocumentRepository } from '../documents/document.repository.js';
import type { LabelRepository } from '../labels/label.repository.js';
import { featureStoreErrors } from '../errors.js';
import type { DatasetRepository } from './dataset.repository.js';
import { contentHash, labelDistribution, textLengthStatistics } from './version-statistics.js';

function matchesQuery(doc: DocumentRecord, label: string, definition: DatasetDefinition): boolean {
  if (doc.text === undefined || doc.textSha256 === undefined) return false;
  if (definition.filter.labels && !definition.filter.labels.includes(label)) return false;
  return Object.entries(definition.filter.metadata ?? {}).every(([key, value]) => doc.metadata[key] === value);
}

/** The rows the dataset's query selects: ready documents labelled for its task, matching its filter, by document id. */
export async function selectRows(
  deps: { documents: DocumentRepository; labels: LabelRepository },
  definition: DatasetDefinition,
): Promise<DatasetRow[]> {
  const labelled = await deps.labels.labelled(definition.task);
  const rows: DatasetRow[] = [];
  for await (const doc of deps.documents.readyAmong([...labelled.keys()])) {
    const label = labelled.get(doc._id);
    if (label === undefined || !matchesQuery(doc, label, definition)) continue;
    rows.push({
      id: doc._id,
      textSha256: doc.textSha256 ?? '',
      text: doc.text ?? '',
      label,
      language: doc.language,
    });
  }
  return rows;
}

/**
 * Freezes the next version of a dataset: selects its rows, applies the adapters then the
 * filterers in order (recording each one's rows in, rows out and reasons), and stores the result
 * with its content hash, label distribution and text-length statistics.
 */
export async function freezeDatasetVersion(
  deps: { documents: DocumentRepository; labels: LabelRepository; datasets: DatasetRepository },
  definition: DatasetDefinition,
): Promise<DatasetVersion> {
  const selected = await selectRows(deps, definition);
  const { rows, steps: applied } = applyDatasetSteps(selected, definition);
  const steps: DatasetVersion['steps'] = [
    { step: 'query', rowsIn: selected.length, rowsOut: selected.length, dropped: {} },
    ...applied,
  ];
  if (rows.length === 0) {
    throw featureStoreErrors.datasetEmpty(
      `dataset ${definition.name} selects no records after its filterers: ${JSON.stringify(steps)}`,
    );
  }
  return deps.datasets.freeze(
    {
      dataset: definition.name,
      task: definition.task,
      contentHash: contentHash(rows),
      recordCount: rows.length,
      labelDistribution: labelDistribution(rows),
      textLength: textLengthStatistics(rows),
      steps,
      definition,
    },
    rows,
  );
}
