import type { TraceEventKind } from '@fulfillment/domain/traceability/traceability-schemas';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { fulfillments } from './fulfillments.ts';

/**
 * The traceability ledger: one row per movement of a lot or serial (allocated, picked, serial
 * assigned, lot consumed; later packed, shipped, returned), appended by the command that made the
 * movement in its own transaction. Never updated: a recall reads it as it was written.
 */
export const traceEvents = sqliteTable(
  'trace_events',
  {
    /** `evt_` ULID: the chain's order and its cursor. */
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    kind: text('kind').$type<TraceEventKind>().notNull(),
    sku: text('sku').notNull(),
    lot: text('lot'),
    lotId: text('lot_id'),
    /** YYYY-MM-DD, as the Inventory Service gave it. */
    expiry: text('expiry'),
    serial: text('serial'),
    quantity: integer('quantity').notNull(),
    fulfillmentId: text('fulfillment_id'),
    /** The fulfillment line (`fl_…`). */
    lineId: text('line_id'),
    allocationId: text('allocation_id'),
    packageId: text('package_id'),
    shipmentId: text('shipment_id'),
    returnId: text('return_id'),
    locationId: text('location_id'),
    warehouseId: text('warehouse_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    deviceId: text('device_id'),
    workerId: text('worker_id'),
    requestId: text('request_id').notNull(),
    occurredAt: text('occurred_at').notNull(),
  },
  (t) => [
    // With the id last, each index serves the chain query in order and its cursor.
    index('trace_event_serial').on(t.tenantId, t.serial, t.id),
    index('trace_event_lot').on(t.tenantId, t.lot, t.id),
  ],
);

/** Serial numbers of picked units, per fulfillment line. */
export const serialAssignments = sqliteTable(
  'serial_assignments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    serial: text('serial').notNull(),
    sku: text('sku').notNull(),
    fulfillmentId: text('fulfillment_id')
      .notNull()
      .references(() => fulfillments.id),
    /** The fulfillment line (`fl_…`). */
    lineId: text('line_id').notNull(),
    assignedAt: text('assigned_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    deviceId: text('device_id'),
    requestId: text('request_id').notNull(),
  },
  (t) => [
    // Assigning a serial to the line it is already on is a no-op, never a second row.
    uniqueIndex('serial_assignment_line').on(t.tenantId, t.lineId, t.serial),
    // A unit is a serial of a SKU: finds where else it went.
    index('serial_assignment_serial').on(t.tenantId, t.sku, t.serial),
  ],
);

/** How much of which lot went into a fulfillment line on pick. */
export const lotConsumptions = sqliteTable(
  'lot_consumptions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    fulfillmentId: text('fulfillment_id')
      .notNull()
      .references(() => fulfillments.id),
    /** The fulfillment line (`fl_…`). */
    lineId: text('line_id').notNull(),
    sku: text('sku').notNull(),
    lot: text('lot').notNull(),
    lotId: text('lot_id').notNull(),
    expiry: text('expiry'),
    quantity: integer('quantity').notNull(),
    consumedAt: text('consumed_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    deviceId: text('device_id'),
    requestId: text('request_id').notNull(),
  },
  (t) => [index('lot_consumption_line').on(t.tenantId, t.lineId, t.id)],
);
