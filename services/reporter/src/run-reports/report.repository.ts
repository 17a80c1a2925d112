import type { Report, ReportStatus } from '@mlops/contracts';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db, ObjectId } from 'mongodb';

/** Why an attempt failed, as the record and `report.failed` show it. */
export interface ReportError {
  readonly code: string;
  readonly message: string;
}

/** The stored PDF and tables of a rendered report. */
export interface RenderedFiles {
  readonly sha256: string;
  readonly size: number;
  readonly pages: number;
  readonly pdfFileId: ObjectId;
  readonly tablesFileId: ObjectId;
  readonly tablesSha256: string;
  readonly tablesSize: number;
  readonly missing: readonly string[];
  readonly renderedAt: Date;
  readonly renderMs: number;
}

/**
 * The run report of one model version (`_id` = `<model>:<version>`). `generation` counts the
 * renders asked for (1 after training, +1 per regenerate); each render message carries the
 * generation it was sent for, and only that generation's render may write the outcome. The
 * file fields describe the last rendered files, which are served only while `status` is `ready`.
 */
export interface ReportDocument {
  _id: string;
  model: string;
  version: number;
  status: ReportStatus;
  generation: number;
  jobId?: string;
  attempts: number;
  error?: ReportError;
  missing: string[];
  sha256?: string;
  size?: number;
  pages?: number;
  pdfFileId?: ObjectId;
  tablesFileId?: ObjectId;
  tablesSha256?: string;
  tablesSize?: number;
  createdAt: Date;
  updatedAt: Date;
  renderedAt?: Date;
  renderMs?: number;
  /** When the registry recorded this generation's PDF (unset until then). */
  recordedAt?: Date;
  /** When `report.ready` was confirmed for this generation (unset until then). */
  announcedAt?: Date;
}

export const reportsCollection = defineCollection<ReportDocument>('reports', [
  { key: { status: 1, updatedAt: 1 }, name: 'by_status' },
  { key: { jobId: 1 }, name: 'by_job' },
]);

const REQUEST_ROUNDS = 8;

/** The record id of a version's report. */
export function reportIdOf(model: string, version: number): string {
  return `${model}:${version}`;
}

/** A record as the routes answer it (`reportSchema`): the file fields only once ready. */
export function toReport(doc: ReportDocument): Report {
  const ready = doc.status === 'ready';
  return {
    model: doc.model,
    version: doc.version,
    status: doc.status,
    ...(doc.jobId ? { jobId: doc.jobId } : {}),
    ...(ready && doc.sha256 ? { sha256: doc.sha256 } : {}),
    ...(ready && doc.size ? { size: doc.size } : {}),
    ...(ready && doc.pages ? { pages: doc.pages } : {}),
    createdAt: doc.createdAt.toISOString(),
    ...(ready && doc.renderedAt ? { renderedAt: doc.renderedAt.toISOString() } : {}),
    ...(ready && doc.renderMs !== undefined ? { renderMs: doc.renderMs } : {}),
    attempts: doc.attempts,
    ...(doc.error ? { error: { code: doc.error.code, message: doc.error.message } } : {}),
    missing: ready ? [...doc.missing] : [],
  };
}

/**
 * The report records. A record is created by an insert on its unique `_id` (so two deliveries
 * of `training.completed` create one), a new generation is taken by a conditional update on the
 * generation read, and every outcome is written with the generation in the filter, so a render
 * overtaken by a regenerate cannot overwrite the newer request.
 */
export class ReportRepository {
  private readonly reports: Collection<ReportDocument>;

  constructor(db: Db) {
    this.reports = reportsCollection.in(db);
  }

  /** The file ids among `ids` that a report record points at (the orphan sweep keeps these), as hex. */
  async referencedFiles(ids: readonly ObjectId[]): Promise<Set<string>> {
    const found = await this.reports
      .find(
        { $or: [{ pdfFileId: { $in: [...ids] } }, { tablesFileId: { $in: [...ids] } }] },
        { projection: { pdfFileId: 1, tablesFileId: 1 } },
      )
      .toArray();
    return new Set(
      found.flatMap((doc) => [doc.pdfFileId, doc.tablesFileId].flatMap((id) => (id ? [id.toHexString()] : []))),
    );
  }

  async find(model: string, version: number): Promise<ReportDocument | null> {
    return this.reports.findOne({ _id: reportIdOf(model, version) });
  }

  /** Creates the first record of a version (generation 1, pending); the existing one when it is there already. */
  async createOnce(
    model: string,
    version: number,
    jobId: string | undefined,
  ): Promise<{ document: ReportDocument; created: boolean }> {
    const now = new Date();
    const document: ReportDocument = {
      _id: reportIdOf(model, version),
      model,
      version,
      status: 'pending',
      generation: 1,
      ...(jobId ? { jobId } : {}),
      attempts: 0,
      missing: [],
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.reports.insertOne(document);
      return { document, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.find(model, version);
      if (!existing) throw error;
      return { document: existing, created: false };
    }
  }

  /** Takes the next generation (pending, attempts 0, no error); creates the record when there is none. */
  async requestRender(model: string, version: number, jobId: string | undefined): Promise<ReportDocument> {
    for (let round = 0; round < REQUEST_ROUNDS; round++) {
      const current = await this.find(model, version);
      if (!current) {
        const { document, created } = await this.createOnce(model, version, jobId);
        if (created) return document;
        continue;
      }
      const next: Partial<ReportDocument> = {
        status: 'pending',
        generation: current.generation + 1,
        attempts: 0,
        updatedAt: new Date(),
        ...(jobId && !current.jobId ? { jobId } : {}),
      };
      const result = await this.reports.updateOne(
        { _id: current._id, generation: current.generation },
        { $set: next, $unset: { error: '', recordedAt: '', announcedAt: '' } },
      );
      if (result.matchedCount === 1) {
        const { error: _error, recordedAt: _recorded, announcedAt: _announced, ...kept } = current;
        return { ...kept, ...next };
      }
    }
    throw new Error(`could not take a new report generation of ${model} v${version}: too many concurrent requests`);
  }

  /** Marks an attempt of a generation as rendering; false when the generation is no longer current. */
  async markRendering(doc: ReportDocument, attempt: number): Promise<boolean> {
    return this.updateGeneration(doc, { status: 'rendering', attempts: attempt });
  }

  /** Puts a generation back to pending after a failed attempt that will be retried, keeping the error. */
  async markRetrying(doc: ReportDocument, attempt: number, error: ReportError): Promise<boolean> {
    return this.updateGeneration(doc, { status: 'pending', attempts: attempt, error });
  }

  /** Marks a generation failed for good. */
  async markFailed(doc: ReportDocument, attempt: number, error: ReportError): Promise<boolean> {
    return this.updateGeneration(doc, { status: 'failed', attempts: attempt, error });
  }

  /**
   * Makes a generation ready with its stored files. Returns the record as it was before (whose
   * file ids, when other than the new ones, are now unreferenced), or null when the generation is
   * no longer current (the new files are then the caller's to delete).
   */
  async markReady(doc: ReportDocument, files: RenderedFiles): Promise<ReportDocument | null> {
    return this.reports.findOneAndUpdate(
      { _id: doc._id, generation: doc.generation },
      {
        $set: { status: 'ready', ...files, missing: [...files.missing], updatedAt: new Date() },
        $unset: { error: '' },
      },
      { returnDocument: 'before' },
    );
  }

  /** Notes that the registry recorded this generation's PDF. */
  async markRecorded(doc: ReportDocument): Promise<void> {
    await this.updateGeneration(doc, { recordedAt: new Date() });
  }

  /** Notes that `report.ready` was published for this generation. */
  async markAnnounced(doc: ReportDocument): Promise<void> {
    await this.updateGeneration(doc, { announcedAt: new Date() });
  }

  private async updateGeneration(doc: ReportDocument, fields: Partial<ReportDocument>): Promise<boolean> {
    const result = await this.reports.updateOne(
      { _id: doc._id, generation: doc.generation },
      { $set: { ...fields, updatedAt: new Date() } },
    );
    return result.matchedCount === 1;
  }
}
