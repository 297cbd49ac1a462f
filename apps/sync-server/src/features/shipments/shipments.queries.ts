import type { ShipmentStatus } from '@fulfillment/domain/shipment/shipment-schemas';
import { and, asc, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { type LabelFormat, shipmentPackages, shipments, shipmentTrackingEvents } from '../../db/schema/shipments.ts';
import { notFound } from '../../platform/problem.ts';
import type { FileLinker } from '../../platform/signed-urls.ts';

type Reader = Db | Tx;
export type ShipmentRow = typeof shipments.$inferSelect;
export type ShipmentPackageRow = typeof shipmentPackages.$inferSelect;

export function findShipmentRow(db: Reader, tenantId: string, id: string): ShipmentRow | undefined {
  return db
    .select()
    .from(shipments)
    .where(and(eq(shipments.tenantId, tenantId), eq(shipments.id, id)))
    .get();
}

/** The tenant's shipment, or 404 (another tenant's is as good as absent). */
export function requireShipmentRow(db: Reader, tenantId: string, id: string): ShipmentRow {
  const row = findShipmentRow(db, tenantId, id);
  if (!row) throw notFound('shipment', id);
  return row;
}

export function packagesOfShipment(db: Reader, shipmentId: string): ShipmentPackageRow[] {
  return db
    .select()
    .from(shipmentPackages)
    .where(eq(shipmentPackages.shipmentId, shipmentId))
    .orderBy(asc(shipmentPackages.position))
    .all();
}

/** The newest shipment with this tracking number (a carrier may reuse numbers over the years). */
export function findShipmentByTrackingNumber(db: Reader, tenantId: string, trackingNumber: string) {
  return db
    .select()
    .from(shipments)
    .where(and(eq(shipments.tenantId, tenantId), eq(shipments.trackingNumber, trackingNumber)))
    .orderBy(desc(shipments.id))
    .get();
}

type TrackingEventRow = typeof shipmentTrackingEvents.$inferSelect;
type Related = { parcels: ShipmentPackageRow[]; events: TrackingEventRow[] };

/** Parcels and tracking events of a page of shipments, two queries for the whole page. */
function relatedOf(db: Reader, ids: string[]): Map<string, Related> {
  const byId = new Map<string, Related>(ids.map((id) => [id, { parcels: [], events: [] }]));
  if (ids.length === 0) return byId;
  const parcels = db
    .select()
    .from(shipmentPackages)
    .where(inArray(shipmentPackages.shipmentId, ids))
    .orderBy(asc(shipmentPackages.shipmentId), asc(shipmentPackages.position))
    .all();
  for (const p of parcels) byId.get(p.shipmentId)!.parcels.push(p);
  const events = db
    .select()
    .from(shipmentTrackingEvents)
    .where(inArray(shipmentTrackingEvents.shipmentId, ids))
    .orderBy(asc(shipmentTrackingEvents.occurredAt), asc(shipmentTrackingEvents.id))
    .all();
  for (const e of events) byId.get(e.shipmentId)!.events.push(e);
  return byId;
}

/** The label link of one format (the latest one made when no format is asked for), or null. */
export function labelLinkOf(row: ShipmentRow, link: FileLinker, format?: LabelFormat) {
  const chosen = format ?? row.labelFormat ?? undefined;
  const stored = chosen ? row.labels[chosen] : undefined;
  if (!chosen || !stored) return null;
  return { format: chosen, ...stored, ...link(stored.key) };
}

export function toShipment(db: Reader, row: ShipmentRow, link: FileLinker) {
  return shipmentResource(row, link, relatedOf(db, [row.id]).get(row.id)!);
}

function shipmentResource(row: ShipmentRow, link: FileLinker, { parcels, events }: Related) {
  const label = labelLinkOf(row, link);
  return {
    id: row.id,
    kind: row.kind,
    fulfillment_id: row.fulfillmentId,
    warehouse_id: row.warehouseId,
    status: row.status,
    carrier: row.carrier,
    carrier_service: row.carrierService,
    carrier_source: row.carrierSource,
    carrier_tracking_number: row.trackingNumber,
    label_url: label?.url ?? null,
    label_url_expires_at: label?.expires_at ?? null,
    label_format: row.labelFormat,
    label_formats: Object.keys(row.labels) as LabelFormat[],
    packages: parcels.map((p) => ({
      package_id: p.packageId,
      sscc: p.sscc,
      weight: p.weightG,
      dimensions: p.dimsMm,
    })),
    from_address: row.fromAddress,
    to_address: row.toAddress,
    insurance: row.insurance,
    reference: row.reference,
    vendor: row.vendor,
    manifest_id: row.manifestId,
    pickup: row.pickup,
    tracking: {
      mode: row.trackingMode,
      events: events.map((e) => ({
        event_id: e.eventId,
        status: e.status,
        occurred_at: e.occurredAt,
        location: e.location,
        description: e.description,
        received_at: e.receivedAt,
      })),
    },
    booked_at: row.bookedAt,
    shipped_at: row.shippedAt,
    delivered_at: row.deliveredAt,
    failed_at: row.failedAt,
    failure_reason: row.failureReason,
    cancelled_at: row.cancelledAt,
    cancel_reason: row.cancelReason,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type ShipmentResource = ReturnType<typeof shipmentResource>;

export type ShipmentFilters = {
  kind?: 'outbound' | 'vendor' | undefined;
  warehouseId?: string | undefined;
  statuses?: ShipmentStatus[] | undefined;
  fulfillmentId?: string | undefined;
  packageId?: string | undefined;
  manifestId?: string | undefined;
  carrier?: string | undefined;
};

export function listShipments(
  db: Reader,
  tenantId: string,
  filters: ShipmentFilters,
  pageRequest: { after: string | undefined; limit: number },
  link: FileLinker,
): ShipmentResource[] {
  const where: SQL[] = [eq(shipments.tenantId, tenantId)];
  if (filters.kind) where.push(eq(shipments.kind, filters.kind));
  if (filters.warehouseId) where.push(eq(shipments.warehouseId, filters.warehouseId));
  if (filters.statuses?.length) where.push(inArray(shipments.status, filters.statuses));
  if (filters.fulfillmentId) where.push(eq(shipments.fulfillmentId, filters.fulfillmentId));
  if (filters.manifestId) where.push(eq(shipments.manifestId, filters.manifestId));
  if (filters.carrier) where.push(eq(shipments.carrier, filters.carrier));
  if (filters.packageId) {
    const holding = db
      .select({ id: shipmentPackages.shipmentId })
      .from(shipmentPackages)
      .where(and(eq(shipmentPackages.tenantId, tenantId), eq(shipmentPackages.packageId, filters.packageId)));
    where.push(inArray(shipments.id, holding));
  }
  if (pageRequest.after) where.push(gt(shipments.id, pageRequest.after));
  const rows = db
    .select()
    .from(shipments)
    .where(and(...where))
    .orderBy(asc(shipments.id))
    .limit(pageRequest.limit + 1)
    .all();
  const related = relatedOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => shipmentResource(row, link, related.get(row.id)!));
}

/** Shipments by id in the order asked, or the ids that are not the tenant's. */
export function shipmentRowsByIds(db: Reader, tenantId: string, ids: readonly string[]) {
  const rows = ids.length
    ? db
        .select()
        .from(shipments)
        .where(and(eq(shipments.tenantId, tenantId), inArray(shipments.id, [...ids])))
        .all()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), missing: ids.filter((id) => !byId.has(id)) };
}
