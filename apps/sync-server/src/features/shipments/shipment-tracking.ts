import type { CarrierTrackingEvent, ShipmentStatus } from '@fulfillment/domain/shipment/shipment-schemas';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { shipments, shipmentTrackingEvents } from '../../db/schema/shipments.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { moveFulfillment } from '../fulfillments/fulfillments.commands.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { recordShipmentEvent, updateShipment } from './shipments.commands.ts';
import type { ShipmentRow } from './shipments.queries.ts';

/** How far along a parcel is: a tracking update only ever moves a shipment forward. */
const STAGE: Partial<Record<ShipmentStatus, number>> = {
  label_pending: 0,
  label_generated: 1,
  booked: 2,
  in_transit: 3,
  delivered: 4,
  failed: 4,
};

const STATUS_OF: Record<CarrierTrackingEvent['status'], ShipmentStatus> = {
  in_transit: 'in_transit',
  out_for_delivery: 'in_transit',
  exception: 'in_transit',
  delivered: 'delivered',
  failed: 'failed',
};

export type TrackingOutcome = { applied: boolean; status: ShipmentStatus };

/**
 * Applies one carrier tracking update (already verified and deduplicated by the caller): the update is
 * kept in the shipment's history, and the status moves `booked → in_transit → delivered|failed` only
 * forward, so late or reordered deliveries never undo a newer state. The first movement ships the
 * fulfillment; when every live shipment of it is delivered, the fulfillment is closed.
 */
export function applyTrackingEvent(
  tx: Tx,
  actor: Actor,
  row: ShipmentRow,
  event: CarrierTrackingEvent,
): TrackingOutcome {
  if (row.status === 'cancelled' || row.status === 'label_pending') return { applied: false, status: row.status };
  tx.insert(shipmentTrackingEvents)
    .values({
      id: newId('trk'),
      tenantId: actor.tenantId,
      shipmentId: row.id,
      eventId: event.event_id,
      status: event.status,
      occurredAt: new Date(event.occurred_at).toISOString(),
      location: event.location ?? null,
      description: event.description ?? null,
      receivedAt: actor.now.toISOString(),
    })
    .run();
  const next = STATUS_OF[event.status];
  const moves = (STAGE[next] ?? 0) > (STAGE[row.status] ?? 0);
  const data = {
    carrier: row.carrier,
    carrier_tracking_number: row.trackingNumber,
    carrier_status: event.status,
    carrier_event_id: event.event_id,
    occurred_at: event.occurred_at,
    location: event.location ?? null,
  };
  if (!moves) {
    updateShipment(tx, actor, row, {});
    recordShipmentEvent(tx, actor, row, 'shipment.tracking_updated', { status: row.status, ...data });
    return { applied: true, status: row.status };
  }
  const at = new Date(event.occurred_at).toISOString();
  updateShipment(tx, actor, row, {
    status: next,
    statusEventAt: at,
    ...(row.shippedAt ? {} : { shippedAt: at }),
    ...(next === 'delivered' ? { deliveredAt: at } : {}),
    ...(next === 'failed' ? { failedAt: at, failureReason: event.reason ?? event.description ?? null } : {}),
  });
  const type = next === 'in_transit' ? 'shipment.shipped' : `shipment.${next}`;
  recordShipmentEvent(tx, actor, row, type, { status: next, from_status: row.status, ...data });
  if (row.fulfillmentId) advanceFulfillment(tx, actor, row.fulfillmentId);
  return { applied: true, status: next };
}

/** Shipped once any parcel moves; closed once every live shipment of it is delivered. */
function advanceFulfillment(tx: Tx, actor: Actor, fulfillmentId: string): void {
  const fulfillment = findFulfillmentRow(tx, actor.tenantId, fulfillmentId);
  if (!fulfillment) return;
  let status = fulfillment.status;
  if (status === 'ready_to_ship') {
    moveFulfillment(tx, actor, fulfillmentId, 'shipped');
    status = 'shipped';
  }
  if (status !== 'shipped') return;
  const live = tx
    .select({ status: shipments.status })
    .from(shipments)
    .where(
      and(
        eq(shipments.tenantId, actor.tenantId),
        eq(shipments.fulfillmentId, fulfillmentId),
        ne(shipments.status, 'cancelled'),
      ),
    )
    .all();
  if (live.length > 0 && live.every((s) => s.status === 'delivered')) {
    moveFulfillment(tx, actor, fulfillmentId, 'closed');
  }
}
