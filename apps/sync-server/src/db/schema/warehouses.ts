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

export const warehouses = sqliteTable(
  'warehouses',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull(),
    address: text('address', { mode: 'json' }).$type<Address>().notNull(),
    timezone: text('timezone').notNull(),
    serviceableRegions: text('serviceable_regions', { mode: 'json' }).$type<string[]>().notNull(),
    capabilities: text('capabilities', { mode: 'json' }).$type<string[]>().notNull(),
    capacity: text('capacity', { mode: 'json' }).$type<WarehouseCapacity>().notNull(),
    deletedAt: text('deleted_at'),
    ...resourceColumns(),
  },
  (t) => [uniqueIndex('warehouse_code').on(t.tenantId, t.code)],
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
    type: text('type').notNull(),
    pickSequence: integer('pick_sequence').notNull(),
    ...resourceColumns(),
  },
  (t) => [uniqueIndex('zone_code').on(t.warehouseId, t.code)],
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
    type: text('type').notNull(),
    aisle: text('aisle'),
    bay: text('bay'),
    level: text('level'),
    position: text('position'),
    ...resourceColumns(),
  },
  (t) => [
    uniqueIndex('location_code').on(t.warehouseId, t.code),
    uniqueIndex('location_barcode').on(t.tenantId, t.barcode),
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
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    skills: text('skills', { mode: 'json' }).$type<string[]>().notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull(),
    ...resourceColumns(),
  },
  (t) => [uniqueIndex('worker_badge').on(t.tenantId, t.badgeId), index('worker_warehouse').on(t.warehouseId)],
);

export const workstations = sqliteTable(
  'workstations',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id')
      .notNull()
      .references(() => warehouses.id),
    zoneId: text('zone_id').references(() => zones.id),
    type: text('type').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['active', 'inactive'] }).notNull(),
    config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    ...resourceColumns(),
  },
  (t) => [uniqueIndex('workstation_code').on(t.warehouseId, t.code)],
);
