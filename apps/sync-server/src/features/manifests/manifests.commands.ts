import { createHash } from 'node:crypto';
import type { BookShipmentInput, CreateManifestInput } from '@fulfillment/domain/shipment/shipment-schemas';
import { and, eq } from 'drizzle-orm';
import { CarrierError } from '../../adapters/carriers/carrier.ts';
import type { Db, Tx } from '../../db/client.ts';
import { manifests } from '../../db/schema/shipments.ts';
import type { Actor, Deps } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, notFound, unprocessable } from '../../platform/problem.ts';
import { publishEvent } from '../../platform/timeline.ts';
import { requireKnownCarrier } from '../routing-rules/routing-rules.commands.ts';
import { callCarrier, connectorFor } from '../shipments/carrier-calls.ts';
import { recordShipmentEvent, updateShipment } from '../shipments/shipments.commands.ts';
import { requireShipmentRow, shipmentRowsByIds, type ShipmentRow } from '../shipments/shipments.queries.ts';
import { findWarehouseRow, requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';
import { type ManifestHeader, type ManifestLine, manifestCsv, manifestPdf } from './manifest-documents.ts';
import {
  findDraftManifest,
  findManifestRow,
  type ManifestRow,
  requireManifestRow,
  shipmentsOfManifest,
} from './manifests.queries.ts';

/** YYYY-MM-DD of `now` on the warehouse's wall clock: the day its carriers collect. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A shipment is on a manifest while that manifest was not rejected (a rejected one lets it go on another). */
function heldManifest(tx: Tx, tenantId: string, row: ShipmentRow): ManifestRow | undefined {
  const manifest = row.manifestId ? findManifestRow(tx, tenantId, row.manifestId) : undefined;
  return manifest && manifest.status !== 'rejected' ? manifest : undefined;
}

function putOnManifest(tx: Tx, actor: Actor, row: ShipmentRow, manifest: ManifestRow): void {
  updateShipment(tx, actor, row, {
    status: 'booked',
    manifestId: manifest.id,
    bookedAt: row.bookedAt ?? actor.now.toISOString(),
  });
  recordShipmentEvent(tx, actor, row, 'shipment.booked', {
    status: 'booked',
    manifest_id: manifest.id,
    dispatch_date: manifest.dispatchDate,
    carrier: row.carrier,
    carrier_tracking_number: row.trackingNumber,
  });
}

function insertManifest(tx: Tx, actor: Actor, warehouseId: string, carrier: string, date: string, metadata = {}) {
  const id = newId('man');
  const now = actor.now.toISOString();
  tx.insert(manifests)
    .values({
      id,
      tenantId: actor.tenantId,
      warehouseId,
      carrier,
      dispatchDate: date,
      status: 'draft',
      metadata,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  publishEvent(tx, actor, {
    type: 'manifest.created',
    subjectType: 'manifest',
    subjectId: id,
    payload: { manifest_id: id, warehouse_id: warehouseId, carrier_id: carrier, dispatch_date: date },
  });
  return requireManifestRow(tx, actor.tenantId, id);
}

function checkDispatchDate(tx: Tx, actor: Actor, warehouseId: string, date: string): void {
  const warehouse = findWarehouseRow(tx, actor.tenantId, warehouseId);
  if (!warehouse) throw notFound('warehouse', warehouseId);
  const today = localDate(actor.now, warehouse.timezone);
  if (date < today) {
    throw unprocessable('dispatch_date_past', `dispatch_date ${date} is before today (${today}) at the warehouse`, [
      { path: 'dispatch_date', message: `must be ${today} or later` },
    ]);
  }
}

/**
 * Books a labelled shipment for collection: it joins the draft manifest of its warehouse, carrier and
 * dispatch day (made when there is none). Booking again answers the manifest it is already on.
 */
export function bookShipment(tx: Tx, actor: Actor, id: string, input: BookShipmentInput): string {
  const row = requireShipmentRow(tx, actor.tenantId, id);
  const held = heldManifest(tx, actor.tenantId, row);
  if (row.status === 'booked' && held) return held.id;
  if (row.status === 'label_pending') {
    throw conflict('label_required', `shipment ${id} has no label yet: generate it before booking`);
  }
  if (row.status !== 'label_generated' && row.status !== 'booked') {
    throw conflict('not_bookable', `shipment ${id} is ${row.status}: it cannot be booked`);
  }
  const warehouse = findWarehouseRow(tx, actor.tenantId, row.warehouseId);
  const date = input.dispatch_date ?? localDate(actor.now, warehouse?.timezone ?? 'UTC');
  checkDispatchDate(tx, actor, row.warehouseId, date);
  const manifest =
    findDraftManifest(tx, actor.tenantId, row.warehouseId, row.carrier, date) ??
    insertManifest(tx, actor, row.warehouseId, row.carrier, date);
  putOnManifest(tx, actor, row, manifest);
  return manifest.id;
}

/**
 * A manifest for a batch of labelled shipments of one warehouse and carrier (section 5). All are
 * checked first and every problem answered at once; nothing is written unless all can go.
 */
export function createManifest(tx: Tx, actor: Actor, input: CreateManifestInput, carriers: Deps['carriers']): string {
  requireActiveWarehouseRef(tx, actor.tenantId, input.warehouse_id, 'warehouse_id');
  requireKnownCarrier(carriers, input.carrier_id, 'carrier_id');
  checkDispatchDate(tx, actor, input.warehouse_id, input.dispatch_date);
  const unique = [...new Set(input.shipments)];
  const { rows, missing } = shipmentRowsByIds(tx, actor.tenantId, unique);
  const problems = missing.map((id) => ({
    path: `shipments[${input.shipments.indexOf(id)}]`,
    message: `no shipment ${id}`,
  }));
  for (const row of rows) {
    const path = `shipments[${input.shipments.indexOf(row.id)}]`;
    if (row.warehouseId !== input.warehouse_id) problems.push({ path, message: `ships from ${row.warehouseId}` });
    else if (row.carrier !== input.carrier_id) problems.push({ path, message: `goes by ${row.carrier}` });
    else if (row.status !== 'label_generated' && row.status !== 'booked') {
      problems.push({ path, message: `is ${row.status}: only labelled shipments go on a manifest` });
    } else {
      const held = heldManifest(tx, actor.tenantId, row);
      if (held) problems.push({ path, message: `is already on manifest ${held.id}` });
    }
  }
  if (problems.length) {
    throw unprocessable(
      'shipments_not_manifestable',
      `${problems.length} shipment(s) cannot go on this manifest`,
      problems,
    );
  }
  const manifest = insertManifest(tx, actor, input.warehouse_id, input.carrier_id, input.dispatch_date, input.metadata);
  for (const row of rows) putOnManifest(tx, actor, row, manifest);
  return manifest.id;
}

function documentLines(db: Db | Tx, manifestId: string): ManifestLine[] {
  return shipmentsOfManifest(db, manifestId).map((s) => ({
    shipment_id: s.id,
    carrier_tracking_number: s.trackingNumber ?? '',
    service: s.carrierService,
    packages: s.packages,
    weight_g: s.weightG,
    destination: `${s.toCountry} ${s.toPostalCode}`,
    reference: s.reference ?? '',
  }));
}

/**
 * (Re)renders the manifest's PDF and CSV when its contents changed since they were last made: the file
 * keys carry a hash of the contents, so a stale file is never served and an unchanged one is not redone.
 */
export async function ensureManifestDocuments(deps: Pick<Deps, 'db' | 'blobs'>, actor: Actor, id: string) {
  const row = requireManifestRow(deps.db, actor.tenantId, id);
  const lines = documentLines(deps.db, id);
  const hash = createHash('sha256')
    .update(JSON.stringify([row.status, row.dispatchDate, row.carrier, lines]))
    .digest('hex')
    .slice(0, 16);
  const base = `${actor.tenantId}/manifests/${id}/${hash}`;
  if (row.pdfKey === `${base}.pdf` && row.csvKey === `${base}.csv`) return;
  const warehouse = findWarehouseRow(deps.db, actor.tenantId, row.warehouseId);
  const header: ManifestHeader = {
    manifest_id: id,
    carrier: row.carrier,
    warehouse: warehouse ? `${warehouse.name} (${warehouse.code})` : row.warehouseId,
    dispatch_date: row.dispatchDate,
    generated_at: actor.now.toISOString(),
  };
  await deps.blobs.put(`${base}.pdf`, await manifestPdf(header, lines), { contentType: 'application/pdf' });
  await deps.blobs.put(`${base}.csv`, manifestCsv(header, lines), { contentType: 'text/csv' });
  // Derived files, not a change of the manifest: the version stays.
  deps.db
    .update(manifests)
    .set({ pdfKey: `${base}.pdf`, csvKey: `${base}.csv` })
    .where(and(eq(manifests.tenantId, actor.tenantId), eq(manifests.id, id)))
    .run();
}

/**
 * Hands the manifest to its carrier: `draft → submitted`, then `accepted` with the carrier's manifest
 * id and document, or `rejected` with its reason (the shipments may then go on another manifest).
 * An unreachable carrier answers 503 and leaves the manifest a draft, to submit again.
 */
export async function submitManifest(deps: Pick<Deps, 'db' | 'blobs' | 'carriers'>, actor: Actor, id: string) {
  const before = requireManifestRow(deps.db, actor.tenantId, id);
  if (before.status !== 'draft') throw conflict('manifest_not_draft', `manifest ${id} is already ${before.status}`);
  const list = shipmentsOfManifest(deps.db, id);
  if (list.length === 0) throw conflict('manifest_empty', `manifest ${id} has no shipments left`);
  const connector = connectorFor(deps.carriers, before.carrier);
  const result = await callCarrier(before.carrier, async (signal) => {
    try {
      return await connector.manifest(
        {
          manifest_id: id,
          dispatch_date: before.dispatchDate,
          shipments: list.map((s) => ({
            shipment_id: s.id,
            tracking_number: s.trackingNumber!,
            package_count: s.packages,
            weight_g: s.weightG,
          })),
        },
        { now: actor.now, signal },
      );
    } catch (error) {
      // The carrier's refusal is an outcome of the submission, kept on the manifest, not an API error.
      if (error instanceof CarrierError && !error.retryable) return error;
      throw error;
    }
  });
  let outcome: { accepted: true; carrierId: string; key: string } | { accepted: false; reason: string };
  if (result instanceof CarrierError) outcome = { accepted: false, reason: result.message };
  else {
    const key = `${actor.tenantId}/manifests/${id}/carrier-document`;
    await deps.blobs.put(key, result.data, { contentType: result.content_type });
    outcome = { accepted: true, carrierId: result.carrier_manifest_id, key };
  }
  deps.db.transaction((tx) => {
    const row = requireManifestRow(tx, actor.tenantId, id);
    if (row.status !== 'draft') throw conflict('manifest_not_draft', `manifest ${id} is already ${row.status}`);
    const now = actor.now.toISOString();
    tx.update(manifests)
      .set({
        status: outcome.accepted ? 'accepted' : 'rejected',
        submittedAt: now,
        resolvedAt: now,
        ...(outcome.accepted
          ? { carrierManifestId: outcome.carrierId, carrierDocumentKey: outcome.key }
          : { rejectionReason: outcome.reason }),
        version: row.version + 1,
        updatedAt: now,
      })
      .where(and(eq(manifests.tenantId, actor.tenantId), eq(manifests.id, id)))
      .run();
    for (const type of ['manifest.submitted', outcome.accepted ? 'manifest.accepted' : 'manifest.rejected']) {
      publishEvent(tx, actor, {
        type,
        subjectType: 'manifest',
        subjectId: id,
        payload: {
          manifest_id: id,
          carrier_id: row.carrier,
          shipments: list.map((s) => s.id),
          ...(outcome.accepted ? { carrier_manifest_id: outcome.carrierId } : { reason: outcome.reason }),
        },
      });
    }
  });
}
