import type { CreateAsnInput } from '@fulfillment/domain/shipment/shipment-schemas';
import { and, eq } from 'drizzle-orm';
import { asns } from '../../db/schema/shipments.ts';
import type { Actor, Deps } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, unprocessable } from '../../platform/problem.ts';
import { publishEvent } from '../../platform/timeline.ts';
import { packagesOfShipment, shipmentRowsByIds } from '../shipments/shipments.queries.ts';
import { requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';

const SENDABLE = new Set(['label_generated', 'booked', 'in_transit', 'delivered']);

/**
 * An Advance Shipping Notice (section 5) for DC-to-DC transfers and 3PLs: which labelled shipments are
 * coming, with every parcel's SSCC, so the receiver can check them in by scanning. The notice is
 * kept as a JSON document in blob storage; `asn_reference` is unique per tenant.
 */
export async function createAsn(deps: Pick<Deps, 'db' | 'blobs'>, actor: Actor, input: CreateAsnInput) {
  const { db, blobs } = deps;
  const unique = [...new Set(input.shipments)];
  const { rows, missing } = shipmentRowsByIds(db, actor.tenantId, unique);
  const problems = [
    ...missing.map((id) => ({ path: `shipments[${input.shipments.indexOf(id)}]`, message: `no shipment ${id}` })),
    ...rows
      .filter((r) => !SENDABLE.has(r.status))
      .map((r) => ({
        path: `shipments[${input.shipments.indexOf(r.id)}]`,
        message: `is ${r.status}: only labelled shipments can be announced`,
      })),
  ];
  if (problems.length)
    throw unprocessable('shipments_not_announceable', `${problems.length} shipment(s) cannot be announced`, problems);
  if (input.destination_warehouse_id) {
    requireActiveWarehouseRef(db, actor.tenantId, input.destination_warehouse_id, 'destination_warehouse_id');
  }
  const taken = () =>
    db
      .select({ id: asns.id })
      .from(asns)
      .where(and(eq(asns.tenantId, actor.tenantId), eq(asns.asnReference, input.asn_reference)))
      .get();
  const clash = taken();
  if (clash) throw conflict('asn_reference_taken', `asn_reference ${input.asn_reference} is already ASN ${clash.id}`);

  const id = newId('asn');
  const document = {
    asn_id: id,
    asn_reference: input.asn_reference,
    tenant_id: actor.tenantId,
    issued_at: actor.now.toISOString(),
    expected_arrival: new Date(input.expected_arrival).toISOString(),
    destination_warehouse_id: input.destination_warehouse_id ?? null,
    shipments: rows.map((r) => ({
      shipment_id: r.id,
      from_warehouse_id: r.warehouseId,
      carrier: r.carrier,
      carrier_service: r.carrierService,
      carrier_tracking_number: r.trackingNumber,
      reference: r.reference,
      vendor: r.vendor,
      packages: packagesOfShipment(db, r.id).map((p) => ({
        package_id: p.packageId,
        sscc: p.sscc,
        weight_g: p.weightG,
        dimensions_mm: p.dimsMm,
      })),
    })),
  };
  const key = `${actor.tenantId}/asns/${id}.json`;
  await blobs.put(key, new TextEncoder().encode(JSON.stringify(document, null, 2)), {
    contentType: 'application/json',
  });
  const now = actor.now.toISOString();
  db.transaction((tx) => {
    // Checked again in the commit: two requests with the same reference may have raced past the first check.
    const again = taken();
    if (again) throw conflict('asn_reference_taken', `asn_reference ${input.asn_reference} is already ASN ${again.id}`);
    tx.insert(asns)
      .values({
        id,
        tenantId: actor.tenantId,
        asnReference: input.asn_reference,
        shipmentIds: unique,
        expectedArrival: document.expected_arrival,
        destinationWarehouseId: input.destination_warehouse_id ?? null,
        status: 'sent',
        documentKey: key,
        metadata: input.metadata ?? {},
        createdAt: now,
        updatedAt: now,
      })
      .run();
    publishEvent(tx, actor, {
      type: 'asn.sent',
      subjectType: 'asn',
      subjectId: id,
      payload: { asn_id: id, asn_reference: input.asn_reference, shipments: unique },
    });
  });
  return id;
}
