import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { workers } from '../../db/schema/warehouses.ts';

/**
 * Workers as other features (keys, log-in, task assignment) see them. Workers retired with their
 * warehouse are not found; an `inactive` one is, and the caller decides what inactive means for it.
 */
export function findWorkerRow(db: Db | Tx, tenantId: string, id: string) {
  return db
    .select()
    .from(workers)
    .where(and(eq(workers.tenantId, tenantId), eq(workers.id, id), isNull(workers.deletedAt)))
    .get();
}

/** The worker a scanned badge belongs to: badges are unique per tenant among live workers. */
export function findWorkerByBadge(db: Db | Tx, tenantId: string, badgeId: string) {
  return db
    .select()
    .from(workers)
    .where(and(eq(workers.tenantId, tenantId), eq(workers.badgeId, badgeId), isNull(workers.deletedAt)))
    .get();
}
