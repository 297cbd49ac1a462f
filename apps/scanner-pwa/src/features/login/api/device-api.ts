import type { DeviceRow, SessionRow } from '../../../db/db-types.ts';
import { apiFetch } from '../../../lib/api-client.ts';
import { newUlid } from '../../../lib/ids.ts';

/** A device key lasts at most 7 days; the longest keeps a supervisor's visits rare. */
const DEVICE_KEY_TTL_SECONDS = 7 * 24 * 3600;
/** A worker key lasts at most 12 hours: a whole shift, so nobody is signed out mid-pick. */
const WORKER_KEY_TTL_SECONDS = 12 * 3600;

type IssuedKey = {
  id: string;
  token: string;
  expires_at: string;
  worker_id: string | null;
  roles: string[];
};

export async function registerDevice(input: {
  deviceId: string;
  name: string;
  setupToken: string;
  now: Date;
}): Promise<DeviceRow> {
  const { body } = await apiFetch<{ device: { id: string; name: string; registered_at: string }; key: IssuedKey }>(
    `/devices/${encodeURIComponent(input.deviceId)}/register`,
    {
      token: input.setupToken,
      idempotencyKey: newUlid(),
      body: { type: 'handheld', name: input.name, key_ttl_seconds: DEVICE_KEY_TTL_SECONDS },
    },
  );
  return {
    id: body.device.id,
    name: body.device.name,
    key_id: body.key.id,
    key_token: body.key.token,
    key_expires_at: body.key.expires_at,
    registered_at: body.device.registered_at ?? input.now.toISOString(),
  };
}

/**
 * A new device key for this handheld, made with the current one before it expires: the handheld
 * keeps itself enrolled without a supervisor. The server refuses it once the device is revoked.
 */
export async function renewDeviceKey(device: DeviceRow): Promise<DeviceRow> {
  const { body } = await apiFetch<IssuedKey>('/keys', {
    token: device.key_token,
    idempotencyKey: newUlid(),
    body: { kind: 'device', device_id: device.id, ttl_seconds: DEVICE_KEY_TTL_SECONDS },
  });
  return { ...device, key_id: body.id, key_token: body.token, key_expires_at: body.expires_at };
}

/** The badge scanned on this handheld becomes a worker key, made with the device key. */
export async function signInWorker(device: DeviceRow, badgeId: string): Promise<SessionRow> {
  const { body } = await apiFetch<IssuedKey>('/keys', {
    token: device.key_token,
    idempotencyKey: newUlid(),
    body: { kind: 'worker', device_id: device.id, badge_id: badgeId, ttl_seconds: WORKER_KEY_TTL_SECONDS },
  });
  if (!body.worker_id) throw new Error('the server issued a key without a worker');
  return {
    key: 'current',
    worker_key_id: body.id,
    worker_key: body.token,
    worker_id: body.worker_id,
    badge_id: badgeId,
    roles: body.roles,
    expires_at: body.expires_at,
  };
}

/** Revokes the worker key (sign out). Best effort: a key that is never revoked still expires. */
export async function revokeWorkerKey(session: SessionRow): Promise<void> {
  await apiFetch(`/keys/${encodeURIComponent(session.worker_key_id)}/revoke`, {
    token: session.worker_key,
    body: { reason: 'signed out on the handheld' },
    timeoutMs: 5_000,
  });
}
