import { carrierTrackingEvent } from '@fulfillment/domain/shipment/shipment-schemas';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { limitBody } from '../../platform/body-limit.ts';
import type { Actor, AppEnv } from '../../platform/context.ts';
import { markReceived, readSignedCallback, wasReceived } from '../../platform/inbound-events.ts';
import { SIGNATURE_HEADER } from '../../platform/signatures.ts';
import { applyTrackingEvent } from './shipment-tracking.ts';
import { findShipmentByTrackingNumber, findShipmentRow } from './shipments.queries.ts';

const CarrierTrackingEvent = carrierTrackingEvent
  .refine((e) => e.shipment_id !== undefined || e.tracking_number !== undefined, {
    path: ['tracking_number'],
    message: 'name the shipment by tracking_number or shipment_id',
  })
  .openapi('CarrierTrackingEvent', {
    example: {
      event_id: 'evt_carrier_000123',
      tenant_id: 'acme',
      tracking_number: 'SBX00123456785',
      status: 'delivered',
      occurred_at: '2026-01-06T15:04:05Z',
      location: 'London SW1',
    },
  });

const Received = z
  .object({
    received: z.literal(true),
    duplicate: z.boolean(),
    applied: z.boolean(),
    shipment_id: z.string().nullable(),
    status: z.string().nullable(),
  })
  .openapi('CarrierWebhookReceipt');

export const carrierWebhookRoute = createRoute({
  method: 'post',
  path: '/webhook/carrier',
  tags: ['Shipments'],
  summary: 'Tracking updates pushed by carriers (signed callback)',
  description: [
    'No bearer token: the raw body is signed with the shared `CARRIER_CALLBACK_SECRET` as `Fulfillment-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; a bad signature, or a `t` more than 5 minutes off (a replay), answers 401 and changes nothing.',
    'Delivered at least once: an `event_id` already received answers 200 with `duplicate: true` and changes nothing. The shipment is found by `shipment_id` or `tracking_number`; an update for a shipment this tenant does not have is acknowledged with `applied: false`. Statuses move `booked → in_transit → delivered|failed` only forward (`out_for_delivery` and `exception` are `in_transit`), so late updates are kept in the history without undoing a newer state. The first movement marks the fulfillment `shipped`; when all its shipments are delivered it is `closed`. Every update goes on the fulfillment’s timeline.',
  ].join('\n\n'),
  security: [],
  request: {
    headers: z.object({ [SIGNATURE_HEADER.toLowerCase()]: z.string().max(1000).optional() }),
    body: { required: true, content: { 'application/json': { schema: CarrierTrackingEvent } } },
  },
  responses: {
    200: { description: 'Received', content: { 'application/json': { schema: Received } } },
    401: { description: 'Bad, missing or stale signature' },
  },
});

/** Mounted outside the bearer-token API: the carrier proves itself with the signature instead. */
export function carrierWebhookRoutes() {
  return new OpenAPIHono<AppEnv>().post('/webhook/carrier', limitBody, async (c) => {
    const { db, config, clock } = c.var.deps;
    const event = await readSignedCallback(c, config.carriers.callbackSecret, CarrierTrackingEvent);

    const source = `carrier:${event.tenant_id}`;
    if (wasReceived(db, source, event.event_id)) {
      return c.json({ received: true as const, duplicate: true, applied: false, shipment_id: null, status: null }, 200);
    }
    const actor: Actor = {
      tenantId: event.tenant_id,
      type: 'integration',
      id: 'carrier-webhook',
      deviceId: null,
      workerId: null,
      requestId: c.var.requestId,
      now: clock.now(),
    };
    const outcome = db.transaction((tx) => {
      if (!markReceived(tx, source, event.event_id, actor.now))
        return { duplicate: true, applied: false, row: undefined };
      let row = event.shipment_id ? findShipmentRow(tx, event.tenant_id, event.shipment_id) : undefined;
      if (!row && event.tracking_number) row = findShipmentByTrackingNumber(tx, event.tenant_id, event.tracking_number);
      if (row && event.tracking_number && row.trackingNumber !== event.tracking_number) row = undefined;
      if (!row) return { duplicate: false, applied: false, row: undefined };
      const applied = applyTrackingEvent(tx, actor, row, event);
      return { duplicate: false, applied: applied.applied, row: { id: row.id, status: applied.status } };
    });
    return c.json(
      {
        received: true as const,
        duplicate: outcome.duplicate,
        applied: outcome.applied,
        shipment_id: outcome.row?.id ?? null,
        status: outcome.row?.status ?? null,
      },
      200,
    );
  });
}
