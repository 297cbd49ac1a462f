import type { DeviceRow, SessionRow } from '../../db/db-types.ts';
import { readMeta } from '../../db/outbox.ts';
import type { ScannerDb } from '../../db/scanner-db.ts';

/**
 * A new registration. Under a different device id the server keeps a different seq counter, so
 * pending rows get renumbered from 1 by the next pull/push exchange (the server tells last_seq).
 */
export async function saveDevice(db: ScannerDb, device: DeviceRow): Promise<void> {
  await db.transaction('rw', [db.device, db.meta, db.session], async () => {
    const previous = await db.device.toCollection().first();
    await db.device.clear();
    await db.device.put(device);
    if (previous && previous.id !== device.id) {
      await db.session.clear();
      const meta = await readMeta(db);
      await db.meta.put({ ...meta, pull_cursor: null, last_seq_acked: 0 });
    }
  });
}

/**
 * A worker signs in. Pulls are filtered by worker, so the cursor of the previous worker says
 * nothing about this one: start the pull over, and forget picklists nobody has pending work on.
 */
export async function startSession(db: ScannerDb, session: SessionRow): Promise<void> {
  await db.transaction('rw', [db.session, db.meta, db.picklists, db.outbox, db.workerKeys], async () => {
    const previous = await db.session.get('current');
    await db.session.put(session);
    await db.workerKeys.put({
      worker_id: session.worker_id,
      worker_key: session.worker_key,
      expires_at: session.expires_at,
    });
    if (previous?.worker_id === session.worker_id) return;
    const meta = await readMeta(db);
    await db.meta.put({ ...meta, pull_cursor: null });
    const pendingPicklists = new Set(
      (await db.outbox.where('status').equals('pending').toArray()).map((r) => r.picklist_id),
    );
    const stale = (await db.picklists.toArray()).filter((p) => !pendingPicklists.has(p.picklist_id));
    await db.picklists.bulkDelete(stale.map((p) => p.picklist_id));
  });
}

/**
 * Signs out on this handheld. If the worker still has picks waiting to go, their key is kept so
 * those go out as theirs later; returns whether the key may be revoked on the server now.
 */
export async function endSession(db: ScannerDb): Promise<{ revoke: boolean }> {
  return db.transaction('rw', [db.session, db.outbox, db.workerKeys], async () => {
    const session = await db.session.get('current');
    await db.session.delete('current');
    if (!session) return { revoke: false };
    const waiting = await db.outbox
      .where('status')
      .equals('pending')
      .filter((row) => row.worker_id === session.worker_id)
      .count();
    if (waiting > 0) return { revoke: false };
    await db.workerKeys.delete(session.worker_id);
    return { revoke: true };
  });
}

/**
 * Whether someone is signed in. The key's expiry is deliberately not checked here: a shift that runs
 * past it offline keeps picking, and the first sync after that gets 401 and asks for the badge again.
 */
export function sessionIsLive(session: SessionRow | undefined): session is SessionRow {
  return session !== undefined;
}

/** Renew once less than this is left of the device key (a 7-day key: after about four days). */
export const DEVICE_KEY_RENEW_BEFORE_MS = 3 * 24 * 3600 * 1000;

export function deviceKeyDue(device: DeviceRow, now: Date): boolean {
  return Date.parse(device.key_expires_at) - now.getTime() < DEVICE_KEY_RENEW_BEFORE_MS;
}

/**
 * Renews the device key when it nears its end, so a handheld in daily use never has to be enrolled
 * again. Only the key fields change: the device id, and so its sync sequence, stay. Returns whether
 * it renewed; a failure (offline, revoked) leaves the old key to try again later.
 */
export async function renewDeviceKeyIfDue(
  db: ScannerDb,
  now: Date,
  renew: (device: DeviceRow) => Promise<DeviceRow>,
): Promise<boolean> {
  const device = await db.device.toCollection().first();
  if (!device || !deviceKeyDue(device, now) || Date.parse(device.key_expires_at) <= now.getTime()) return false;
  let renewed: DeviceRow;
  try {
    renewed = await renew(device);
  } catch {
    return false;
  }
  await db.transaction('rw', [db.device], async () => {
    // Another tab may have re-registered meanwhile: only replace the key of the same device.
    const current = await db.device.get(device.id);
    if (current) await db.device.put({ ...current, ...renewed, id: device.id });
  });
  return true;
}
