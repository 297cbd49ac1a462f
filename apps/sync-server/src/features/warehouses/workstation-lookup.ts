import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { workstations } from '../../db/schema/warehouses.ts';

/**
 * A pack station, scale or printer of the tenant that was not retired with its warehouse. Pack-station
 * features reach workstations through this; `status` and `type` are theirs to check.
 */
export function findWorkstationRow(db: Db | Tx, tenantId: string, id: string) {
  return db
    .select()
    .from(workstations)
    .where(and(eq(workstations.tenantId, tenantId), eq(workstations.id, id), isNull(workstations.deletedAt)))
    .get();
}
