import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { asns, manifests, shipmentPackages, shipments } from '../../db/schema/shipments.ts';
import { notFound } from '../../platform/problem.ts';
import type { FileLinker } from '../../platform/signed-urls.ts';

type Reader = Db | Tx;
export type ManifestRow = typeof manifests.$inferSelect;
export type AsnRow = typeof asns.$inferSelect;

export function findManifestRow(db: Reader, tenantId: string, id: string): ManifestRow | undefined {
  return db
    .select()
    .from(manifests)
    .where(and(eq(manifests.tenantId, tenantId), eq(manifests.id, id)))
    .get();
}

export function requireManifestRow(db: Reader, tenantId: string, id: string): ManifestRow {
  const row = findManifestRow(db, tenantId, id);
  if (!row) throw notFound('manifest', id);
  return row;
}

/** The open (draft) manifest of a warehouse, carrier and day, if there is one. */
export function findDraftManifest(db: Reader, tenantId: string, warehouseId: string, carrier: string, date: string) {
  return db
    .select()
    .from(manifests)
    .where(
      and(
        eq(manifests.tenantId, tenantId),
        eq(manifests.warehouseId, warehouseId),
        eq(manifests.carrier, carrier),
        eq(manifests.dispatchDate, date),
        eq(manifests.status, 'draft'),
      ),
    )
    .orderBy(asc(manifests.id))
    .get();
}

export type ManifestShipment = {
  id: string;
  trackingNumber: string | null;
  carrierService: string;
  reference: string | null;
  toCountry: string;
  toPostalCode: string;
  packages: number;
  weightG: number;
};

/** The shipments on a manifest (cancelled ones leave it), oldest first, with their parcel totals. */
export function shipmentsOfManifest(db: Reader, manifestId: string): ManifestShipment[] {
  const rows = db.select().from(shipments).where(eq(shipments.manifestId, manifestId)).orderBy(asc(shipments.id)).all();
  return withParcelTotals(db, rows);
}

export function withParcelTotals(db: Reader, rows: Array<typeof shipments.$inferSelect>): ManifestShipment[] {
  const parcels = rows.length
    ? db
        .select()
        .from(shipmentPackages)
        .where(
          inArray(
            shipmentPackages.shipmentId,
            rows.map((r) => r.id),
          ),
        )
        .all()
    : [];
  return rows.map((r) => {
    const mine = parcels.filter((p) => p.shipmentId === r.id);
    return {
      id: r.id,
      trackingNumber: r.trackingNumber,
      carrierService: r.carrierService,
      reference: r.reference,
      toCountry: r.toAddress.country,
      toPostalCode: r.toAddress.postal_code,
      packages: mine.length,
      weightG: mine.reduce((n, p) => n + p.weightG, 0),
    };
  });
}

export function toManifest(db: Reader, row: ManifestRow, link: FileLinker) {
  const list = shipmentsOfManifest(db, row.id);
  const file = row.pdfKey ? link(row.pdfKey) : null;
  return {
    id: row.id,
    warehouse_id: row.warehouseId,
    carrier_id: row.carrier,
    dispatch_date: row.dispatchDate,
    status: row.status,
    shipments: list.map((s) => s.id),
    shipment_count: list.length,
    package_count: list.reduce((n, s) => n + s.packages, 0),
    total_weight_g: list.reduce((n, s) => n + s.weightG, 0),
    manifest_file_url: file?.url ?? null,
    manifest_csv_url: row.csvKey ? link(row.csvKey).url : null,
    file_urls_expire_at: file?.expires_at ?? null,
    carrier_manifest_id: row.carrierManifestId,
    carrier_document_url: row.carrierDocumentKey ? link(row.carrierDocumentKey).url : null,
    submitted_at: row.submittedAt,
    resolved_at: row.resolvedAt,
    rejection_reason: row.rejectionReason,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}

export function findAsnRow(db: Reader, tenantId: string, id: string): AsnRow | undefined {
  return db
    .select()
    .from(asns)
    .where(and(eq(asns.tenantId, tenantId), eq(asns.id, id)))
    .get();
}

export function toAsn(row: AsnRow, link: FileLinker) {
  return {
    id: row.id,
    asn_reference: row.asnReference,
    status: row.status,
    shipments: row.shipmentIds,
    expected_arrival: row.expectedArrival,
    destination_warehouse_id: row.destinationWarehouseId,
    document_url: link(row.documentKey).url,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
