import type { WarehouseCapability, WarehouseStatus } from '@fulfillment/domain/warehouse/warehouse-schemas';
import { type ZoneType, zoneTypes } from '@fulfillment/domain/warehouse/zone-schemas';
import { and, asc, count, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { locations, warehouses, zones } from '../../db/schema/warehouses.ts';
import { notFound } from '../../platform/problem.ts';
import { findWarehouseRow } from './warehouse-lookup.ts';

type Reader = Db | Tx;
export type WarehouseRow = typeof warehouses.$inferSelect;

export function toWarehouse(row: WarehouseRow) {
  const { address, capacity } = row;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    status: row.status,
    address: {
      line1: address.line1,
      line2: address.line2 ?? null,
      city: address.city,
      region: address.region ?? null,
      postal_code: address.postal_code,
      country: address.country,
    },
    timezone: row.timezone,
    serviceable_regions: row.serviceableRegions,
    capabilities: row.capabilities,
    // null means "no target configured", which scheduling must not read as zero capacity.
    capacity: {
      picks_per_hour: capacity.picks_per_hour ?? null,
      packs_per_hour: capacity.packs_per_hour ?? null,
      max_open_fulfillments: capacity.max_open_fulfillments ?? null,
    },
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

/** The warehouse, or 404 (also for another tenant's or a deleted one). Sub-resource routes start here. */
export function requireWarehouse(db: Reader, tenantId: string, id: string): WarehouseRow {
  const row = findWarehouseRow(db, tenantId, id);
  if (!row) throw notFound('warehouse', id);
  return row;
}

function zoneSummary(db: Reader, warehouseId: string) {
  const byType = Object.fromEntries(zoneTypes.map((t) => [t, 0])) as Record<ZoneType, number>;
  const rows = db
    .select({ type: zones.type, n: count() })
    .from(zones)
    .where(eq(zones.warehouseId, warehouseId))
    .groupBy(zones.type)
    .all();
  for (const r of rows) byType[r.type] = r.n;
  const bins = db
    .select({ n: count() })
    .from(locations)
    .where(and(eq(locations.warehouseId, warehouseId), isNull(locations.deletedAt)))
    .get();
  return { zones: rows.reduce((n, r) => n + r.n, 0), locations: bins?.n ?? 0, zones_by_type: byType };
}

/** GET /warehouses/{id}: the warehouse and a summary of its layout. */
export function getWarehouseDetail(db: Reader, tenantId: string, id: string) {
  const row = findWarehouseRow(db, tenantId, id);
  if (!row) return undefined;
  return { ...toWarehouse(row), zone_summary: zoneSummary(db, row.id) };
}

export type WarehouseFilters = {
  status?: WarehouseStatus | undefined;
  capability?: WarehouseCapability | undefined;
  code?: string | undefined;
};

export function listWarehouses(
  db: Reader,
  tenantId: string,
  filters: WarehouseFilters,
  pageRequest: { after: string | undefined; limit: number },
) {
  const where: SQL[] = [eq(warehouses.tenantId, tenantId), isNull(warehouses.deletedAt)];
  if (filters.status) where.push(eq(warehouses.status, filters.status));
  if (filters.code) where.push(eq(warehouses.code, filters.code));
  if (filters.capability) {
    where.push(
      sql`exists (select 1 from json_each(${warehouses.capabilities}) where json_each.value = ${filters.capability})`,
    );
  }
  if (pageRequest.after) where.push(gt(warehouses.id, pageRequest.after));
  return db
    .select()
    .from(warehouses)
    .where(and(...where))
    .orderBy(asc(warehouses.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map(toWarehouse);
}
