import { and, eq, getTableColumns } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { type JobRow, jobs } from '../../db/schema/jobs.ts';

type Reader = Db | Tx;
/** Everything but what the view leaves out: the input can be large, and GET is polled. */
const { input: _input, checkpoint: _checkpoint, ...viewColumns } = getTableColumns(jobs);
type JobView = Omit<JobRow, 'input' | 'checkpoint'>;

function percent(row: JobView): number | null {
  if (row.progressTotal === null) return row.status === 'succeeded' ? 100 : null;
  if (row.progressTotal === 0) return row.status === 'succeeded' ? 100 : 0;
  // Rounded down, so 100 means every item was processed, never "almost".
  return Math.min(100, Math.floor((row.progressProcessed * 1000) / row.progressTotal) / 10);
}

/** The public view of a job: no input (it can be large), no lease or checkpoint (runner internals). */
export function toJobResource(row: JobView) {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    progress: {
      total: row.progressTotal,
      processed: row.progressProcessed,
      succeeded: row.progressSucceeded,
      failed: row.progressFailed,
      percent: percent(row),
    },
    errors: row.errors,
    errors_omitted: row.errorsOmitted,
    failure: row.failure ?? null,
    result: row.result ?? null,
    attempts: row.attempts,
    cancel_requested_at: row.cancelRequestedAt,
    created_by: {
      type: row.createdByType,
      id: row.createdBy,
      device_id: row.createdByDeviceId,
      worker_id: row.createdByWorkerId,
    },
    request_id: row.requestId,
    started_at: row.startedAt,
    finished_at: row.finishedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type JobResource = ReturnType<typeof toJobResource>;

export function findJobRow(db: Reader, tenantId: string, id: string): JobRow | undefined {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
    .get();
}

/** A job of this tenant, as GET /jobs/{id} shows it (also for routes like GET /imports/{jobId}). */
export function getJob(db: Reader, tenantId: string, id: string): JobResource | undefined {
  const row = db
    .select(viewColumns)
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, id)))
    .get();
  return row && toJobResource(row);
}
