import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { warehouses } from '../../db/schema/warehouses.ts';
import { unprocessable } from '../../platform/problem.ts';

/** A warehouse of the tenant that has not been deleted, or undefined. Other features reference warehouses through this. */
export function findWarehouseRow(db: Db | Tx, tenantId: string, id: string) {
  return db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.id, id), isNull(warehouses.deletedAt)))
    .get();
}

/**
 * For a request body that names a warehouse to work in: it must exist and be active, else 422 with
 * the offending field's path (a reference in a body is a business rule, not a missing resource).
 */
export function requireActiveWarehouseRef(db: Db | Tx, tenantId: string, id: string, path = 'warehouse_id') {
  const warehouse = findWarehouseRow(db, tenantId, id);
  if (!warehouse) {
    throw unprocessable('warehouse_not_found', `warehouse ${id} does not exist`, [
      { path, message: 'no such warehouse' },
    ]);
  }
  if (warehouse.status !== 'active') {
    throw unprocessable('warehouse_inactive', `warehouse ${id} is not active`, [
      { path, message: 'warehouse is inactive' },
    ]);
  }
  return warehouse;
}
