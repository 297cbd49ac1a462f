import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The embedded reference Inventory Service's own tables. Fulfillment code never reads or writes
 * these: it goes through adapters/inventory, exactly as it would to the remote service.
 */

export const inventoryLots = sqliteTable(
  'inventory_lots',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    sku: text('sku').notNull(),
    lot: text('lot').notNull(),
    /** YYYY-MM-DD; the lot may not be sold on or after this day. */
    expiry: text('expiry'),
    recalledAt: text('recalled_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('inventory_lot_code').on(t.tenantId, t.sku, t.lot)],
);

export const inventoryStock = sqliteTable(
  'inventory_stock',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    locationId: text('location_id').notNull(),
    sku: text('sku').notNull(),
    lotId: text('lot_id').references(() => inventoryLots.id),
    serial: text('serial'),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    /** FIFO order: when this stock arrived. */
    receivedAt: text('received_at').notNull(),
  },
  (t) => [
    index('inventory_stock_sku').on(t.tenantId, t.sku, t.receivedAt),
    uniqueIndex('inventory_stock_serial').on(t.tenantId, t.sku, t.serial),
  ],
);

export const inventoryReservations = sqliteTable(
  'inventory_reservations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** The caller's allocation id: a retried request finds its reservation instead of making another. */
    allocationId: text('allocation_id').notNull(),
    fulfillmentId: text('fulfillment_id').notNull(),
    status: text('status', { enum: ['allocated', 'partial', 'failed', 'released'] }).notNull(),
    lines: text('lines', { mode: 'json' })
      .$type<{ line_id: string; sku: string; requested: number; reason: string | null }[]>()
      .notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('inventory_reservation_allocation').on(t.tenantId, t.allocationId)],
);

export const inventoryReservationUnits = sqliteTable(
  'inventory_reservation_units',
  {
    reservationId: text('reservation_id')
      .notNull()
      .references(() => inventoryReservations.id),
    stockId: text('stock_id')
      .notNull()
      .references(() => inventoryStock.id),
    lineId: text('line_id').notNull(),
    /** The order the strategy took the units in: the order a picker is sent to them. */
    seq: integer('seq').notNull(),
    quantity: integer('quantity').notNull(),
    picked: integer('picked').notNull().default(0),
    released: integer('released').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.reservationId, t.lineId, t.stockId] })],
);
