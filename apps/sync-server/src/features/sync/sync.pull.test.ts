import { MAX_PULL_CHANGES } from '@fulfillment/domain/sync/sync-schemas';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { publishChange, syncAudience } from './changes.ts';
import {
  counterMutation,
  type Handheld,
  pull,
  push,
  registerCounterMutation,
  setUpHandheld,
} from './sync-test-fixtures.ts';

let unregister: () => void;
beforeAll(() => {
  unregister = registerCounterMutation();
});
afterAll(() => unregister());

const publish = (db: Db, tenantId: string, audience: string[], id: string, data: unknown = { id }) =>
  publishChange(db, { tenantId, audience, entity: 'picklist', id, op: 'upsert', data });

/** Pulls page after page from `cursor` until has_more is false; returns every change and the last cursor. */
async function pullAll(t: TestApp, h: Handheld, cursor: string | undefined, limit: number, token?: string) {
  const changes: { cursor: string; id: string }[] = [];
  for (;;) {
    const res = await pull(t, h, `?limit=${limit}${cursor !== undefined ? `&cursor=${cursor}` : ''}`, token);
    expect(res.status, res.text).toBe(200);
    changes.push(...res.body.changes);
    cursor = res.body.next_cursor;
    if (!res.body.has_more) return { changes, cursor: cursor! };
  }
}

describe('GET /sync/pull', () => {
  it("brings what was published for the worker, the device and their warehouse, and nothing else's", async () => {
    const t = await createTestApp();
    const h = await setUpHandheld(t);
    const other = await setUpHandheld(t);
    const globex = await setUpHandheld(t, { tenantId: 'globex', deviceId: h.deviceId });
    publish(t.db, 'acme', [syncAudience.worker(h.workerId)], 'pick_mine');
    publish(t.db, 'acme', [syncAudience.worker(other.workerId)], 'pick_theirs');
    publish(t.db, 'acme', [syncAudience.device(h.deviceId)], 'pick_device');
    publish(t.db, 'acme', [syncAudience.warehouse(h.warehouseId)], 'pick_warehouse');
    publish(t.db, 'acme', [syncAudience.warehouse(other.warehouseId)], 'pick_other_warehouse');
    // Same device id, same warehouse id, other tenant: never seen here.
    publish(t.db, 'globex', [syncAudience.device(h.deviceId), syncAudience.warehouse(h.warehouseId)], 'pick_globex');
    // Two of the caller's audiences: one change.
    publish(t.db, 'acme', [syncAudience.worker(h.workerId), syncAudience.warehouse(h.warehouseId)], 'pick_both');

    const res = await pull(t, h);
    expect(res.status, res.text).toBe(200);
    expect(res.body.changes.map((c: { id: string }) => c.id)).toEqual([
      'pick_mine',
      'pick_device',
      'pick_warehouse',
      'pick_both',
    ]);
    expect(res.body.changes[0]).toEqual({
      cursor: expect.stringMatching(/^\d+$/),
      entity: 'picklist',
      id: 'pick_mine',
      op: 'upsert',
      data: { id: 'pick_mine' },
    });
    expect(res.body).toMatchObject({ has_more: false, last_seq: 0 });
    expect((await pull(t, globex)).body.changes.map((c: { id: string }) => c.id)).toEqual(['pick_globex']);

    // A bare device key (no worker signed in) sees the device's and its warehouse's changes only.
    const bare = await pull(t, h, '', h.deviceKey);
    expect(bare.body.changes.map((c: { id: string }) => c.id)).toEqual(['pick_device', 'pick_warehouse', 'pick_both']);
  });

  it('pages by cursor: nothing skipped or repeated, and next_cursor stays put when there is nothing new', async () => {
    const t = await createTestApp();
    const h = await setUpHandheld(t);
    for (let i = 0; i < 25; i++) publish(t.db, 'acme', [syncAudience.worker(h.workerId)], `pick_${i}`);
    const first = await pullAll(t, h, undefined, 7);
    expect(first.changes.map((c) => c.id)).toEqual(Array.from({ length: 25 }, (_, i) => `pick_${i}`));
    const cursors = first.changes.map((c) => Number(c.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    const idle = await pull(t, h, `?cursor=${first.cursor}`);
    expect(idle.body).toMatchObject({ changes: [], next_cursor: first.cursor, has_more: false });
    publish(t.db, 'acme', [syncAudience.worker(h.workerId)], 'pick_late');
    expect((await pullAll(t, h, first.cursor, 7)).changes.map((c) => c.id)).toEqual(['pick_late']);
  });

  it("reports the device's last_seq", async () => {
    const t = await createTestApp();
    const h = await setUpHandheld(t);
    await push(t, h, [counterMutation(1), counterMutation(2)]);
    expect((await pull(t, h)).body.last_seq).toBe(2);
  });

  it('refuses forged cursors, out-of-range limits and back-office tokens', async () => {
    const t = await createTestApp();
    const h = await setUpHandheld(t);
    for (const q of ['?cursor=forged', '?cursor=-1', '?cursor=01', `?limit=${MAX_PULL_CHANGES + 1}`, '?limit=0']) {
      const res = await pull(t, h, q);
      expect(res.status, q).toBe(400);
    }
    expect((await pull(t, h, `?limit=${MAX_PULL_CHANGES}`)).status).toBe(200);
    expect((await pull(t, h, '', await t.token({ roles: ['supervisor'] }))).body.code).toBe('device_key_required');
  });
});

describe('pull cursor under concurrent writers', () => {
  let dir: string;
  const open: Db[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never shows a later change before an earlier one has committed, nor skips one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sync-pull-'));
    const file = join(dir, 'db.sqlite');
    const serverDb = openDatabase(file);
    open.push(serverDb);
    const t = await createTestApp({ db: serverDb });
    const h = await setUpHandheld(t);
    // Another connection to the same file: another process writing picklists while devices pull.
    const writer = openDatabase(file);
    open.push(writer);
    const audience = [syncAudience.worker(h.workerId), syncAudience.warehouse(h.warehouseId)];

    // A deterministic interleaving of writer transactions (committed, rolled back, held open across a
    // pull) and pulls of small pages.
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const published: string[] = [];
    const seen: { cursor: string; id: string }[] = [];
    let cursor: string | undefined;
    let n = 0;
    const pullSome = async () => {
      const got = await pullAll(t, h, cursor, 1 + Math.floor(random() * 4));
      seen.push(...got.changes);
      cursor = got.cursor;
    };
    for (let step = 0; step < 150; step++) {
      const r = random();
      if (r < 0.4) {
        const ids = Array.from({ length: 1 + Math.floor(random() * 3) }, () => `pick_${++n}`);
        writer.transaction((tx) => ids.forEach((id) => publish(tx as unknown as Db, 'acme', audience, id)));
        published.push(...ids);
      } else if (r < 0.55) {
        // Rolled back: never pulled.
        try {
          writer.transaction((tx) => {
            publish(tx as unknown as Db, 'acme', audience, `pick_rolled_back_${step}`);
            throw new Error('rollback');
          });
        } catch {
          // expected
        }
      } else if (r < 0.75) {
        // Held open while the device pulls: the pull must not see it, and must not move past it.
        const id = `pick_${++n}`;
        writer.$client.prepare('BEGIN IMMEDIATE').run();
        publish(writer, 'acme', audience, id);
        const before = seen.length;
        await pullSome();
        expect(seen.slice(before).map((c) => c.id)).not.toContain(id);
        writer.$client.prepare('COMMIT').run();
        published.push(id);
      } else {
        await pullSome();
      }
    }
    await pullSome();
    expect(seen.map((c) => c.id)).toEqual(published);
    const cursors = seen.map((c) => Number(c.cursor));
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
  });
});
