import { randomUUID } from 'node:crypto';
import { defineCollection, isDuplicateKeyError } from '@mlops/mongo';
import type { Collection, Db } from 'mongodb';

/** One generation of a job's lease; a takeover inserts the next generation. */
interface JobLeaseDocument {
  /** `<jobId>:<generation>`: the unique key that makes taking a generation atomic. */
  _id: string;
  jobId: string;
  generation: number;
  token: string;
  expiresAt: Date;
}

export const jobLeasesCollection = defineCollection<JobLeaseDocument>('training_job_leases', [
  { key: { jobId: 1, generation: -1 }, name: 'by_job_generation' },
]);

/** A held lease: the generation this worker inserted. */
export interface HeldLease {
  readonly jobId: string;
  readonly generation: number;
}

/**
 * Who may run a job, decided by unique-key inserts only. Each lease generation is a document
 * keyed `<jobId>:<generation>`; taking a job means inserting the next generation, and the
 * unique `_id` lets exactly one contender win it. A holder has lost the job as soon as a newer
 * generation exists. Unique-key inserts are atomic on MongoDB and on the local FerretDB alike,
 * whereas FerretDB 1.x applies conditional updates without isolation (see wiki/Infrastructure.md).
 */
export class JobLeaseRepository {
  private readonly leases: Collection<JobLeaseDocument>;

  constructor(db: Db) {
    this.leases = jobLeasesCollection.in(db);
  }

  /**
   * Takes the job when nobody holds it, when the current lease expired, or (`takeOver`, for a
   * message the broker redelivered because its consumer died) whatever the current lease says.
   */
  async acquire(jobId: string, leaseMs: number, takeOver: boolean, now = new Date()): Promise<HeldLease | undefined> {
    const latest = await this.latest(jobId);
    if (latest && !takeOver && latest.expiresAt > now) return undefined;
    const generation = (latest?.generation ?? 0) + 1;
    try {
      await this.leases.insertOne({
        _id: `${jobId}:${generation}`,
        jobId,
        generation,
        token: randomUUID(),
        expiresAt: new Date(now.getTime() + leaseMs),
      });
      return { jobId, generation };
    } catch (error) {
      if (isDuplicateKeyError(error)) return undefined;
      throw error;
    }
  }

  /** Extends the lease; false once a newer generation exists (another worker took the job). */
  async renew(lease: HeldLease, leaseMs: number, now = new Date()): Promise<boolean> {
    await this.leases.updateOne(
      { _id: `${lease.jobId}:${lease.generation}` },
      { $set: { expiresAt: new Date(now.getTime() + leaseMs) } },
    );
    return this.isCurrent(lease);
  }

  /** True while no newer generation exists. */
  async isCurrent(lease: HeldLease): Promise<boolean> {
    return (await this.leases.countDocuments({ _id: `${lease.jobId}:${lease.generation + 1}` }, { limit: 1 })) === 0;
  }

  /** Lets the lease lapse at once so the retry of a failed attempt can take the job without waiting. */
  async expire(lease: HeldLease, now = new Date()): Promise<void> {
    await this.leases.updateOne(
      { _id: `${lease.jobId}:${lease.generation}` },
      { $set: { expiresAt: new Date(now.getTime() - 1) } },
    );
  }

  private latest(jobId: string): Promise<JobLeaseDocument | null> {
    return this.leases.find({ jobId }).sort({ generation: -1 }).limit(1).next();
  }
}
