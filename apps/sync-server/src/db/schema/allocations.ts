import type { AllocationStatus, AllocationStrategy } from '@fulfillment/domain/allocation/allocation-schemas';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';
import { fulfillments } from './fulfillments.ts';

/** Fulfillment's record of what it asked the Inventory Service for, and what it was told. */
export const allocations = sqliteTable(
  'allocations',
  {
    id: text('id').primaryKey(),
    fulfillmentId: text('fulfillment_id')
      .notNull()
      .references(() => fulfillments.id),
    strategy: text('strategy').$type<AllocationStrategy>().notNull(),
    status: text('status').$type<AllocationStatus>().notNull(),
    reservationId: text('reservation_id'),
    /** The last outage or refusal from the Inventory Service, kept for whoever retries. */
    lastError: text('last_error', { mode: 'json' }).$type<{
      status: number;
      code: string;
      message: string;
      at: string;
    }>(),
    resolvedAt: text('resolved_at'),
    releasedAt: text('released_at'),
    releaseReason: text('release_reason'),
    ...resourceColumns(),
  },
  (t) => [index('allocation_fulfillment').on(t.tenantId, t.fulfillmentId, t.id)],
);

export const allocationLines = sqliteTable(
  'allocation_lines',
  {
    allocationId: text('allocation_id')
      .notNull()
      .references(() => allocations.id),
    fulfillmentLineId: text('fulfillment_line_id').notNull(),
    position: integer('position').notNull(),
    orderLineId: text('order_line_id').notNull(),
    sku: text('sku').notNull(),
    requested: integer('requested').notNull(),
    allocated: integer('allocated').notNull().default(0),
    status: text('status', { enum: ['pending', 'allocated', 'partial', 'failed'] }).notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.allocationId, t.fulfillmentLineId] })],
);

/** Where each reserved unit sits: the picker's instructions and, with lot and serial, the trace. */
export const allocationUnits = sqliteTable(
  'allocation_units',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    allocationId: text('allocation_id')
      .notNull()
      .references(() => allocations.id),
    fulfillmentLineId: text('fulfillment_line_id').notNull(),
    warehouseId: text('warehouse_id').notNull(),
    locationId: text('location_id').notNull(),
    lotId: text('lot_id'),
    lot: text('lot'),
    expiry: text('expiry'),
    serial: text('serial'),
    quantity: integer('quantity').notNull(),
    picked: integer('picked').notNull().default(0),
  },
  (t) => [
    index('allocation_unit_allocation').on(t.allocationId),
    index('allocation_unit_serial').on(t.tenantId, t.serial),
    index('allocation_unit_lot').on(t.tenantId, t.lot),
  ],
);
