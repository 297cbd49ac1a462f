import type { Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { enqueueJob } from '../../platform/jobs/enqueue.ts';
import { conflict } from '../../platform/problem.ts';
import { findJobRow } from '../jobs/jobs.queries.ts';
import { CONFIRM_JOB } from './picklist-completion.ts';
import { picklistChanged } from './picklist-events.ts';
import type { ConfirmInput } from './picklist-inventory.ts';
import { requirePicklist } from './picklists.commands.ts';

/**
 * Runs a failed inventory confirmation again, once a supervisor has put right what made the Inventory
 * Service refuse it. The new job takes the same input as the failed one; the confirmation redoes
 * nothing already done (it sends totals and skips what was confirmed).
 */
export function retryInventoryConfirmation(tx: Tx, actor: Actor, picklistId: string) {
  const row = requirePicklist(tx, actor, picklistId);
  if (row.inventoryStatus !== 'failed') {
    throw conflict(
      'inventory_confirmation_not_failed',
      `the inventory confirmation of picklist ${picklistId} is ${row.inventoryStatus}: only a failed one is retried`,
    );
  }
  const previous = row.inventoryJobId ? findJobRow(tx, actor.tenantId, row.inventoryJobId) : undefined;
  const input: ConfirmInput = (previous?.input as ConfirmInput | null) ?? { picklist_id: picklistId };
  const job = enqueueJob(tx, actor, { type: CONFIRM_JOB, input, total: previous?.progressTotal ?? undefined });
  picklistChanged(tx, actor, row, {
    type: 'picklist.inventory_retried',
    set: { inventoryStatus: 'pending', inventoryJobId: job.id, inventoryError: null },
    data: { job_id: job.id, previous_job_id: row.inventoryJobId, previous_error: row.inventoryError },
  });
  return job;
}
