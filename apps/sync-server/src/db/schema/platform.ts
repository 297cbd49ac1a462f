import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Stored first responses of writes sent with an Idempotency-Key (CONVENTIONS.md: Writes). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    principal: text('principal').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['in_flight', 'completed'] }).notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: text('response_headers', { mode: 'json' }).$type<Record<string, string>>(),
    responseBody: text('response_body'),
    /** The body holds a secret (an issued token) and is stored sealed, never in plain text. */
    responseSealed: integer('response_sealed', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.principal, t.key] }), index('idempotency_expiry').on(t.expiresAt)],
);

/** The audit trail: one row per change, written in the transaction that made the change. */
export const timelineEvents = sqliteTable(
  'timeline_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    fulfillmentId: text('fulfillment_id'),
    type: text('type').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    deviceId: text('device_id'),
    workerId: text('worker_id'),
    requestId: text('request_id').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    occurredAt: text('occurred_at').notNull(),
  },
  // Every scan writes two rows here, and each index entry is a page its commit writes: only what a
  // query reads is indexed. A fulfillment's timeline (and the warehouse's throughput, by fulfillment)
  // reads entries that have a fulfillment, so the picklist's own entries (`pick.scanned`) stay out.
  // No query reads by subject (a `timeline_subject` index was here, written on every entry).
  (t) => [
    index('timeline_fulfillment')
      .on(t.tenantId, t.fulfillmentId, t.id)
      .where(sql`fulfillment_id is not null`),
  ],
);

/** Transactional outbox: events for webhooks and other services, delivered after commit. */
export const eventOutbox = sqliteTable(
  'event_outbox',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    type: text('type').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id').notNull(),
    createdAt: text('created_at').notNull(),
    publishedAt: text('published_at'),
  },
  (t) => [index('outbox_pending').on(t.publishedAt, t.id)],
);

/** Inbound events already applied (callbacks are delivered at least once): source + event id. */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    source: text('source').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.source, t.eventId] })],
);
