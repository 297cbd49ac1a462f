import type { DeviceType } from '@fulfillment/domain/security/device-schemas';
import { index, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';

/** Handheld scanners, printers and scales. The id is the device's own, as printed on it. */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').notNull(),
    /**
     * A server-made dev_ ULID. Device ids are the devices' own and do not sort by creation, so
     * lists page by this instead (stable order, no skips or repeats under concurrent registrations).
     */
    ref: text('ref').notNull(),
    type: text('type').$type<DeviceType>().notNull(),
    name: text('name').notNull(),
    model: text('model'),
    warehouseId: text('warehouse_id'),
    status: text('status', { enum: ['active', 'revoked'] }).notNull(),
    /** The latest (re-)registration; created_at is the first. */
    registeredAt: text('registered_at').notNull(),
    revokedAt: text('revoked_at'),
    ...resourceColumns(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), uniqueIndex('device_ref').on(t.tenantId, t.ref)],
);

/** Short-lived keys. The token itself is never stored: only what is needed to list and revoke it. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    /** Also the token's `jti`: how a presented token is matched to its record. */
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['device', 'worker', 'integration'] }).notNull(),
    name: text('name'),
    deviceId: text('device_id'),
    workerId: text('worker_id'),
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
    createdBy: text('created_by').notNull(),
    ...resourceColumns(),
  },
  (t) => [
    index('key_tenant').on(t.tenantId, t.id),
    index('key_device').on(t.tenantId, t.deviceId),
    index('key_worker').on(t.tenantId, t.workerId),
  ],
);
