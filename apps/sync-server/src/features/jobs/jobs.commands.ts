import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { type JobRow, jobs } from '../../db/schema/jobs.ts';
import type { Actor } from '../../platform/context.ts';
import { conflict } from '../../platform/problem.ts';
import { recordTimeline } from '../../platform/timeline.ts';

export type CancelOutcome = 'cancelled' | 'cancel_requested';

/**
 * Cancels a queued job at once; asks a running one to stop (its runner ends it `cancelled` at the next
 * chunk); refuses a finished one. Each write is guarded by the status it expects, so a runner claiming
 * or finishing the job at the same moment cannot be overwritten: the loser re-reads and decides again.
 */
export function cancelJob(tx: Tx, actor: Actor, job: JobRow): CancelOutcome {
  const now = actor.now.toISOString();
  const where = (status: JobRow['status']) =>
    and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, job.id), eq(jobs.status, status));
  let current: JobRow | undefined = job;
  for (let round = 0; current && round < 3; round++) {
    const status = current.status;
    if (status === 'succeeded' || status === 'failed' || status === 'cancelled') {
      throw conflict('job_already_finished', `job ${job.id} already finished: it is ${status}`);
    }
    if (status === 'queued') {
      const changed = tx
        .update(jobs)
        .set({
          status: 'cancelled',
          cancelRequestedAt: now,
          finishedAt: now,
          updatedAt: now,
          version: sql`${jobs.version} + 1`,
        })
        .where(where('queued'))
        .run().changes;
      if (changed === 1) {
        recordTimeline(tx, actor, {
          type: 'job.cancelled',
          subjectType: 'job',
          subjectId: job.id,
          data: { job_type: job.type, from_status: 'queued' },
        });
        return 'cancelled';
      }
    } else {
      if (current.cancelRequestedAt) return 'cancel_requested';
      const changed = tx
        .update(jobs)
        .set({ cancelRequestedAt: now, updatedAt: now, version: sql`${jobs.version} + 1` })
        .where(and(where('running'), isNull(jobs.cancelRequestedAt)))
        .run().changes;
      if (changed === 1) {
        recordTimeline(tx, actor, {
          type: 'job.cancel_requested',
          subjectType: 'job',
          subjectId: job.id,
          data: { job_type: job.type },
        });
        return 'cancel_requested';
      }
    }
    current = tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, actor.tenantId), eq(jobs.id, job.id)))
      .get();
  }
  throw conflict('job_state_changing', `job ${job.id} is changing state; try again`);
}
