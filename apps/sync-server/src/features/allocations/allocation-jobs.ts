import type { BulkAllocationInput } from '@fulfillment/domain/allocation/allocation-schemas';
import type { JobItemError } from '../../db/schema/jobs.ts';
import type { JobContext, JobRegistry } from '../../platform/jobs/registry.ts';
import { ProblemError } from '../../platform/problem.ts';
import { releaseAllocation, requestAllocation } from './allocations.service.ts';

const CHUNK = 100;
type Outcomes = { allocated: number; partial: number; failed: number; already_allocated: number };
type BulkCheckpoint = { next: number; outcomes: Outcomes };

/**
 * `allocations.bulk`: one allocation request per fulfillment, a chunk at a time, progress after each.
 * The Inventory Service's calls cannot share a commit with the checkpoint, so a chunk interrupted by a
 * crash is asked again; the inventory knows each allocation by its id, and a fulfillment found
 * already holding stock counts as `already_allocated`, so nothing is reserved twice.
 */
async function bulkAllocate(ctx: JobContext<BulkAllocationInput, BulkCheckpoint>) {
  const ids = ctx.input.fulfillment_ids;
  const checkpoint = ctx.getCheckpoint() ?? {
    next: 0,
    outcomes: { allocated: 0, partial: 0, failed: 0, already_allocated: 0 },
  };
  let { next } = checkpoint;
  const outcomes = { ...checkpoint.outcomes };
  const { db, inventory } = ctx.deps;
  while (next < ids.length) {
    ctx.throwIfStopping();
    const chunk = ids.slice(next, next + CHUNK);
    const errors: JobItemError[] = [];
    let succeeded = 0;
    for (const fulfillmentId of chunk) {
      // The embedded inventory answers without real I/O: without this the loop would hold the event
      // loop for the whole job and the API (and GET /jobs/{id}) would stall until it ended.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        const allocation = await requestAllocation({ db, inventory }, ctx.actor, {
          fulfillment_id: fulfillmentId,
          strategy: ctx.input.strategy,
        });
        if (allocation.status === 'allocated' || allocation.status === 'partial' || allocation.status === 'failed')
          outcomes[allocation.status]++;
        succeeded++;
      } catch (error) {
        if (error instanceof ProblemError && error.code === 'allocation_already_active') {
          outcomes.already_allocated++;
          succeeded++;
        } else if (error instanceof ProblemError) {
          errors.push({ item: fulfillmentId, code: error.code, message: error.message });
        } else {
          throw error;
        }
      }
    }
    next += chunk.length;
    db.transaction((tx) => {
      ctx.reportProgress({ processed: chunk.length, succeeded, failed: errors.length, errors }, tx);
      ctx.checkpoint({ next, outcomes }, tx);
    });
  }
  return outcomes;
}

type ReleaseInput = { allocation_id: string; reason: string | null };
const RELEASE_ATTEMPTS = 8;

/**
 * `allocations.release`: gives a cancelled fulfillment's stock back. Enqueued in the cancel's own
 * transaction, so the release is never forgotten even if the Inventory Service is down at that
 * moment; it is retried with backoff while the outage lasts.
 */
async function releaseLater(ctx: JobContext<ReleaseInput>) {
  const { db, inventory } = ctx.deps;
  for (let attempt = 1; ; attempt++) {
    ctx.throwIfStopping();
    try {
      const allocation = await releaseAllocation(
        { db, inventory },
        ctx.actor,
        ctx.input.allocation_id,
        ctx.input.reason,
      );
      db.transaction((tx) => ctx.reportProgress({ processed: 1, succeeded: 1 }, tx));
      return { allocation_id: allocation.id, status: allocation.status };
    } catch (error) {
      const outage = error instanceof ProblemError && error.status >= 502;
      if (!outage || attempt >= RELEASE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 250 * 2 ** attempt)));
    }
  }
}

export function registerAllocationJobs(registry: JobRegistry): void {
  registry.register('allocations.bulk', bulkAllocate);
  registry.register('allocations.release', releaseLater);
}
