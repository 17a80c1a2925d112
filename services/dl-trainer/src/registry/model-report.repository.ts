import type { ModelReportRecord } from '@mlops/contracts';
import { defineCollection } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';
import { versionId } from './model-version.repository.js';

/** The report recorded for a model version: one document per version, replaced when the report is rendered again. */
export interface ModelReportDocument {
  /** `<name>:<version>`, as the version's own id. */
  _id: string;
  name: string;
  version: number;
  sha256: string;
  size: number;
  renderedAt: Date;
  url: string;
  recordedBy: string;
  recordedAt: Date;
}

export const modelReportsCollection = defineCollection<ModelReportDocument>('model_version_reports', []);

/** Reports of model versions, kept beside the versions (which are never updated). */
export class ModelReportRepository {
  private readonly reports: Collection<ModelReportDocument>;

  constructor(db: Db) {
    this.reports = modelReportsCollection.in(db);
  }

  async find(name: string, version: number): Promise<ModelReportDocument | null> {
    return this.reports.findOne({ _id: versionId(name, version) });
  }

  /** Records (or replaces) the report of a version. */
  async record(
    name: string,
    version: number,
    report: ModelReportRecord,
    recordedBy: string,
    now = new Date(),
  ): Promise<ModelReportDocument> {
    const document: ModelReportDocument = {
      _id: versionId(name, version),
      name,
      version,
      sha256: report.sha256,
      size: report.size,
      renderedAt: new Date(report.renderedAt),
      url: report.url,
      recordedBy,
      recordedAt: now,
    };
    await this.reports.replaceOne({ _id: document._id }, document, { upsert: true });
    return document;
  }
}

/** A report record as the API shows it. */
export function toModelReport(doc: ModelReportDocument) {
  return {
    name: doc.name,
    version: doc.version,
    sha256: doc.sha256,
    size: doc.size,
    renderedAt: doc.renderedAt.toISOString(),
    url: doc.url,
    recordedBy: doc.recordedBy,
  };
}
