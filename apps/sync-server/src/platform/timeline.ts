import type { Tx } from '../db/client.ts';
import { connectionOf, preparedOnce } from '../db/prepared.ts';
import type { Actor } from './context.ts';
import { newId } from './ids.ts';

export type Change = {
  type: string;
  subjectType: string;
  subjectId: string;
  fulfillmentId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Every change writes here (a scan: two or three rows), so the two inserts are prepared once per
 * connection (`db/prepared.ts`) with the values drizzle would bind (JSON columns as JSON text).
 */
const statements = (tx: Tx) =>
  preparedOnce(tx, 'timeline-inserts', (db) => {
    const c = connectionOf(db);
    return {
      timeline: c.prepare(
        `insert into "timeline_events" ("id", "tenant_id", "subject_type", "subject_id", "fulfillment_id", "type",
           "actor_type", "actor_id", "device_id", "worker_id", "request_id", "data", "occurred_at")
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      outbox: c.prepare(
        `insert into "event_outbox" ("id", "tenant_id", "type", "subject_type", "subject_id", "payload", "request_id",
           "created_at")
         values (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  });

/**
 * `date.toISOString()`, remembered for the last instant asked: a scan records its time five or six
 * times (its row, two timeline entries, the outbox event, the picklist's version, the stored
 * answer), and the mutations of a push often share a millisecond. The same string: it is keyed by
 * the millisecond, not by the Date object.
 */
let lastIso = { time: NaN, iso: '' };
export function isoTime(date: Date): string {
  const time = date.getTime();
  if (time !== lastIso.time) lastIso = { time, iso: date.toISOString() };
  return lastIso.iso;
}

/** Appends one audit entry, in the caller's transaction, so the entry exists if and only if the change does. */
export function recordTimeline(tx: Tx, actor: Actor, change: Change): void {
  statements(tx).timeline.run(
    newId('evt'),
    actor.tenantId,
    change.subjectType,
    change.subjectId,
    change.fulfillmentId ?? null,
    change.type,
    actor.type,
    actor.id,
    actor.deviceId ?? null,
    actor.workerId ?? null,
    actor.requestId,
    JSON.stringify(change.data ?? {}),
    isoTime(actor.now),
  );
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
  statements(tx).outbox.run(
    newId('evt'),
    actor.tenantId,
    event.type,
    event.subjectType,
    event.subjectId,
    JSON.stringify(event.payload),
    actor.requestId,
    isoTime(actor.now),
  );
}
