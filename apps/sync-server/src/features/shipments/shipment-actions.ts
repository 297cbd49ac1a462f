import type {
  CancelShipmentInput,
  SchedulePickupInput,
  TrackShipmentInput,
} from '@fulfillment/domain/shipment/shipment-schemas';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor, Deps } from '../../platform/context.ts';
import { conflict } from '../../platform/problem.ts';
import { findManifestRow } from '../manifests/manifests.queries.ts';
import { callCarrier, carrierAddress, connectorFor } from './carrier-calls.ts';
import { recordShipmentEvent, releaseParcels, updateShipment } from './shipments.commands.ts';
import { packagesOfShipment, requireShipmentRow, type ShipmentRow } from './shipments.queries.ts';

type ActionDeps = Pick<Deps, 'db' | 'carriers'>;

const CANCELLABLE = new Set(['label_pending', 'label_generated', 'booked']);

function checkCancellable(db: Db | Tx, actor: Actor, id: string, version: number | undefined): ShipmentRow {
  const row = requireShipmentRow(db, actor.tenantId, id);
  if (version !== undefined && version !== row.version) {
    throw conflict('version_conflict', `version ${version} is stale: the current version is ${row.version}`);
  }
  if (!CANCELLABLE.has(row.status)) {
    throw conflict('not_cancellable', `shipment ${id} is ${row.status}: it can no longer be cancelled`);
  }
  const manifest = row.manifestId ? findManifestRow(db, actor.tenantId, row.manifestId) : undefined;
  if (manifest && manifest.status !== 'draft') {
    throw conflict(
      'already_manifested',
      `shipment ${id} was handed over on manifest ${manifest.id} (${manifest.status})`,
    );
  }
  return row;
}

/**
 * Cancels a shipment that has not left: a label already made is voided with the carrier first (a
 * carrier that refuses answers 409 and nothing changes here). The packages are free for a new
 * shipment afterwards; a draft manifest drops the shipment.
 */
export async function cancelShipment(
  deps: ActionDeps,
  actor: Actor,
  id: string,
  input: CancelShipmentInput,
): Promise<ShipmentRow> {
  const before = checkCancellable(deps.db, actor, id, input.version);
  if (before.trackingNumber) {
    const connector = connectorFor(deps.carriers, before.carrier);
    await callCarrier(before.carrier, (signal) =>
      connector.cancel({ shipment_id: before.id, tracking_number: before.trackingNumber! }, { now: actor.now, signal }),
    );
  }
  return deps.db.transaction((tx) => {
    const row = checkCancellable(tx, actor, id, input.version);
    updateShipment(tx, actor, row, {
      status: 'cancelled',
      cancelledAt: actor.now.toISOString(),
      cancelReason: input.reason ?? null,
      manifestId: null,
    });
    releaseParcels(tx, actor, row.id);
    recordShipmentEvent(tx, actor, row, 'shipment.cancelled', {
      status: 'cancelled',
      from_status: row.status,
      reason: input.reason ?? null,
      carrier_tracking_number: row.trackingNumber,
    });
    return requireShipmentRow(tx, actor.tenantId, id);
  });
}

/** Books a carrier collection at the warehouse for this shipment (the carrier confirms a window). */
export async function schedulePickup(
  deps: ActionDeps,
  actor: Actor,
  id: string,
  input: SchedulePickupInput,
): Promise<ShipmentRow> {
  const before = requireShipmentRow(deps.db, actor.tenantId, id);
  if (before.status !== 'label_generated' && before.status !== 'booked') {
    throw conflict('pickup_not_allowed', `shipment ${id} is ${before.status}: a pickup needs a labelled shipment`);
  }
  const parcels = packagesOfShipment(deps.db, id);
  const connector = connectorFor(deps.carriers, before.carrier);
  const pickup = await callCarrier(before.carrier, (signal) =>
    connector.schedulePickup(
      {
        address: carrierAddress(before.fromAddress),
        date: input.date,
        ready_time: input.ready_time,
        close_time: input.close_time,
        tracking_numbers: [before.trackingNumber!],
        package_count: parcels.length,
      },
      { now: actor.now, signal },
    ),
  );
  return deps.db.transaction((tx) => {
    const row = requireShipmentRow(tx, actor.tenantId, id);
    updateShipment(tx, actor, row, { pickup });
    recordShipmentEvent(tx, actor, row, 'shipment.pickup_scheduled', { pickup });
    return requireShipmentRow(tx, actor.tenantId, id);
  });
}

/**
 * Tracking: `webhook` records that the carrier's pushes (POST /webhook/carrier) are expected for this
 * shipment; both modes answer with the tracking history received so far.
 */
export function trackShipment(deps: ActionDeps, actor: Actor, id: string, input: TrackShipmentInput): ShipmentRow {
  return deps.db.transaction((tx) => {
    const row = requireShipmentRow(tx, actor.tenantId, id);
    if (!row.trackingNumber) {
      throw conflict('label_required', `shipment ${id} has no tracking number yet: generate its label first`);
    }
    const mode = input.mode ?? 'webhook';
    if (mode === 'webhook' && row.trackingMode !== 'webhook') {
      updateShipment(tx, actor, row, { trackingMode: 'webhook' });
      recordShipmentEvent(tx, actor, row, 'shipment.tracking_subscribed', {
        carrier: row.carrier,
        carrier_tracking_number: row.trackingNumber,
      });
    }
    return requireShipmentRow(tx, actor.tenantId, id);
  });
}
