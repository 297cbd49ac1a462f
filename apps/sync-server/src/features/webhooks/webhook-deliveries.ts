import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { eventOutbox } from '../../db/schema/platform.ts';
import { webhookDeliveries, webhooks } from '../../db/schema/webhooks.ts';
import { newId } from '../../platform/ids.ts';
import type { WebhookEvent } from './webhook-send.ts';
import { liveWebhookRows, subscribes, type WebhookDeliveryRow, type WebhookRow } from './webhooks.queries.ts';

/**
 * The delivery log's reads and writes, for the dispatcher (webhook-dispatcher.ts). Each is its own
 * short transaction: nothing is held open while a receiver is being called.
 */

/** Retries: 30 s, 1 min, 2 min, ... doubling, at most 10 attempts in all (about 4 hours). */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 30_000;
export const retryDelayMs = (attempts: number) => FIRST_RETRY_MS * 2 ** (attempts - 1);

/**
 * Hands the next events of the outbox to the webhooks that take them: a pending delivery per event
 * and subscribed webhook of its tenant, made after the webhook was (a new subscription gets what
 * happens from then on, not the history). Every event handed out is marked published, taken or not.
 * Returns how many events it handed out.
 */
export function fanOut(db: Db, now: Date, limit = 500): number {
  return db.transaction((tx) => {
    const events = tx
      .select({
        id: eventOutbox.id,
        tenantId: eventOutbox.tenantId,
        type: eventOutbox.type,
        createdAt: eventOutbox.createdAt,
      })
      .from(eventOutbox)
      .where(isNull(eventOutbox.publishedAt))
      .orderBy(asc(eventOutbox.id))
      .limit(limit)
      .all();
    if (events.length === 0) return 0;
    const byTenant = new Map<string, WebhookRow[]>();
    const at = now.toISOString();
    for (const event of events) {
      let live = byTenant.get(event.tenantId);
      if (!live) byTenant.set(event.tenantId, (live = liveWebhookRows(tx, event.tenantId)));
      for (const hook of live) {
        if (hook.createdAt > event.createdAt || !subscribes(hook.events, event.type)) continue;
        tx.insert(webhookDeliveries)
          .values({
            id: newId('whd'),
            tenantId: event.tenantId,
            webhookId: hook.id,
            eventId: event.id,
            eventType: event.type,
            status: 'pending',
            nextAttemptAt: at,
            createdAt: at,
          })
          .onConflictDoNothing()
          .run();
      }
    }
    tx.update(eventOutbox)
      .set({ publishedAt: at })
      .where(
        inArray(
          eventOutbox.id,
          events.map((e) => e.id),
        ),
      )
      .run();
    return events.length;
  });
}

/** A delivery to attempt now, with what it needs: the webhook's URL and sealed secret, and the event. */
export type DueDelivery = { delivery: WebhookDeliveryRow; url: string; secretSealed: string; event: WebhookEvent };

/**
 * Claims the deliveries that are due: each is pushed `leaseMs` into the future before it is tried,
 * so that a process that dies mid-attempt leaves it to be retried, not lost nor sent twice at once.
 * A delivery whose webhook was deleted is cancelled instead.
 */
export function claimDue(db: Db, now: Date, leaseMs: number, limit = 10): DueDelivery[] {
  return db.transaction((tx) => {
    // One read: each due delivery with its webhook and its event (absent when either is gone).
    const due = tx
      .select({ delivery: webhookDeliveries, hook: webhooks, event: eventOutbox })
      .from(webhookDeliveries)
      .leftJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .leftJoin(eventOutbox, eq(eventOutbox.id, webhookDeliveries.eventId))
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now.toISOString())))
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(limit)
      .all();
    const claimed: DueDelivery[] = [];
    const leaseEnds = new Date(now.getTime() + leaseMs).toISOString();
    for (const { delivery, hook, event } of due) {
      const gone = !hook || hook.deletedAt !== null || !event;
      tx.update(webhookDeliveries)
        .set(gone ? { status: 'cancelled', nextAttemptAt: null } : { nextAttemptAt: leaseEnds })
        .where(eq(webhookDeliveries.id, delivery.id))
        .run();
      if (gone) continue;
      claimed.push({
        delivery,
        url: hook.url,
        secretSealed: hook.secretSealed,
        event: {
          id: event.id,
          type: event.type,
          created_at: event.createdAt,
          tenant_id: event.tenantId,
          data: event.payload,
        },
      });
    }
    return claimed;
  });
}

/** How an attempt went: delivered, or failed and retried later (or given up after MAX_ATTEMPTS). */
export function recordAttempt(
  db: Db,
  delivery: WebhookDeliveryRow,
  outcome: { ok: boolean; statusCode: number | null; error: string | null },
  now: Date,
): void {
  const attempts = delivery.attempts + 1;
  const at = now.toISOString();
  const retry = !outcome.ok && attempts < MAX_ATTEMPTS;
  db.update(webhookDeliveries)
    .set({
      attempts,
      lastAttemptAt: at,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      status: outcome.ok ? 'delivered' : retry ? 'pending' : 'failed',
      nextAttemptAt: retry ? new Date(now.getTime() + retryDelayMs(attempts)).toISOString() : null,
      deliveredAt: outcome.ok ? at : null,
    })
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.status, 'pending')))
    .run();
}

/** A test event's attempt, logged beside the real ones (`POST /webhooks/test`). */
export function logTestDelivery(
  db: Db,
  hook: WebhookRow,
  event: WebhookEvent,
  outcome: { ok: boolean; statusCode: number | null; error: string | null },
  now: Date,
): void {
  const at = now.toISOString();
  db.insert(webhookDeliveries)
    .values({
      id: newId('whd'),
      tenantId: hook.tenantId,
      webhookId: hook.id,
      eventId: event.id,
      eventType: event.type,
      status: outcome.ok ? 'delivered' : 'failed',
      attempts: 1,
      lastAttemptAt: at,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      deliveredAt: outcome.ok ? at : null,
      createdAt: at,
    })
    .run();
}
