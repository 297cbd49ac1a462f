import type { ShipmentStatus } from '@fulfillment/domain/shipment/shipment-schemas';
import type { RoutingConditions, ShippingAddress } from '@fulfillment/domain/shipment/shipment-schemas';
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

export type LabelFormat = 'pdf' | 'zpl' | 'png';
/** A rendered label kept in blob storage: one per format asked for, all with the same tracking number. */
export type StoredLabel = { key: string; content_type: string; pages: number; generated_at: string };
export type ShipmentPickup = { confirmation_number: string; date: string; window: { from: string; to: string } };
export type VendorDetails = {
  vendor_id: string;
  reason: string;
  rma_reference: string | null;
  asn_reference: string | null;
  lines: Array<{ sku: string; qty: number; lot?: string | undefined; serials?: string[] | undefined }>;
};

/**
 * Outbound parcels to customers (`kind` outbound, from a fulfillment's sealed packages) and to
 * suppliers (`kind` vendor, section 11): one table, so labels, booking, manifests, pickups and
 * tracking work the same for both.
 */
export const shipments = sqliteTable(
  'shipments',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['outbound', 'vendor'] }).notNull(),
    fulfillmentId: text('fulfillment_id'),
    warehouseId: text('warehouse_id').notNull(),
    status: text('status').$type<ShipmentStatus>().notNull(),
    carrier: text('carrier').notNull(),
    carrierService: text('carrier_service').notNull(),
    /** How the carrier was chosen: `request`, `routing_rule:<id>` or `default`. */
    carrierSource: text('carrier_source').notNull(),
    trackingNumber: text('tracking_number'),
    /** Labels made so far, counting relabels: the next label call passes it as the carrier `sequence`. */
    labelSequence: integer('label_sequence').notNull().default(0),
    labelFormat: text('label_format').$type<LabelFormat>(),
    labels: text('labels', { mode: 'json' }).$type<Partial<Record<LabelFormat, StoredLabel>>>().notNull(),
    fromAddress: text('from_address', { mode: 'json' }).$type<ShippingAddress>().notNull(),
    toAddress: text('to_address', { mode: 'json' }).$type<ShippingAddress>().notNull(),
    insurance: text('insurance', { mode: 'json' }).$type<{ value: number; currency: string }>(),
    reference: text('reference'),
    vendor: text('vendor', { mode: 'json' }).$type<VendorDetails>(),
    manifestId: text('manifest_id'),
    pickup: text('pickup', { mode: 'json' }).$type<ShipmentPickup>(),
    trackingMode: text('tracking_mode', { enum: ['webhook', 'poll'] }),
    /** The time of the carrier event that set the status: older events never move it back. */
    statusEventAt: text('status_event_at'),
    bookedAt: text('booked_at'),
    shippedAt: text('shipped_at'),
    deliveredAt: text('delivered_at'),
    failedAt: text('failed_at'),
    failureReason: text('failure_reason'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    ...resourceColumns(),
  },
  (t) => [
    index('shipment_tenant').on(t.tenantId, t.id),
    index('shipment_fulfillment').on(t.tenantId, t.fulfillmentId),
    index('shipment_status').on(t.tenantId, t.status, t.id),
    index('shipment_warehouse').on(t.tenantId, t.warehouseId, t.id),
    index('shipment_tracking').on(t.trackingNumber),
    index('shipment_manifest').on(t.manifestId),
  ],
);

/**
 * The parcels of a shipment in label order. `package_id` names a sealed pack-station package; vendor
 * shipments' parcels have none. A package is on at most one live (not cancelled) shipment.
 */
export const shipmentPackages = sqliteTable(
  'shipment_packages',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    shipmentId: text('shipment_id')
      .notNull()
      .references(() => shipments.id),
    position: integer('position').notNull(),
    packageId: text('package_id'),
    sscc: text('sscc').notNull(),
    weightG: integer('weight_g').notNull(),
    dimsMm: text('dims_mm', { mode: 'json' }).$type<{ l: number; w: number; h: number }>().notNull(),
    live: integer('live', { mode: 'boolean' }).notNull(),
  },
  (t) => [
    index('shipment_package_shipment').on(t.shipmentId, t.position),
    uniqueIndex('shipment_package_live')
      .on(t.tenantId, t.packageId)
      .where(sql`live = 1 and package_id is not null`),
  ],
);

/** Every carrier tracking update applied to a shipment, in the order received. */
export const shipmentTrackingEvents = sqliteTable(
  'shipment_tracking_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    shipmentId: text('shipment_id').notNull(),
    eventId: text('event_id').notNull(),
    status: text('status').notNull(),
    occurredAt: text('occurred_at').notNull(),
    location: text('location'),
    description: text('description'),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [index('shipment_tracking_event').on(t.shipmentId, t.occurredAt)],
);

/** Section 16: the first active rule (by priority) whose conditions hold picks carrier and service. */
export const routingRules = sqliteTable(
  'routing_rules',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    priority: integer('priority').notNull(),
    conditions: text('conditions', { mode: 'json' }).$type<RoutingConditions>().notNull(),
    carrier: text('carrier').notNull(),
    serviceCode: text('service_code').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull(),
    ...resourceColumns(),
  },
  (t) => [index('routing_rule_priority').on(t.tenantId, t.active, t.priority, t.id)],
);

export type ManifestStatus = 'draft' | 'submitted' | 'accepted' | 'rejected';

/** A carrier's collection for one warehouse and day: the shipments handed over together. */
export const manifests = sqliteTable(
  'manifests',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    carrier: text('carrier').notNull(),
    dispatchDate: text('dispatch_date').notNull(),
    status: text('status').$type<ManifestStatus>().notNull(),
    pdfKey: text('pdf_key'),
    csvKey: text('csv_key'),
    carrierManifestId: text('carrier_manifest_id'),
    carrierDocumentKey: text('carrier_document_key'),
    submittedAt: text('submitted_at'),
    resolvedAt: text('resolved_at'),
    rejectionReason: text('rejection_reason'),
    ...resourceColumns(),
  },
  (t) => [
    index('manifest_tenant').on(t.tenantId, t.id),
    index('manifest_draft').on(t.tenantId, t.warehouseId, t.carrier, t.dispatchDate, t.status),
  ],
);

/** An Advance Shipping Notice sent to the receiving DC or 3PL for a set of shipments. */
export const asns = sqliteTable(
  'asns',
  {
    id: text('id').primaryKey(),
    asnReference: text('asn_reference').notNull(),
    shipmentIds: text('shipment_ids', { mode: 'json' }).$type<string[]>().notNull(),
    expectedArrival: text('expected_arrival').notNull(),
    destinationWarehouseId: text('destination_warehouse_id'),
    status: text('status', { enum: ['sent'] }).notNull(),
    documentKey: text('document_key').notNull(),
    ...resourceColumns(),
  },
  (t) => [uniqueIndex('asn_reference').on(t.tenantId, t.asnReference)],
);
