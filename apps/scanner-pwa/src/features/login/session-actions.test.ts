import { beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRow, SessionRow } from '../../db/db-types.ts';
import { enqueueWithChange, readMeta } from '../../db/outbox.ts';
import type { ScannerDb } from '../../db/scanner-db.ts';
import { cachedPicklist, twoBinPicklist } from '../../testing/picklist-fixtures.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { endSession, renewDeviceKeyIfDue, startSession } from './session-actions.ts';

const session = (workerId: string): SessionRow => ({
  key: 'current',
  worker_key_id: `key_${workerId}`,
  worker_key: `token-${workerId}`,
  worker_id: workerId,
  badge_id: `BADGE-${workerId}`,
  roles: ['picker'],
  expires_at: '2099-01-01T00:00:00.000Z',
});

let db: ScannerDb;
beforeEach(() => {
  db = createTestDb();
});

async function queueFor(workerId: string) {
  await enqueueWithChange(db, async () => ({
    enqueue: {
      mutation_id: `01JD00000000000000000000${workerId.slice(-2)}`,
      name: 'pick.start' as const,
      args: { picklist_id: 'pick_1' },
      created_at: '2026-01-05T09:00:00.000Z',
      picklist_id: 'pick_1',
      worker_id: workerId,
    },
    result: null,
  }));
}

describe('worker sessions', () => {
  it('a new worker starts the pull over and forgets picklists nobody has pending work on', async () => {
    await db.picklists.put(cachedPicklist(twoBinPicklist()));
    await db.picklists.put(cachedPicklist(twoBinPicklist({ picklist_id: 'pick_2' })));
    await queueFor('wkr_A1');
    await db.meta.put({ ...(await readMeta(db)), pull_cursor: '42' });
    await startSession(db, session('wkr_B2'));
    expect((await readMeta(db)).pull_cursor).toBeNull();
    expect((await db.picklists.toArray()).map((p) => p.picklist_id)).toEqual(['pick_1']);
  });

  it('signing out keeps the key while the worker still has picks to send, and lets it be revoked after', async () => {
    await startSession(db, session('wkr_A1'));
    await queueFor('wkr_A1');
    expect(await endSession(db)).toEqual({ revoke: false });
    expect(await db.session.get('current')).toBeUndefined();
    expect(await db.workerKeys.get('wkr_A1')).toMatchObject({ worker_key: 'token-wkr_A1' });

    await db.outbox.clear();
    await startSession(db, session('wkr_A1'));
    expect(await endSession(db)).toEqual({ revoke: true });
    expect(await db.workerKeys.get('wkr_A1')).toBeUndefined();
  });
});

describe('device key renewal', () => {
  const device = (expiresAt: string): DeviceRow => ({
    id: 'scanner_12',
    name: 'Scanner 12',
    key_id: 'key_old',
    key_token: 'token-old',
    key_expires_at: expiresAt,
    registered_at: '2026-01-01T09:00:00.000Z',
  });
  const now = new Date('2026-01-05T09:00:00.000Z');
  const renew = async (d: DeviceRow): Promise<DeviceRow> => ({
    ...d,
    key_id: 'key_new',
    key_token: 'token-new',
    key_expires_at: '2026-01-12T09:00:00.000Z',
  });

  it('renews a key with less than three days left, keeping the device', async () => {
    await db.device.put(device('2026-01-07T09:00:00.000Z'));
    expect(await renewDeviceKeyIfDue(db, now, renew)).toBe(true);
    expect(await db.device.get('scanner_12')).toMatchObject({ key_id: 'key_new', key_token: 'token-new' });
  });

  it('leaves a fresh key, an expired one and a failed renewal alone', async () => {
    await db.device.put(device('2026-01-10T09:00:00.000Z'));
    expect(await renewDeviceKeyIfDue(db, now, renew)).toBe(false);
    await db.device.put(device('2026-01-05T08:00:00.000Z'));
    expect(await renewDeviceKeyIfDue(db, now, renew)).toBe(false);
    await db.device.put(device('2026-01-06T09:00:00.000Z'));
    const offline = async (): Promise<DeviceRow> => {
      throw new Error('offline');
    };
    expect(await renewDeviceKeyIfDue(db, now, offline)).toBe(false);
    expect((await db.device.get('scanner_12'))?.key_token).toBe('token-old');
  });
});
