import type { Tx } from '../db/client.ts';
import { eventOutbox, timelineEvents } from '../db/schema/platform.ts';
import type { Actor } from './context.ts';
import { newId } from './ids.ts';

export type Change = {
  type: string;
  subjectType: string;
  subjectId: string;
  fulfillmentId?: string | null;
  data?: Record<string, unknown>;
};

/** Appends one audit entry, in the caller's transaction, so the entry exists if and only if the change does. */
export function recordTimeline(tx: Tx, actor: Actor, change: Change): void {
  tx.insert(timelineEvents)
    .values({
      id: newId('evt'),
      tenantId: actor.tenantId,
      subjectType: change.subjectType,
      subjectId: change.subjectId,
      fulfillmentId: change.fulfillmentId ?? null,
      type: change.type,
      actorType: actor.type,
      actorId: actor.id,
      deviceId: actor.deviceId,
      workerId: actor.workerId,
      requestId: actor.requestId,
      data: change.data ?? {},
      occurredAt: actor.now.toISOString(),
    })
    .run();
}

/**
 * Queues an event for other systems (webhooks, the Inventory Service) in the same transaction as the
 * change, so an event is never sent for a change that rolled back nor lost for one that committed.
 */
export function publishEvent(
  tx: Tx,
  actor: Actor,
  event: { type: string; subjectType: string; subjectId: string; payload: Record<string, unknown> },
): void {
  tx.insert(eventOutbox)
    .values({
      id: newId('evt'),
      tenantId: actor.tenantId,
      type: event.type,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      payload: event.payload,
      requestId: actor.requestId,
      createdAt: actor.now.toISOString(),
    })
    .run();
}
