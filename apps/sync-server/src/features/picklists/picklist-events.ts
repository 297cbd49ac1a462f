import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { picklists } from '../../db/schema/picklists.ts';
import type { Actor } from '../../platform/context.ts';
import { isoTime, publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { bumpPicklistVersion } from './picklist-statements.ts';

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
 * Bumps the picklist's version (its ETag), writes the timeline entry and the outbox event of the
 * change, and tells the listeners: the one way every picklist command records what it did.
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
  if (change.bump !== false && change.set === undefined) {
    // What every scan does: a prepared statement rather than a query built each time.
    bumpPicklistVersion(tx, row.id, row.version + 1, isoTime(actor.now));
  } else if (change.bump !== false) {
    tx.update(picklists)
      .set({ ...change.set, version: row.version + 1, updatedAt: actor.now.toISOString() })
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
