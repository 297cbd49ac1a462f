import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

/**
 * Subscriptions of other systems to our events (CONVENTIONS.md: Events). The signing secret is kept
 * sealed (`Deps.secretBox`): a webhook is signed with it, so it cannot be kept as a hash.
 */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    /** Event types (`shipment.shipped`), a family (`shipment.*`) or every event (`*`). */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    description: text('description'),
    secretSealed: text('secret_sealed').notNull(),
    /** Set by DELETE: nothing more is delivered to it, and it leaves the list. */
    deletedAt: text('deleted_at'),
    ...resourceColumns(),
  },
  (t) => [index('webhook_tenant').on(t.tenantId, t.deletedAt, t.id)],
);

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

/**
 * The delivery log: one row per event and webhook, its attempts and how the last one went. An event
 * is delivered to a webhook at most once successfully (`event_id` is the receiver's dedupe key too).
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    webhookId: text('webhook_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastAttemptAt: text('last_attempt_at'),
    /** The receiver's HTTP status of the last attempt, or null when it could not be reached. */
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_delivery_event').on(t.webhookId, t.eventId),
    index('webhook_delivery_due').on(t.status, t.nextAttemptAt),
    index('webhook_delivery_log').on(t.webhookId, t.id),
  ],
);
