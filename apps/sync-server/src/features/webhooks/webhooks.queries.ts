import { and, asc, desc, eq, gt, isNull, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { webhookDeliveries, webhooks } from '../../db/schema/webhooks.ts';

type Reader = Db | Tx;
export type WebhookRow = typeof webhooks.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Deliveries shown on a webhook: enough to see at a glance whether the receiver keeps up. */
const RECENT_DELIVERIES = 10;

export function toWebhookDelivery(row: WebhookDeliveryRow) {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === 'pending' ? row.nextAttemptAt : null,
    last_attempt_at: row.lastAttemptAt,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    delivered_at: row.deliveredAt,
    created_at: row.createdAt,
  };
}

function toWebhook(db: Reader, row: WebhookRow) {
  const recent = db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, row.id))
    .orderBy(desc(webhookDeliveries.id))
    .limit(RECENT_DELIVERIES)
    .all();
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    recent_deliveries: recent.map(toWebhookDelivery),
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type Webhook = ReturnType<typeof toWebhook>;

/** A webhook that was not deleted. */
export function findWebhookRow(db: Reader, tenantId: string, id: string): WebhookRow | undefined {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.id, id), isNull(webhooks.deletedAt)))
    .get();
}

export function getWebhook(db: Reader, tenantId: string, id: string): Webhook | undefined {
  const row = findWebhookRow(db, tenantId, id);
  return row && toWebhook(db, row);
}

/** Oldest first, so pages are stable. */
export function listWebhooks(
  db: Reader,
  tenantId: string,
  pageRequest: { after: string | undefined; limit: number },
): Webhook[] {
  const where: SQL[] = [eq(webhooks.tenantId, tenantId), isNull(webhooks.deletedAt)];
  if (pageRequest.after) where.push(gt(webhooks.id, pageRequest.after));
  return db
    .select()
    .from(webhooks)
    .where(and(...where))
    .orderBy(asc(webhooks.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map((row) => toWebhook(db, row));
}

/** The tenant's live webhooks: whom an event may go to. */
export function liveWebhookRows(db: Reader, tenantId: string): WebhookRow[] {
  return db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, tenantId), isNull(webhooks.deletedAt)))
    .orderBy(asc(webhooks.id))
    .all();
}

/** Whether a subscription's patterns take this event type (`*`, `family.*` or the type itself). */
export function subscribes(patterns: readonly string[], eventType: string): boolean {
  return patterns.some(
    (p) => p === '*' || p === eventType || (p.endsWith('.*') && eventType.startsWith(p.slice(0, -1))),
  );
}
