import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { reservationSchema } from '../../adapters/inventory/http-inventory-schemas.ts';
import { InventoryUnavailableError } from '../../adapters/inventory/inventory-service.ts';
import { limitBody } from '../../platform/body-limit.ts';
import type { Actor, AppEnv } from '../../platform/context.ts';
import { ProblemError } from '../../platform/problem.ts';
import { SIGNATURE_HEADER } from '../../platform/signatures.ts';
import { markReceived, readSignedCallback, wasReceived } from '../../platform/inbound-events.ts';
import { applyReservation } from './allocations.commands.ts';
import { findAllocationRow } from './allocations.queries.ts';

const ReservationEvent = z
  .object({
    event_id: z.string().min(1).max(128),
    type: z.literal('reservation.updated'),
    tenant_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    reservation: reservationSchema,
  })
  .openapi('ReservationEvent');

export const allocationEventsRoute = createRoute({
  method: 'post',
  path: '/allocations/events',
  tags: ['Allocations'],
  summary: 'Allocation results pushed later by the Inventory Service (signed callback)',
  description: [
    'No bearer token: the raw body is signed with the shared `INVENTORY_CALLBACK_SECRET` as `Fulfillment-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`; a bad signature or a `t` more than 5 minutes off answers 401.',
    'Delivered at least once: an `event_id` already applied answers 200 with `duplicate: true` and changes nothing. Events may arrive out of order, so the reservation is read again from the Inventory Service before it is applied; an event for an allocation this tenant does not have is acknowledged and ignored. Contract: `docs/inventory-service.openapi.yaml`.',
  ].join('\n\n'),
  security: [],
  request: {
    headers: z.object({ [SIGNATURE_HEADER.toLowerCase()]: z.string().max(1000).optional() }),
    body: { required: true, content: { 'application/json': { schema: ReservationEvent } } },
  },
  responses: {
    200: {
      description: 'Received',
      content: {
        'application/json': {
          schema: z.object({ received: z.literal(true), duplicate: z.boolean(), applied: z.boolean() }),
        },
      },
    },
    401: { description: 'Bad or stale signature' },
    503: { description: 'The Inventory Service could not be read back: send again later' },
  },
});

/** Mounted outside the bearer-token API: the caller proves itself with the signature instead. */
export function allocationEventRoutes() {
  return new OpenAPIHono<AppEnv>().post('/allocations/events', limitBody, async (c) => {
    const { db, inventory, config, clock } = c.var.deps;
    const event = await readSignedCallback(c, config.inventory.callbackSecret, ReservationEvent);

    const source = `inventory:${event.tenant_id}`;
    if (wasReceived(db, source, event.event_id)) {
      return c.json({ received: true as const, duplicate: true, applied: false }, 200);
    }
    const allocation = findAllocationRow(db, event.tenant_id, event.reservation.allocation_id);

    let current = null;
    if (allocation) {
      try {
        current = await inventory.get(event.tenant_id, event.reservation.reservation_id);
      } catch (error) {
        if (error instanceof InventoryUnavailableError)
          throw new ProblemError(
            503,
            'inventory_unavailable',
            'could not read the reservation back; send the event again later',
          );
        throw error;
      }
    }
    const actor: Actor = {
      tenantId: event.tenant_id,
      type: 'integration',
      id: 'inventory-service',
      deviceId: null,
      workerId: null,
      requestId: c.var.requestId,
      now: clock.now(),
    };
    const applied = db.transaction((tx) => {
      if (!markReceived(tx, source, event.event_id, actor.now)) return false;
      if (!allocation || !current || current.allocation_id !== allocation.id) return false;
      applyReservation(tx, actor, allocation.id, current);
      return true;
    });
    return c.json({ received: true as const, duplicate: false, applied }, 200);
  });
}
