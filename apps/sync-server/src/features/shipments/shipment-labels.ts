import type { GenerateLabelInput } from '@fulfillment/domain/shipment/shipment-schemas';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { packages } from '../../db/schema/packing.ts';
import type { LabelFormat } from '../../db/schema/shipments.ts';
import type { Actor, Deps } from '../../platform/context.ts';
import { conflict } from '../../platform/problem.ts';
import { requireKnownCarrier } from '../routing-rules/routing-rules.commands.ts';
import { callCarrier, carrierAddress, connectorFor } from './carrier-calls.ts';
import { recordShipmentEvent, updateShipment } from './shipments.commands.ts';
import { packagesOfShipment, requireShipmentRow, type ShipmentRow } from './shipments.queries.ts';

export const DEFAULT_LABEL_FORMAT: LabelFormat = 'pdf';
const EXTENSIONS: Record<LabelFormat, string> = { pdf: 'pdf', zpl: 'zpl', png: 'png' };
const LABELLABLE = new Set(['label_pending', 'label_generated', 'booked']);

type LabelDeps = Pick<Deps, 'db' | 'carriers' | 'blobs'>;

/**
 * Gets the shipment's label from its carrier and keeps it in blob storage. The first label books the
 * tracking number; asking for another format later renders the same shipment again with the same
 * `sequence`, so the carrier answers with the same tracking number. A format already made is
 * answered from storage without calling the carrier. The carrier call happens outside any
 * transaction; its outcome is committed only if the shipment is still labellable then.
 */
export async function generateLabel(
  deps: LabelDeps,
  actor: Actor,
  shipmentId: string,
  input: GenerateLabelInput,
): Promise<ShipmentRow> {
  const { db, carriers, blobs } = deps;
  const format = input.label_format ?? DEFAULT_LABEL_FORMAT;
  const before = checkLabellable(db, actor, shipmentId);
  let carrierId = before.carrier;
  if (input.connector_id && input.connector_id !== before.carrier) {
    if (before.trackingNumber) {
      throw conflict('carrier_fixed', `shipment ${shipmentId} already has a ${before.carrier} label`);
    }
    requireKnownCarrier(carriers, input.connector_id, 'connector_id');
    carrierId = input.connector_id;
  }
  if (before.labels[format] && carrierId === before.carrier) return before;

  const parcels = packagesOfShipment(db, shipmentId);
  const connector = connectorFor(carriers, carrierId);
  const label = await callCarrier(carrierId, (signal) =>
    connector.createLabel(
      {
        shipment_id: before.id,
        service_code: before.carrierService,
        from: carrierAddress(before.fromAddress),
        to: carrierAddress(before.toAddress),
        packages: parcels.map((p) => ({
          package_id: p.packageId ?? `${before.id}-${p.position + 1}`,
          sscc: p.sscc,
          weight_g: p.weightG,
          dimensions_mm: p.dimsMm,
        })),
        reference: (before.reference ?? before.id).slice(0, 100),
        format,
      },
      { now: actor.now, sequence: before.labelSequence, signal },
    ),
  );
  const key = `${actor.tenantId}/labels/${before.id}/${before.labelSequence}.${EXTENSIONS[format]}`;
  await blobs.put(key, label.data, { contentType: label.content_type });

  return db.transaction((tx) => {
    const row = checkLabellable(tx, actor, shipmentId);
    if (row.trackingNumber && row.trackingNumber !== label.tracking_number) {
      // Only a connector breaking its idempotency promise gets here: keep the first number.
      throw conflict('tracking_number_changed', `carrier ${carrierId} answered another tracking number`);
    }
    const first = row.status === 'label_pending';
    const stored = { key, content_type: label.content_type, pages: label.pages, generated_at: actor.now.toISOString() };
    updateShipment(tx, actor, row, {
      carrier: carrierId,
      trackingNumber: label.tracking_number,
      labelFormat: format,
      labels: { ...row.labels, [format]: stored },
      ...(first ? { status: 'label_generated' as const } : {}),
    });
    const ids = parcels.flatMap((p) => (p.packageId ? [p.packageId] : []));
    if (ids.length) {
      tx.update(packages)
        .set({ labelStatus: 'generated', updatedAt: actor.now.toISOString() })
        .where(and(eq(packages.tenantId, actor.tenantId), inArray(packages.id, ids)))
        .run();
    }
    recordShipmentEvent(tx, actor, row, first ? 'shipment.label_generated' : 'shipment.label_rendered', {
      carrier: carrierId,
      carrier_tracking_number: label.tracking_number,
      label_format: format,
      pages: label.pages,
    });
    return requireShipmentRow(tx, actor.tenantId, shipmentId);
  });
}

function checkLabellable(db: Db | Tx, actor: Actor, id: string) {
  const row = requireShipmentRow(db, actor.tenantId, id);
  if (!LABELLABLE.has(row.status)) {
    throw conflict('label_not_allowed', `shipment ${id} is ${row.status}: no label can be made for it`);
  }
  return row;
}
