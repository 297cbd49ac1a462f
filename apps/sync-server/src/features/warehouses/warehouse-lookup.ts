import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { warehouses } from '../../db/schema/warehouses.ts';

/** A warehouse of the tenant that has not been deleted, or undefined. Other features reference warehouses through this. */
export function findWarehouseRow(db: Db | Tx, tenantId: string, id: string) {
  return db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.id, id), isNull(warehouses.deletedAt)))
    .get();
}
