import type { CreateKeyInput } from '@fulfillment/domain/security/key-schemas';
import { type KeyKind, keyTtlBounds } from '@fulfillment/domain/security/key-ttl';
import { isWarehouseRole } from '@fulfillment/domain/security/roles';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { apiKeys } from '../../db/schema/security.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, unprocessable } from '../../platform/problem.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { findWorkerByBadge, findWorkerRow } from '../warehouses/worker-lookup.ts';
import { findDeviceRow } from './devices.queries.ts';
import { keyLifetime } from './key-tokens.ts';
import { findKeyRow, type KeyRow } from './keys.queries.ts';

type NewKey = {
  kind: KeyKind;
  name: string | null;
  deviceId: string | null;
  workerId: string | null;
  roles: string[];
  ttlSeconds: number | undefined;
  metadata: Record<string, unknown> | undefined;
};

/** Stores the key record (never the token) and its timeline entry. The caller signs the token after commit. */
function insertKey(tx: Tx, actor: Actor, key: NewKey): KeyRow {
  const id = newId('key');
  const now = actor.now.toISOString();
  const { expiresAt } = keyLifetime(actor.now, key.ttlSeconds ?? keyTtlBounds[key.kind].default);
  tx.insert(apiKeys)
    .values({
      id,
      tenantId: actor.tenantId,
      kind: key.kind,
      name: key.name,
      deviceId: key.deviceId,
      workerId: key.workerId,
      roles: key.roles,
      expiresAt,
      createdBy: actor.id,
      metadata: key.metadata ?? {},
      createdAt: now,
      updatedAt: now,
    })
    .run();
  recordTimeline(tx, actor, {
    type: 'key.created',
    subjectType: 'key',
    subjectId: id,
    data: {
      kind: key.kind,
      name: key.name,
      device_id: key.deviceId,
      worker_id: key.workerId,
      roles: key.roles,
      expires_at: expiresAt,
    },
  });
  return findKeyRow(tx, actor.tenantId, id)!;
}

/** A key can only be made for a device that is registered here and not revoked. */
function requireActiveDevice(tx: Tx, actor: Actor, deviceId: string) {
  const device = findDeviceRow(tx, actor.tenantId, deviceId);
  if (!device) {
    throw unprocessable('device_not_registered', `device ${deviceId} is not registered`, [
      { path: 'device_id', message: 'no such device' },
    ]);
  }
  if (device.status !== 'active') {
    throw unprocessable('device_revoked', `device ${deviceId} was revoked: register it again first`, [
      { path: 'device_id', message: 'device is revoked' },
    ]);
  }
  return device;
}

/** The worker behind a sign-in, by id or by the badge scanned on the handheld. */
function requireSignableWorker(
  tx: Tx,
  actor: Actor,
  input: { worker_id?: string | undefined; badge_id?: string | undefined },
) {
  const path = input.worker_id !== undefined ? 'worker_id' : 'badge_id';
  const worker =
    input.worker_id !== undefined
      ? findWorkerRow(tx, actor.tenantId, input.worker_id)
      : findWorkerByBadge(tx, actor.tenantId, input.badge_id!);
  if (!worker) {
    throw unprocessable('worker_not_found', `no worker with this ${path.replace('_', ' ')}`, [
      { path, message: 'no such worker' },
    ]);
  }
  if (worker.status !== 'active') {
    throw unprocessable('worker_inactive', `worker ${worker.id} is not active`, [
      { path, message: 'worker is inactive' },
    ]);
  }
  // A handheld key never carries back-office roles, whatever the worker record says.
  const roles = worker.roles.filter(isWarehouseRole);
  if (roles.length === 0) {
    throw unprocessable('worker_has_no_role', `worker ${worker.id} holds no warehouse role`, [
      { path, message: 'worker has no role' },
    ]);
  }
  return { id: worker.id, roles };
}

/** The key that lets a freshly registered device call the API (and sign its workers in). */
export function issueDeviceKey(tx: Tx, actor: Actor, deviceId: string, ttlSeconds: number | undefined): KeyRow {
  return insertKey(tx, actor, {
    kind: 'device',
    name: null,
    deviceId,
    workerId: null,
    roles: [],
    ttlSeconds,
    metadata: undefined,
  });
}

export function createKey(tx: Tx, actor: Actor, input: CreateKeyInput): KeyRow {
  const common = { name: input.name ?? null, ttlSeconds: input.ttl_seconds, metadata: input.metadata };
  switch (input.kind) {
    case 'device':
      requireActiveDevice(tx, actor, input.device_id);
      return insertKey(tx, actor, { ...common, kind: 'device', deviceId: input.device_id, workerId: null, roles: [] });
    case 'worker': {
      requireActiveDevice(tx, actor, input.device_id);
      const worker = requireSignableWorker(tx, actor, input);
      return insertKey(tx, actor, {
        ...common,
        kind: 'worker',
        deviceId: input.device_id,
        workerId: worker.id,
        roles: worker.roles,
      });
    }
    case 'integration':
      return insertKey(tx, actor, {
        ...common,
        kind: 'integration',
        deviceId: null,
        workerId: null,
        roles: ['integration'],
      });
  }
}

/**
 * Revokes one key: from the next request on, the platform's `rejectRevokedKeys` refuses its token.
 * `cause` tells a revocation asked for this key apart from one swept up with its device.
 */
export function revokeKey(
  tx: Tx,
  actor: Actor,
  key: KeyRow,
  reason: string | null,
  cause: 'revoked' | 'device_revoked',
): void {
  if (key.revokedAt) throw conflict('key_already_revoked', `key ${key.id} is already revoked`);
  const now = actor.now.toISOString();
  tx.update(apiKeys)
    .set({ revokedAt: now, revokedBy: actor.id, revokeReason: reason, version: key.version + 1, updatedAt: now })
    .where(and(eq(apiKeys.tenantId, actor.tenantId), eq(apiKeys.id, key.id)))
    .run();
  recordTimeline(tx, actor, {
    type: 'key.revoked',
    subjectType: 'key',
    subjectId: key.id,
    data: { kind: key.kind, device_id: key.deviceId, worker_id: key.workerId, reason, cause },
  });
}
