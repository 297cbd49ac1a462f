import { and, asc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { type JobFailure, type JobRow, jobs } from '../../db/schema/jobs.ts';
import type { Actor } from '../context.ts';
import { recordTimeline } from '../timeline.ts';
import { boundItemError, JobStopped, MAX_ITEM_ERRORS } from './job-errors.ts';
import type { JobProgress, ProgressReport } from './registry.ts';

/**
 * Every statement the runner issues, in drizzle's portable subset (no SQLite-only SQL), so that a
 * PostgreSQL runner is the same code on the pg dialect. Times are ISO strings from the injected clock.
 */

const iso = (d: Date) => d.toISOString();
const later = (d: Date, ms: number) => new Date(d.getTime() + ms).toISOString();
const bump = { version: sql`${jobs.version} + 1` };

/** Work the runner does on its own behalf, recorded against the request that enqueued the job. */
export function runnerActor(job: Pick<JobRow, 'tenantId' | 'requestId'>, now: Date): Actor {
  return {
    tenantId: job.tenantId,
    type: 'system',
    id: 'job-runner',
    deviceId: null,
    workerId: null,
    requestId: job.requestId,
    now,
  };
}

export type Ending =
  { status: 'succeeded'; result: unknown } | { status: 'failed'; failure: JobFailure } | { status: 'cancelled' };

/** Writes a final status and its timeline entry. Returns false if `guard` no longer matched the row. */
function end(tx: Tx, job: JobRow, ending: Ending, now: Date, guard = eq(jobs.leaseOwner, job.leaseOwner ?? '')) {
  const ended = tx
    .update(jobs)
    .set({
      status: ending.status,
      result: ending.status === 'succeeded' ? (ending.result ?? null) : null,
      failure: ending.status === 'failed' ? ending.failure : null,
      leaseOwner: null,
      leaseExpiresAt: null,
      finishedAt: iso(now),
      updatedAt: iso(now),
      ...bump,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), guard))
    .run();
  if (ended.changes === 0) return false;
  const data: Record<string, unknown> = { job_type: job.type, status: ending.status };
  if (ending.status === 'failed') data.failure = ending.failure;
  recordTimeline(tx, runnerActor(job, now), {
    type: ending.status === 'cancelled' ? 'job.cancelled' : 'job.finished',
    subjectType: 'job',
    subjectId: job.id,
    data,
  });
  return true;
}

const claimable = (now: string) =>
  or(eq(jobs.status, 'queued'), and(eq(jobs.status, 'running'), lt(jobs.leaseExpiresAt, now)));

export type Claim = { kind: 'claimed'; job: JobRow } | { kind: 'settled' } | { kind: 'idle' };

/**
 * Takes the oldest job that is queued, or running under an expired lease (its runner died), and writes
 * a fresh lease on it. A job interrupted `maxAttempts` times, or whose cancel was requested before its
 * runner died, is ended here instead (`settled`), so it neither loops forever nor silently vanishes.
 */
export function claimNextJob(db: Db, o: { owner: string; now: Date; leaseMs: number; maxAttempts: number }): Claim {
  const now = iso(o.now);
  // SQLite: IMMEDIATE takes the write lock before the read, so two processes on one file cannot both
  // pick the same row. PostgreSQL: add `.for('update', { skipLocked: true })` to the select below so
  // that instances racing for the queue take different rows instead of queueing behind one lock.
  return db.transaction(
    (tx): Claim => {
      const candidate = tx.select().from(jobs).where(claimable(now)).orderBy(asc(jobs.id)).limit(1).get();
      if (!candidate) return { kind: 'idle' };
      const interrupted = candidate.status === 'running';
      const asFound = and(eq(jobs.version, candidate.version), claimable(now));
      if (interrupted && candidate.cancelRequestedAt) {
        end(tx, candidate, { status: 'cancelled' }, o.now, asFound);
        return { kind: 'settled' };
      }
      if (interrupted && candidate.attempts >= o.maxAttempts) {
        const failure = {
          code: 'interrupted_too_often',
          message: `the job was interrupted ${candidate.attempts} times (its runner stopped without finishing it); it will not be retried`,
        };
        end(tx, candidate, { status: 'failed', failure }, o.now, asFound);
        return { kind: 'settled' };
      }
      // Compare-and-set: the row must still be as it was read, so of two claimers only one wins.
      const job = tx
        .update(jobs)
        .set({
          status: 'running',
          leaseOwner: o.owner,
          leaseExpiresAt: later(o.now, o.leaseMs),
          attempts: sql`${jobs.attempts} + 1`,
          startedAt: candidate.startedAt ?? now,
          updatedAt: now,
          ...bump,
        })
        .where(and(eq(jobs.id, candidate.id), asFound))
        .returning()
        .get();
      return job ? { kind: 'claimed', job } : { kind: 'settled' };
    },
    { behavior: 'immediate' },
  );
}

const held = (id: string, owner: string) =>
  and(eq(jobs.id, id), eq(jobs.leaseOwner, owner), eq(jobs.status, 'running'));

/** Extends the lease while a handler works. False means another runner took the job over. */
export function renewLease(db: Db, id: string, owner: string, now: Date, leaseMs: number): boolean {
  return (
    db
      .update(jobs)
      .set({ leaseExpiresAt: later(now, leaseMs) })
      .where(held(id, owner))
      .run().changes === 1
  );
}

/** Adds one chunk's counts and errors, in the caller's transaction, if `owner` still holds the lease. */
export function addProgress(
  tx: Tx,
  o: { id: string; owner: string; now: Date; leaseMs: number },
  report: ProgressReport,
): JobProgress {
  for (const key of ['processed', 'succeeded', 'failed', 'total'] as const) {
    const n = report[key];
    if (n !== undefined && !(Number.isSafeInteger(n) && n >= 0)) {
      throw new TypeError(`reportProgress: ${key} must be a non-negative integer, got ${n}`);
    }
  }
  const row = tx
    .select({
      progressTotal: jobs.progressTotal,
      progressProcessed: jobs.progressProcessed,
      progressSucceeded: jobs.progressSucceeded,
      progressFailed: jobs.progressFailed,
      errors: jobs.errors,
      errorsOmitted: jobs.errorsOmitted,
    })
    .from(jobs)
    .where(held(o.id, o.owner))
    .get();
  if (!row) throw new JobStopped('lease_lost');
  let errors = row.errors;
  let errorsOmitted = row.errorsOmitted;
  if (report.errors?.length) {
    const room = Math.max(0, MAX_ITEM_ERRORS - errors.length);
    errors = [...errors, ...report.errors.slice(0, room).map(boundItemError)];
    errorsOmitted += Math.max(0, report.errors.length - room);
  }
  const progress: JobProgress = {
    total: report.total ?? row.progressTotal,
    processed: row.progressProcessed + (report.processed ?? 0),
    succeeded: row.progressSucceeded + (report.succeeded ?? 0),
    failed: row.progressFailed + (report.failed ?? 0),
  };
  tx.update(jobs)
    .set({
      progressTotal: progress.total,
      progressProcessed: progress.processed,
      progressSucceeded: progress.succeeded,
      progressFailed: progress.failed,
      ...(report.errors?.length ? { errors, errorsOmitted } : {}),
      leaseExpiresAt: later(o.now, o.leaseMs),
      updatedAt: iso(o.now),
      ...bump,
    })
    .where(held(o.id, o.owner))
    .run();
  return progress;
}

/** Stores the resume point, in the caller's transaction, if `owner` still holds the lease. */
export function saveCheckpoint(tx: Tx, o: { id: string; owner: string; now: Date }, state: unknown): void {
  const saved = tx
    .update(jobs)
    .set({ checkpoint: state ?? null })
    .where(held(o.id, o.owner))
    .run();
  if (saved.changes === 0) throw new JobStopped('lease_lost');
}

export function readCheckpoint(db: Db, id: string): unknown {
  return db.select({ checkpoint: jobs.checkpoint }).from(jobs).where(eq(jobs.id, id)).get()?.checkpoint ?? undefined;
}

export function isCancelRequested(db: Db, id: string): boolean {
  const row = db.select({ at: jobs.cancelRequestedAt }).from(jobs).where(eq(jobs.id, id)).get();
  return Boolean(row?.at);
}

/** Ends a job the runner holds. False if the lease was lost meanwhile (the new holder will end it). */
export function finishJob(db: Db, job: JobRow, ending: Ending, now: Date): boolean {
  return db.transaction((tx) => end(tx, job, ending, now));
}

/**
 * Hands a job back to the queue on shutdown, to be resumed from its checkpoint by the next runner.
 * The run does not count as an interruption: it stopped on purpose, between chunks.
 */
export function releaseJob(db: Db, job: JobRow, now: Date): boolean {
  const released = db
    .update(jobs)
    .set({
      status: 'queued',
      leaseOwner: null,
      leaseExpiresAt: null,
      attempts: sql`${jobs.attempts} - 1`,
      updatedAt: iso(now),
      ...bump,
    })
    .where(held(job.id, job.leaseOwner ?? ''))
    .run();
  return released.changes === 1;
}
