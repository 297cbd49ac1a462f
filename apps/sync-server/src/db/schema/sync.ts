import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Handheld sync (ARCHITECTURE.md, "The sync protocol"). A device's `last_seq` and the stored result
 * of each of its mutations are written in the transaction that applied the mutation, so "applied"
 * and "answered as applied" can never disagree, whatever crashes in between.
 */
export const syncDevices = sqliteTable(
  'sync_devices',
  {
    tenantId: text('tenant_id').notNull(),
    deviceId: text('device_id').notNull(),
    /** The highest seq acknowledged (applied or rejected): the next push must start at last_seq + 1. */
    lastSeq: integer('last_seq').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.deviceId] })],
);

export const syncMutationStatuses = ['applied', 'rejected'] as const;
export type SyncMutationStatus = (typeof syncMutationStatuses)[number];

/** Every acknowledged mutation and its answer, replayed as is when the device sends it again. */
export const syncMutations = sqliteTable(
  'sync_mutations',
  {
    tenantId: text('tenant_id').notNull(),
    deviceId: text('device_id').notNull(),
    seq: integer('seq').notNull(),
    mutationId: text('mutation_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: syncMutationStatuses }).notNull(),
    /** For `rejected`: the business rule (or `invalid_mutation`). */
    code: text('code'),
    message: text('message'),
    result: text('result', { mode: 'json' }).$type<unknown>(),
    workerId: text('worker_id'),
    requestId: text('request_id').notNull(),
    /** Device time the mutation was made (data, never order). */
    createdAt: text('created_at').notNull(),
    appliedAt: text('applied_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.deviceId, t.seq] }),
    uniqueIndex('sync_mutation_id').on(t.tenantId, t.deviceId, t.mutationId),
  ],
);

/**
 * What devices pull. `cursor` is assigned by SQLite at insert: one writer at a time, so cursors
 * become visible in increasing order and a reader paging by cursor never skips a committed change.
 * One row per audience (`worker:<id>`, `device:<id>`, `warehouse:<id>`); the rows of one publish
 * share `change_id`. An audience keeps only its latest row per entity (changes are whole entities).
 */
export const syncChanges = sqliteTable(
  'sync_changes',
  {
    cursor: integer('cursor').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    audience: text('audience').notNull(),
    changeId: text('change_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    data: text('data', { mode: 'json' }).$type<unknown>(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('sync_change_audience').on(t.tenantId, t.audience, t.cursor),
    index('sync_change_entity').on(t.tenantId, t.entity, t.entityId),
  ],
);
