import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

/** A worker at a pack station, from open-session until closed: at most one open per station. */
export const packSessions = sqliteTable(
  'pack_sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    stationId: text('station_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    workerId: text('worker_id').notNull(),
    deviceId: text('device_id'),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
  },
  (t) => [
    index('pack_session_station').on(t.tenantId, t.stationId, t.closedAt),
    // One open session per station, enforced by the database too.
    uniqueIndex('pack_session_open')
      .on(t.stationId)
      .where(sql`closed_at is null`),
  ],
);

export type PackageStatus = 'open' | 'sealed';

/** A physical package packed at a station; sealed, it is immutable and carries its SSCC. */
export const packages = sqliteTable(
  'packages',
  {
    id: text('id').primaryKey(),
    stationId: text('station_id').notNull(),
    sessionId: text('session_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    fulfillmentIds: text('fulfillment_ids', { mode: 'json' }).$type<string[]>().notNull(),
    weightG: integer('weight_g').notNull(),
    dimsMm: text('dims_mm', { mode: 'json' }).$type<{ l: number; w: number; h: number }>().notNull(),
    packagingProfileId: text('packaging_profile_id'),
    status: text('status').$type<PackageStatus>().notNull(),
    sscc: text('sscc'),
    serialReference: integer('serial_reference'),
    /** `pending` when sealed, `generated` once a shipment's label covers it. */
    labelStatus: text('label_status', { enum: ['pending', 'generated'] }),
    sealedAt: text('sealed_at'),
    ...resourceColumns(),
  },
  (t) => [
    index('package_tenant').on(t.tenantId, t.id),
    uniqueIndex('package_sscc').on(t.tenantId, t.sscc),
    index('package_station').on(t.tenantId, t.stationId, t.id),
  ],
);

export const packageItems = sqliteTable(
  'package_items',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    packageId: text('package_id')
      .notNull()
      .references(() => packages.id),
    fulfillmentId: text('fulfillment_id').notNull(),
    lineId: text('line_id').notNull(),
    sku: text('sku').notNull(),
    qty: integer('qty').notNull(),
    serials: text('serials', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [index('package_item_package').on(t.packageId), index('package_item_fulfillment').on(t.fulfillmentId)],
);

/** The last SSCC serial reference handed out per tenant: each seal takes the next one. */
export const ssccCounters = sqliteTable(
  'sscc_counters',
  {
    tenantId: text('tenant_id').notNull(),
    lastSerialReference: integer('last_serial_reference').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);
