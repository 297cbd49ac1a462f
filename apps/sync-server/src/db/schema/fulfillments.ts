import type { FulfillmentStatus } from '@fulfillment/domain/fulfillment/fulfillment-status';
import type { ShippingAddress } from '@fulfillment/domain/shipment/shipment-schemas';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';
import { warehouses } from './warehouses.ts';

export const fulfillments = sqliteTable(
  'fulfillments',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    source: text('source'),
    warehouseId: text('warehouse_id').references(() => warehouses.id),
    status: text('status').$type<FulfillmentStatus>().notNull(),
    requestedShipDate: text('requested_ship_date'),
    /** Where the parcels go: shipments default to it, and sealing the last package labels it automatically. */
    shipTo: text('ship_to', { mode: 'json' }).$type<ShippingAddress>(),
    allocationId: text('allocation_id'),
    picklistId: text('picklist_id'),
    cancelReason: text('cancel_reason'),
    cancelledAt: text('cancelled_at'),
    ...resourceColumns(),
  },
  (t) => [
    index('fulfillment_tenant').on(t.tenantId, t.id),
    index('fulfillment_order').on(t.tenantId, t.orderId),
    index('fulfillment_status').on(t.tenantId, t.status, t.id),
    index('fulfillment_warehouse').on(t.tenantId, t.warehouseId, t.id),
  ],
);

export const fulfillmentLines = sqliteTable(
  'fulfillment_lines',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    fulfillmentId: text('fulfillment_id')
      .notNull()
      .references(() => fulfillments.id),
    position: integer('position').notNull(),
    orderLineId: text('order_line_id').notNull(),
    sku: text('sku').notNull(),
    quantity: integer('quantity').notNull(),
    attributes: text('attributes', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('line_fulfillment').on(t.fulfillmentId, t.position)],
);
