import type { ZoneType } from '@fulfillment/domain/warehouse/zone-schemas';
import { and, asc, count, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { locations, zones } from '../../db/schema/warehouses.ts';

type Reader = Db | Tx;
type ZoneRow = typeof zones.$inferSelect;
type LocationRow = typeof locations.$inferSelect;
type PageRequest = { after: string | undefined; limit: number };

function toZone(row: ZoneRow, locationCount: number) {
  return {
    id: row.id,
    warehouse_id: row.warehouseId,
    code: row.code,
    name: row.name,
    type: row.type,
    pick_sequence: row.pickSequence,
    location_count: locationCount,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

export function toLocation(row: LocationRow) {
  return {
    id: row.id,
    warehouse_id: row.warehouseId,
    zone_id: row.zoneId,
    code: row.code,
    barcode: row.barcode,
    type: row.type,
    aisle: row.aisle,
    bay: row.bay,
    level: row.level,
    position: row.position,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

function locationCounts(db: Reader, zoneIds: string[]): Map<string, number> {
  const counts = new Map<string, number>(zoneIds.map((id) => [id, 0]));
  if (zoneIds.length === 0) return counts;
  const rows = db
    .select({ zoneId: locations.zoneId, n: count() })
    .from(locations)
    .where(and(inArray(locations.zoneId, zoneIds), isNull(locations.deletedAt)))
    .groupBy(locations.zoneId)
    .all();
  for (const r of rows) counts.set(r.zoneId, r.n);
  return counts;
}

/** A zone of this warehouse, or undefined: zone ids from another warehouse are as good as unknown. */
export function findZoneRow(db: Reader, tenantId: string, warehouseId: string, id: string) {
  return db
    .select()
    .from(zones)
    .where(and(eq(zones.tenantId, tenantId), eq(zones.warehouseId, warehouseId), eq(zones.id, id)))
    .get();
}

export function getZone(db: Reader, tenantId: string, warehouseId: string, id: string) {
  const row = findZoneRow(db, tenantId, warehouseId, id);
  return row && toZone(row, locationCounts(db, [id]).get(id)!);
}

export function listZones(
  db: Reader,
  warehouseId: string,
  filters: { type?: ZoneType | undefined },
  pageRequest: PageRequest,
) {
  const where: SQL[] = [eq(zones.warehouseId, warehouseId)];
  if (filters.type) where.push(eq(zones.type, filters.type));
  if (pageRequest.after) where.push(gt(zones.id, pageRequest.after));
  const rows = db
    .select()
    .from(zones)
    .where(and(...where))
    .orderBy(asc(zones.id))
    .limit(pageRequest.limit + 1)
    .all();
  const counts = locationCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toZone(r, counts.get(r.id)!));
}

export type LocationFilters = { zoneId?: string | undefined; code?: string | undefined; barcode?: string | undefined };

export function listLocations(db: Reader, warehouseId: string, filters: LocationFilters, pageRequest: PageRequest) {
  const where: SQL[] = [eq(locations.warehouseId, warehouseId), isNull(locations.deletedAt)];
  if (filters.zoneId) where.push(eq(locations.zoneId, filters.zoneId));
  if (filters.code) where.push(eq(locations.code, filters.code));
  if (filters.barcode) where.push(eq(locations.barcode, filters.barcode));
  if (pageRequest.after) where.push(gt(locations.id, pageRequest.after));
  return db
    .select()
    .from(locations)
    .where(and(...where))
    .orderBy(asc(locations.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(toLocation);
}

export function getLocations(db: Reader, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(locations).where(inArray(locations.id, ids)).orderBy(asc(locations.id)).all().map(toLocation);
}
