import { applyScan, checkShort, declareShort, type ShortRejection } from '@fulfillment/domain/picklist/apply-scan';
import type { PickScan, PicklistState, ScanVerdict } from '@fulfillment/domain/picklist/picklist-model';
import { validateScan, type ValidateScanOptions } from '@fulfillment/domain/picklist/validate-scan';
import type { MutationName } from '@fulfillment/domain/sync/sync-schemas';
import type { CachedPicklist } from '../../../db/db-types.ts';
import { enqueueWithChange } from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { newUlid } from '../../../lib/ids.ts';
import { completeLocally, scanArgs, startLocally } from './pick-mutations.ts';

export type ActionContext = { db: ScannerDb; workerId: string | null; now: () => Date };

async function cached(db: ScannerDb, picklistId: string): Promise<CachedPicklist> {
  const row = await db.picklists.get(picklistId);
  if (!row) throw new Error(`picklist ${picklistId} is not on this handheld`);
  return row;
}

/**
 * Judges a scan locally (validateScan, no network) and, if accepted, applies it to the cached
 * picklist and queues it for the server, all in ONE transaction (rule 5). The verdict is judged on
 * the state read inside that transaction, so two quick scans can never both take the last unit.
 *
 * Only accepted scans are queued: the picker physically takes goods on an accepted verdict only, and
 * a refused scan sent on could be accepted by a server whose state has moved on, recording a pick
 * that never happened. Refused scans are shown at once and kept on screen, not synced.
 */
export async function recordScan(
  ctx: ActionContext,
  picklistId: string,
  scan: PickScan,
  options: ValidateScanOptions,
): Promise<ScanVerdict> {
  const { result } = await enqueueWithChange<ScanVerdict>(ctx.db, async () => {
    const row = await cached(ctx.db, picklistId);
    const verdict = validateScan(row.state, scan, options);
    if (verdict.verdict === 'rejected') return { enqueue: undefined, result: verdict };
    await ctx.db.picklists.put({ ...row, state: applyScan(row.state, verdict) });
    return {
      enqueue: mutation(ctx, 'pick.scan', picklistId, { ...scanArgs(picklistId, scan) }),
      result: verdict,
    };
  });
  return result;
}

/** Declares units of a task short, with the reason; refused as the server would refuse it. */
export async function recordShort(
  ctx: ActionContext,
  picklistId: string,
  taskId: string,
  qtyShort: number,
  reason: string,
): Promise<ShortRejection | null> {
  const { result } = await enqueueWithChange<ShortRejection | null>(ctx.db, async () => {
    const row = await cached(ctx.db, picklistId);
    const refused = checkShort(row.state, taskId, qtyShort, reason);
    if (refused) return { enqueue: undefined, result: refused };
    await ctx.db.picklists.put({ ...row, state: declareShort(row.state, taskId, qtyShort, reason) });
    const args = { picklist_id: picklistId, task_id: taskId, qty_short: qtyShort, reason };
    return { enqueue: mutation(ctx, 'pick.short', picklistId, args), result: null };
  });
  return result;
}

/** Start or complete: a status change the server's status machine has the last word on. */
export async function recordStatusChange(
  ctx: ActionContext,
  picklistId: string,
  name: 'pick.start' | 'pick.complete',
): Promise<PicklistState> {
  const { result } = await enqueueWithChange<PicklistState>(ctx.db, async () => {
    const row = await cached(ctx.db, picklistId);
    const next = name === 'pick.start' ? startLocally(row.state) : completeLocally(row.state);
    if (next === row.state) return { enqueue: undefined, result: row.state };
    await ctx.db.picklists.put({ ...row, state: next });
    return { enqueue: mutation(ctx, name, picklistId, { picklist_id: picklistId }), result: next };
  });
  return result;
}

function mutation(ctx: ActionContext, name: MutationName, picklistId: string, args: Record<string, unknown>) {
  return {
    mutation_id: newUlid(),
    name,
    args,
    created_at: ctx.now().toISOString(),
    picklist_id: picklistId,
    worker_id: ctx.workerId,
  };
}
