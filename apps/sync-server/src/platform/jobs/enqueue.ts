import type { Tx } from '../../db/client.ts';
import { type JobRow, jobs } from '../../db/schema/jobs.ts';
import type { Actor } from '../context.ts';
import { newId } from '../ids.ts';
import { recordTimeline } from '../timeline.ts';

export type EnqueueJob<I> = {
  /** A type the runner's registry knows (src/job-types.ts), e.g. 'allocations.bulk'. */
  type: string;
  /** What the handler receives as `ctx.input`: validated by the route, stored as JSON. */
  input: I;
  /** How many items the job will process, when known up front (progress percent needs it). */
  total?: number;
  metadata?: Record<string, unknown>;
};

/**
 * Queues a job in the caller's transaction, so that a route validates, writes and enqueues in one
 * commit: the job exists if and only if the request succeeded. Answer with `acceptedJob(c, job)`.
 */
export function enqueueJob<I>(tx: Tx, actor: Actor, job: EnqueueJob<I>): JobRow {
  if (job.total !== undefined && !(Number.isSafeInteger(job.total) && job.total >= 0)) {
    throw new TypeError(`enqueueJob: total must be a non-negative integer, got ${job.total}`);
  }
  const id = newId('job');
  const now = actor.now.toISOString();
  const row = tx
    .insert(jobs)
    .values({
      id,
      tenantId: actor.tenantId,
      type: job.type,
      status: 'queued',
      input: job.input ?? null,
      progressTotal: job.total ?? null,
      createdByType: actor.type,
      createdBy: actor.id,
      createdByDeviceId: actor.deviceId,
      createdByWorkerId: actor.workerId,
      requestId: actor.requestId,
      metadata: job.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  recordTimeline(tx, actor, {
    type: 'job.created',
    subjectType: 'job',
    subjectId: id,
    data: { job_type: job.type, total: job.total ?? null },
  });
  return row;
}
