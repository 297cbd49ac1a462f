import { and, asc, desc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
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

function toWebhook(row: WebhookRow, recent: WebhookDeliveryRow[]) {
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

/** The latest deliveries of each of these webhooks, newest first: one query for a whole page. */
function recentDeliveriesOf(db: Reader, webhookIds: string[]): Map<string, WebhookDeliveryRow[]> {
  const byWebhook = new Map<string, WebhookDeliveryRow[]>(webhookIds.map((id) => [id, []]));
  if (webhookIds.length === 0) return byWebhook;
  const same = alias(webhookDeliveries, 'same_webhook');
  const latest = db
    .select({ id: same.id })
    .from(same)
    .where(eq(same.webhookId, webhookDeliveries.webhookId))
    .orderBy(desc(same.id))
    .limit(RECENT_DELIVERIES);
  const rows = db
    .select()
    .from(webhookDeliveries)
    .where(and(inArray(webhookDeliveries.webhookId, webhookIds), inArray(webhookDeliveries.id, latest)))
    .orderBy(desc(webhookDeliveries.id))
    .all();
  for (const row of rows) byWebhook.get(row.webhookId)!.push(row);
  return byWebhook;
}

function withDeliveries(db: Reader, rows: WebhookRow[]) {
  const recent = recentDeliveriesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toWebhook(row, recent.get(row.id)!));
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
  return row && withDeliveries(db, [row])[0];
}

/** Oldest first, so pages are stable. */
export function listWebhooks(
  db: Reader,
  tenantId: string,
  pageRequest: { after: string | undefined; limit: number },
): Webhook[] {
  const where: SQL[] = [eq(webhooks.tenantId, tenantId), isNull(webhooks.deletedAt)];
  if (pageRequest.after) where.push(gt(webhooks.id, pageRequest.after));
  const rows = db
    .select()
    .from(webhooks)
    .where(and(...where))
    .orderBy(asc(webhooks.id))
    .limit(pageRequest.limit + 1)
    .all();
  return withDeliveries(db, rows);
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
