import type { WarehouseCapability, WarehouseStatus } from '@fulfillment/domain/warehouse/warehouse-schemas';
import type { WorkerRole, WorkerStatus } from '@fulfillment/domain/warehouse/worker-schemas';
import type { WorkstationType } from '@fulfillment/domain/warehouse/workstation-schemas';
import type { LocationType, ZoneType } from '@fulfillment/domain/warehouse/zone-schemas';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

export type Address = {
  line1: string;
  line2?: string | undefined;
  city: string;
  region?: string | undefined;
  postal_code: string;
  country: string;
};

export type WarehouseCapacity = {
  picks_per_hour?: number | undefined;
  packs_per_hour?: number | undefined;
  max_open_fulfillments?: number | undefined;
};

/**
 * Deleting a warehouse is soft (fulfillments keep pointing at it), and retires its bins, workers and
 * workstations with it. Uniqueness only holds among live rows, so a retired warehouse code, badge or
 * bin barcode can be used again.
 */
const live = sql`deleted_at is null`;

export const warehouses = sqliteTable(
  'warehouses',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<WarehouseStatus>().notNull(),
    address: text('address', { mode: 'json' }).$type<Address>().notNull(),
    timezone: text('timezone').notNull(),
    serviceableRegions: text('serviceable_regions', { mode: 'json' }).$type<string[]>().notNull(),
    capabilities: text('capabilities', { mode: 'json' }).$type<WarehouseCapability[]>().notNull(),
    capacity: text('capacity', { mode: 'json' }).$type<WarehouseCapacity>().notNull(),
    deletedAt: text('deleted_at'),
    ...resourceColumns(),
  },
  (t) => [
    uniqueIndex('warehouse_code').on(t.tenantId, t.code).where(live),
    index('warehouse_tenant').on(t.tenantId, t.id),
  ],
);

export const zones = sqliteTable(
  'zones',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<ZoneType>().notNull(),
    pickSequence: integer('pick_sequence').notNull(),
    ...resourceColumns(),
  },
  (t) => [uniqueIndex('zone_code').on(t.warehouseId, t.code), index('zone_warehouse').on(t.warehouseId, t.id)],
);

export const locations = sqliteTable(
  'locations',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    zoneId: text('zone_id')
      .notNull()
      .references(() => zones.id),
    code: text('code').notNull(),
    barcode: text('barcode').notNull(),
    type: text('type').$type<LocationType>().notNull(),
    aisle: text('aisle'),
    bay: text('bay'),
    level: text('level'),
    position: text('position'),
    deletedAt: text('deleted_at'),
    ...resourceColumns(),
  },
  (t) => [
    uniqueIndex('location_code').on(t.warehouseId, t.code),
    uniqueIndex('location_barcode').on(t.tenantId, t.barcode).where(live),
    index('location_warehouse').on(t.warehouseId, t.id),
    index('location_zone').on(t.zoneId),
  ],
);

export const workers = sqliteTable(
  'workers',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    name: text('name').notNull(),
    badgeId: text('badge_id').notNull(),
    email: text('email'),
    roles: text('roles', { mode: 'json' }).$type<WorkerRole[]>().notNull(),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status').$type<WorkerStatus>().notNull(),
    deletedAt: text('deleted_at'),
    ...resourceColumns(),
  },
  (t) => [
    uniqueIndex('worker_badge').on(t.tenantId, t.badgeId).where(live),
    index('worker_warehouse').on(t.warehouseId, t.id),
  ],
);

export const workstations = sqliteTable(
  'workstations',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    zoneId: text('zone_id').references(() => zones.id),
    type: text('type').$type<WorkstationType>().notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull(),
    config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    deletedAt: text('deleted_at'),
    ...resourceColumns(),
  },
  (t) => [
    uniqueIndex('workstation_code').on(t.warehouseId, t.code),
    index('workstation_warehouse').on(t.warehouseId, t.id),
  ],
);
