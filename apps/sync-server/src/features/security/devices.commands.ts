import type { RegisterDeviceInput } from '@fulfillment/domain/security/device-schemas';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { devices } from '../../db/schema/security.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, notFound } from '../../platform/problem.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';
import { findDeviceRow } from './devices.queries.ts';
import { issueDeviceKey, revokeKey } from './keys.commands.ts';
import { liveKeysOfDevice, type KeyRow } from './keys.queries.ts';

/**
 * Registers a device under its own id, or re-registers it: fields sent replace the stored ones
 * (an omitted optional field is kept, null clears it) and a revoked device becomes active again.
 * Either way a fresh device key is issued, so a handheld that lost its key registers again.
 */
export function registerDevice(
  tx: Tx,
  actor: Actor,
  deviceId: string,
  input: RegisterDeviceInput,
): { created: boolean; key: KeyRow } {
  if (input.warehouse_id) requireActiveWarehouseRef(tx, actor.tenantId, input.warehouse_id);
  const now = actor.now.toISOString();
  const existing = findDeviceRow(tx, actor.tenantId, deviceId);

  if (!existing) {
    tx.insert(devices)
      .values({
        id: deviceId,
        ref: newId('dev'),
        tenantId: actor.tenantId,
        type: input.type,
        name: input.name,
        model: input.model ?? null,
        warehouseId: input.warehouse_id ?? null,
        status: 'active',
        registeredAt: now,
        metadata: input.metadata ?? {},
        createdAt: now,
        updatedAt: now,
      })
      .run();
    const data = {
      type: input.type,
      name: input.name,
      model: input.model ?? null,
      warehouse_id: input.warehouse_id ?? null,
    };
    recordTimeline(tx, actor, { type: 'device.registered', subjectType: 'device', subjectId: deviceId, data });
    return { created: true, key: issueDeviceKey(tx, actor, deviceId, input.key_ttl_seconds) };
  }

  const next = {
    type: input.type,
    name: input.name,
    model: input.model === undefined ? existing.model : input.model,
    warehouseId: input.warehouse_id === undefined ? existing.warehouseId : input.warehouse_id,
    metadata: input.metadata ?? existing.metadata,
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const fields = {
    type: 'type',
    name: 'name',
    model: 'model',
    warehouseId: 'warehouse_id',
    metadata: 'metadata',
  } as const;
  for (const [field, wire] of Object.entries(fields) as [keyof typeof fields, string][]) {
    if (JSON.stringify(existing[field]) !== JSON.stringify(next[field]))
      changes[wire] = { from: existing[field], to: next[field] };
  }
  const reactivated = existing.status === 'revoked';
  tx.update(devices)
    .set({
      ...next,
      status: 'active',
      revokedAt: null,
      registeredAt: now,
      version: existing.version + 1,
      updatedAt: now,
    })
    .where(and(eq(devices.tenantId, actor.tenantId), eq(devices.id, deviceId)))
    .run();
  recordTimeline(tx, actor, {
    type: 'device.reregistered',
    subjectType: 'device',
    subjectId: deviceId,
    data: { changes, reactivated },
  });
  return { created: false, key: issueDeviceKey(tx, actor, deviceId, input.key_ttl_seconds) };
}

/**
 * Revokes a device and every live key that names it (its device keys and the worker keys signed in
 * on it). The platform already refuses tokens of an inactive device; revoking the keys as well keeps
 * them dead if the device is registered again later (a stolen handheld that turns up).
 */
export function revokeDevice(tx: Tx, actor: Actor, deviceId: string, reason: string | null): void {
  const device = findDeviceRow(tx, actor.tenantId, deviceId);
  if (!device) throw notFound('device', deviceId);
  if (device.status === 'revoked') throw conflict('device_already_revoked', `device ${deviceId} is already revoked`);
  const keys = liveKeysOfDevice(tx, actor.tenantId, deviceId, actor.now);
  const now = actor.now.toISOString();
  tx.update(devices)
    .set({ status: 'revoked', revokedAt: now, version: device.version + 1, updatedAt: now })
    .where(and(eq(devices.tenantId, actor.tenantId), eq(devices.id, deviceId)))
    .run();
  recordTimeline(tx, actor, {
    type: 'device.revoked',
    subjectType: 'device',
    subjectId: deviceId,
    data: { reason, keys_revoked: keys.map((k) => k.id) },
  });
  for (const key of keys) revokeKey(tx, actor, key, reason, 'device_revoked');
}
