import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { runDeferredNow, transactionScoped } from '../../db/prepared.ts';
import { picklists } from '../../db/schema/picklists.ts';
import type { Actor } from '../../platform/context.ts';
import { isoTime, publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { bumpPicklistVersion } from './picklist-statements.ts';
import { findPicklistRow } from './picklists.queries.ts';

export type PicklistRow = typeof picklists.$inferSelect;

/**
 * Called, in the command's transaction, after every change to a picklist (created, assigned, started,
 * scanned, shorted, completed, adjusted, re-binned, confirmed with the Inventory Service). The sync
 * feature listens here to queue the new picklist for the handhelds that hold it, whichever door
 * (REST or sync) the change came in by.
 */
export type PicklistChangeListener = (tx: Tx, actor: Actor, picklistId: string) => void;

const listeners = new Set<PicklistChangeListener>();

/** Adds a listener; returns the way to remove it again. */
export function onPicklistChanged(listener: PicklistChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The picklist rows the commands of a push's transaction have read (`readPicklistRow`), by tenant and
 * id: each of its up to 100 scans reads the same row, which only a `picklistChanged` writes (and then
 * forgets). Outside a push's transaction, nothing is kept (`transactionScoped`).
 */
const rowsRead = (tx: Tx) => transactionScoped(tx, 'picklist-rows', () => new Map<string, PicklistRow>());

/**
 * Where a push's transaction keeps the scans of a picklist it has not written yet (`scan-runs.ts`):
 * written before the transaction commits, or earlier under this key.
 */
export const pendingScansKey = (picklistId: string) => `pending-scans:${picklistId}`;

/**
 * The picklist row as a command about to read or change its tasks must see it: the scans the
 * transaction has not written yet are written first (`scan-runs.ts`), so its tasks and version are
 * current and its own events come after theirs.
 */
export function currentPicklistRow(tx: Tx, tenantId: string, id: string): PicklistRow | undefined {
  runDeferredNow(tx, pendingScansKey(id));
  return readPicklistRow(tx, tenantId, id);
}

/** The picklist row, as this transaction last wrote it (its pending scans' version bump aside). */
export function readPicklistRow(tx: Tx, tenantId: string, id: string): PicklistRow | undefined {
  const rows = rowsRead(tx);
  const key = `${tenantId}:${id}`;
  let row = rows.get(key);
  if (row === undefined) {
    row = findPicklistRow(tx, tenantId, id);
    if (row !== undefined) rows.set(key, row);
  }
  return row;
}

/**
 * Bumps the picklist's version (its ETag), writes the timeline entry and the outbox event of the
 * change, and tells the listeners: the one way every picklist command records what it did.
 *
 * The version moves by one in SQL (`version + 1`), not from `row`: a push's scans leave their bump
 * to the end of their run (`scan-runs.ts`), and a run not yet written is written first, so that the
 * picklist's events stay in the order they happened.
 */
export function picklistChanged(
  tx: Tx,
  actor: Actor,
  row: PicklistRow,
  change: {
    type: string;
    data: Record<string, unknown>;
    set?: Partial<typeof picklists.$inferInsert>;
    /** False for the creation itself: the new row is version 1. */
    bump?: boolean;
  },
): void {
  runDeferredNow(tx, pendingScansKey(row.id));
  rowsRead(tx).delete(`${row.tenantId}:${row.id}`);
  if (change.bump !== false && change.set === undefined) {
    // What every scan does: a prepared statement rather than a query built each time.
    bumpPicklistVersion(tx, row.id, isoTime(actor.now));
  } else if (change.bump !== false) {
    tx.update(picklists)
      .set({ ...change.set, version: sql`${picklists.version} + 1`, updatedAt: actor.now.toISOString() })
      .where(eq(picklists.id, row.id))
      .run();
  }
  recordTimeline(tx, actor, { type: change.type, subjectType: 'picklist', subjectId: row.id, data: change.data });
  publishEvent(tx, actor, {
    type: change.type,
    subjectType: 'picklist',
    subjectId: row.id,
    payload: {
      picklist_id: row.id,
      warehouse_id: row.warehouseId,
      status: change.set?.status ?? row.status,
      ...change.data,
    },
  });
  for (const listener of listeners) listener(tx, actor, row.id);
}

/** A pick-level entry on a fulfillment's own timeline (pick.confirmed, pick.short, ...). */
export function recordPickEntry(
  tx: Tx,
  actor: Actor,
  picklistId: string,
  fulfillmentId: string,
  type: string,
  data: Record<string, unknown>,
): void {
  recordTimeline(tx, actor, { type, subjectType: 'picklist', subjectId: picklistId, fulfillmentId, data });
}
