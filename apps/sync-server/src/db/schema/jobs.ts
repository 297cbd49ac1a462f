import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

export const jobStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** One item of a job that could not be done: which item, why (a stable code), and a readable message. */
export type JobItemError = { item: string; code: string; message: string };
/** Why a whole job failed (handler threw, unknown type, interrupted too often). */
export type JobFailure = { code: string; message: string };

/**
 * Background work: bulk allocation, bulk labels, imports, exports (CONVENTIONS.md: Long work).
 * A runner claims a row by writing a lease (`lease_owner`, `lease_expires_at`); a row left `running`
 * with an expired lease belongs to a runner that died and is claimed again, resuming from `checkpoint`.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    status: text('status', { enum: jobStatuses }).notNull(),
    input: text('input', { mode: 'json' }).$type<unknown>().notNull(),
    /** Counts, not JSON, so that a chunk adds to them with plain SQL in any dialect. Total may be unknown. */
    progressTotal: integer('progress_total'),
    progressProcessed: integer('progress_processed').notNull().default(0),
    progressSucceeded: integer('progress_succeeded').notNull().default(0),
    progressFailed: integer('progress_failed').notNull().default(0),
    /** The first item errors (bounded); `errors_omitted` counts the rest. */
    errors: text('errors', { mode: 'json' }).$type<JobItemError[]>().notNull().default([]),
    errorsOmitted: integer('errors_omitted').notNull().default(0),
    failure: text('failure', { mode: 'json' }).$type<JobFailure>(),
    result: text('result', { mode: 'json' }).$type<unknown>(),
    /** Where a resumed run starts: written in the same transaction as the chunk it follows. */
    checkpoint: text('checkpoint', { mode: 'json' }).$type<unknown>(),
    /** Claims that did not end with the runner handing the job back on purpose. */
    attempts: integer('attempts').notNull().default(0),
    cancelRequestedAt: text('cancel_requested_at'),
    /** A fresh token per claim: a runner whose lease was taken over can no longer write (fencing). */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: text('lease_expires_at'),
    createdByType: text('created_by_type').notNull(),
    createdBy: text('created_by').notNull(),
    createdByDeviceId: text('created_by_device_id'),
    createdByWorkerId: text('created_by_worker_id'),
    requestId: text('request_id').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    ...resourceColumns(),
  },
  (t) => [
    index('job_tenant').on(t.tenantId, t.id),
    index('job_queue').on(t.status, t.id),
    index('job_lease').on(t.status, t.leaseExpiresAt),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
