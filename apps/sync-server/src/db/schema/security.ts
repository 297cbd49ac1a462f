import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

/** Handheld scanners, printers and scales. The id is the device's own, as printed on it. */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').notNull(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    model: text('model'),
    warehouseId: text('warehouse_id'),
    status: text('status', { enum: ['active', 'revoked'] }).notNull(),
    registeredAt: text('registered_at').notNull(),
    ...resourceColumns(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Short-lived keys. The token itself is never stored: only what is needed to revoke it. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['device', 'worker', 'integration'] }).notNull(),
    name: text('name'),
    deviceId: text('device_id'),
    workerId: text('worker_id'),
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    createdBy: text('created_by').notNull(),
    ...resourceColumns(),
  },
  (t) => [index('key_tenant').on(t.tenantId, t.id)],
);
