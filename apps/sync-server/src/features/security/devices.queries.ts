import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { devices } from '../../db/schema/security.ts';

type Reader = Db | Tx;
export type DeviceRow = typeof devices.$inferSelect;

export function toDeviceResource(row: DeviceRow) {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    model: row.model,
    warehouse_id: row.warehouseId,
    status: row.status,
    registered_at: row.registeredAt,
    revoked_at: row.revokedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type DeviceResource = ReturnType<typeof toDeviceResource>;

export function findDeviceRow(db: Reader, tenantId: string, id: string): DeviceRow | undefined {
  return db
    .select()
    .from(devices)
    .where(and(eq(devices.tenantId, tenantId), eq(devices.id, id)))
    .get();
}

export type DeviceFilters = {
  status?: DeviceRow['status'] | undefined;
  type?: DeviceRow['type'] | undefined;
  warehouseId?: string | undefined;
};

/** Pages by the server-made `ref` (see the schema); `cursorId` is what the cursor is built from. */
export function listDevices(
  db: Reader,
  tenantId: string,
  filters: DeviceFilters,
  pageRequest: { after: string | undefined; limit: number },
): { id: string; device: DeviceResource }[] {
  const where: SQL[] = [eq(devices.tenantId, tenantId)];
  if (filters.status) where.push(eq(devices.status, filters.status));
  if (filters.type) where.push(eq(devices.type, filters.type));
  if (filters.warehouseId) where.push(eq(devices.warehouseId, filters.warehouseId));
  if (pageRequest.after) where.push(gt(devices.ref, pageRequest.after));
  return db
    .select()
    .from(devices)
    .where(and(...where))
    .orderBy(asc(devices.ref))
    .limit(pageRequest.limit + 1)
    .all()
    .map((row) => ({ id: row.ref, device: toDeviceResource(row) }));
}
