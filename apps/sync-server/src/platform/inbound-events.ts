import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { inboundEvents } from '../db/schema/platform.ts';

/**
 * Callbacks from other systems (Inventory Service, carriers) arrive at least once: each is known by
 * its source and event id, and applied only the first time.
 */
export function wasReceived(db: Db | Tx, source: string, eventId: string): boolean {
  return (
    db
      .select({ eventId: inboundEvents.eventId })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.source, source), eq(inboundEvents.eventId, eventId)))
      .get() !== undefined
  );
}

/** Records the event in the transaction that applies it; false when it was already there. */
export function markReceived(tx: Tx, source: string, eventId: string, at: Date): boolean {
  const inserted = tx
    .insert(inboundEvents)
    .values({ source, eventId, receivedAt: at.toISOString() })
    .onConflictDoNothing()
    .run();
  return inserted.changes > 0;
}
