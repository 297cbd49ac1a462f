import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp } from '../../testing/test-app.ts';
import {
  addWarehouse,
  addWorker,
  BASE,
  expectProblem,
  registerHandheld,
  signIn,
  WAREHOUSE_ID,
} from './security-test-fixtures.ts';

const register = (id: string) => `${BASE}/devices/${id}/register`;
const handheld = {
  type: 'handheld',
  name: 'Scanner 12',
  model: 'Zebra TC52',
  warehouse_id: WAREHOUSE_ID,
  metadata: { aisle: 'A' },
};

describe('POST /devices/{deviceId}/register', () => {
  it('registers a device under its own id (201) and issues a device key', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    const res = await t.request('POST', register('scanner_12'), { body: handheld });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${BASE}/devices/scanner_12`);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(res.body.device).toMatchObject({
      id: 'scanner_12',
      type: 'handheld',
      model: 'Zebra TC52',
      warehouse_id: WAREHOUSE_ID,
      status: 'active',
      version: 1,
    });
    const key = res.body.key;
    expect(key).toMatchObject({
      kind: 'device',
      device_id: 'scanner_12',
      worker_id: null,
      roles: [],
      status: 'active',
    });
    expect(key.id).toMatch(/^key_[0-9A-Z]{26}$/);
    expect(key.expires_at).toBe('2026-01-06T09:00:00.000Z'); // 24 h by default
    const principal = await t.tokens.verify(key.token, t.clock.now());
    expect(principal).toMatchObject({
      kind: 'device',
      subject: 'scanner_12',
      tenants: ['acme'],
      roles: [],
      deviceId: 'scanner_12',
      keyId: key.id,
    });
    const entries = t.db
      .select()
      .from(timelineEvents)
      .all()
      .map((e) => `${e.subjectType}:${e.type}`);
    expect(entries).toEqual(['device:device.registered', 'key:key.created']);
  });

  it('re-registers an existing device (200): updates what is sent, keeps what is omitted, null clears', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    const first = await t.request('POST', register('scanner_12'), { body: handheld });
    const again = await t.request('POST', register('scanner_12'), {
      body: { type: 'handheld', name: 'Scanner twelve', model: null, key_ttl_seconds: 3600 },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBeNull();
    expect(again.body.device).toMatchObject({
      name: 'Scanner twelve',
      model: null,
      warehouse_id: WAREHOUSE_ID,
      metadata: { aisle: 'A' },
      version: 2,
    });
    expect(again.body.key.id).not.toBe(first.body.key.id);
    expect(again.body.key.expires_at).toBe('2026-01-05T10:00:00.000Z');
    const entry = t.db.select().from(timelineEvents).where(eq(timelineEvents.type, 'device.reregistered')).get()!;
    expect(entry.data).toEqual({
      changes: { name: { from: 'Scanner 12', to: 'Scanner twelve' }, model: { from: 'Zebra TC52', to: null } },
      reactivated: false,
    });
  });

  it('honours If-Match on re-registration', async () => {
    const t = await createTestApp();
    await registerHandheld(t);
    const stale = await t.request('POST', register('scanner_12'), {
      body: { type: 'handheld', name: 'x' },
      headers: { 'If-Match': 'W/"7"' },
    });
    expectProblem(stale, 412, 'precondition_failed');
    const fresh = await t.request('POST', register('scanner_99'), {
      body: { type: 'handheld', name: 'x' },
      headers: { 'If-Match': 'W/"1"' },
    });
    expectProblem(fresh, 412, 'precondition_failed');
  });

  it('refuses an unknown or inactive warehouse with 422', async () => {
    const t = await createTestApp();
    addWarehouse(t, { status: 'inactive' });
    const unknown = await t.request('POST', register('scanner_12'), {
      body: { ...handheld, warehouse_id: 'wh_01JZZZZZZZZZZZZZZZZZZZZZZZ' },
    });
    expectProblem(unknown, 422, 'warehouse_not_found');
    expect(unknown.body.errors).toEqual([{ path: 'warehouse_id', message: 'no such warehouse' }]);
    expectProblem(await t.request('POST', register('scanner_12'), { body: handheld }), 422, 'warehouse_inactive');
    expect(t.db.select().from(timelineEvents).all()).toHaveLength(0);
  });

  it('refuses a malformed device id, a bad body and a missing Idempotency-Key with 400', async () => {
    const t = await createTestApp();
    for (const id of ['_scanner', 'has%20space', 'x'.repeat(65)]) {
      expectProblem(
        await t.request('POST', register(id), { body: { type: 'handheld', name: 'x' } }),
        400,
        'validation_failed',
      );
    }
    const bad = await t.request('POST', register('scanner_12'), {
      body: { type: 'toaster', name: '', status: 'active' },
    });
    expectProblem(bad, 400, 'validation_failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'status', 'type']);
    const longTtl = await t.request('POST', register('scanner_12'), {
      body: { type: 'handheld', name: 'x', key_ttl_seconds: 7 * 86400 + 1 },
    });
    expectProblem(longTtl, 400, 'validation_failed');
    const noKey = await t.app.request(register('scanner_12'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'handheld', name: 'x' }),
    });
    expect(noKey.status).toBe(400);
  });

  it('is for admins and supervisors only (403), and a device key cannot register devices', async () => {
    const t = await createTestApp();
    const body = { type: 'printer', name: 'Label printer' };
    for (const role of ['picker', 'packer', 'qc_agent', 'integration'] as const) {
      expectProblem(
        await t.request('POST', register('prn_1'), { body, token: await t.token({ roles: [role] }) }),
        403,
        'forbidden',
      );
    }
    const supervisor = await t.request('POST', register('prn_1'), {
      body,
      token: await t.token({ roles: ['supervisor'] }),
    });
    expect(supervisor.status).toBe(201);
    const { deviceKey } = await registerHandheld(t);
    expectProblem(await t.request('POST', register('prn_2'), { body, token: deviceKey }), 403, 'forbidden');
  });
});

describe('GET /devices', () => {
  it('lists devices in registration order, a page at a time, with filters', async () => {
    const t = await createTestApp();
    for (const id of ['zz_last_by_name', 'aa_first_by_name', 'mm_middle']) await registerHandheld(t, id);
    await t.request('POST', register('prn_1'), { body: { type: 'printer', name: 'Printer' } });
    const first = await t.request('GET', `${BASE}/devices?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.data.map((d: { id: string }) => d.id)).toEqual(['zz_last_by_name', 'aa_first_by_name']);
    const link = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link')!)![1]!;
    const second = await t.request('GET', link);
    expect(second.body.data.map((d: { id: string }) => d.id)).toEqual(['mm_middle', 'prn_1']);
    expect(second.body.next_cursor).toBeNull();
    const printers = await t.request('GET', `${BASE}/devices?type=printer`);
    expect(printers.body.data.map((d: { id: string }) => d.id)).toEqual(['prn_1']);
    expectProblem(await t.request('GET', `${BASE}/devices?type=toaster`), 400);
    expectProblem(await t.request('GET', `${BASE}/devices`, { token: await t.token({ roles: ['picker'] }) }), 403);
  });

  it('gets one device with its ETag; another tenant gets 404', async () => {
    const t = await createTestApp();
    await registerHandheld(t);
    const res = await t.request('GET', `${BASE}/devices/scanner_12`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(res.body).toMatchObject({ id: 'scanner_12', status: 'active', revoked_at: null });
    const globex = await t.token({ tenants: ['globex'] });
    expectProblem(await t.request('GET', `${BASE}/devices/scanner_12`, { token: globex }), 404, 'resource_not_found');
    expectProblem(
      await t.request('POST', `${BASE}/devices/scanner_12/revoke`, { token: globex }),
      404,
      'resource_not_found',
    );
  });
});

describe('POST /devices/{deviceId}/revoke', () => {
  it('revokes the device and every key it holds (401), and they stay dead after re-registration', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    addWorker(t, { badgeId: 'B-1001' });
    const { deviceKey, keyId: deviceKeyId } = await registerHandheld(t);
    const worker = await signIn(t, deviceKey, 'B-1001');
    expect((await t.request('GET', `${BASE}/roles`, { token: worker.token })).status).toBe(200);

    const res = await t.request('POST', `${BASE}/devices/scanner_12/revoke`, { body: { reason: 'lost on the floor' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', revoked_at: '2026-01-05T09:00:00.000Z', version: 2 });
    expectProblem(await t.request('GET', `${BASE}/roles`, { token: worker.token }), 401, 'unauthenticated');
    expectProblem(
      await t.request('POST', `${BASE}/keys`, {
        token: deviceKey,
        body: { kind: 'worker', device_id: 'scanner_12', badge_id: 'B-1001' },
      }),
      401,
    );

    const revokedKeys = t.db.select().from(timelineEvents).where(eq(timelineEvents.type, 'key.revoked')).all();
    expect(revokedKeys.map((e) => e.subjectId).sort()).toEqual([deviceKeyId, worker.keyId].sort());
    expect(revokedKeys.every((e) => e.data.cause === 'device_revoked')).toBe(true);
    expectProblem(await t.request('POST', `${BASE}/devices/scanner_12/revoke`), 409, 'device_already_revoked');

    // Found again and re-registered: the device is active, its old keys are not.
    const back = await t.request('POST', register('scanner_12'), { body: { type: 'handheld', name: 'Scanner 12' } });
    expect(back.status).toBe(200);
    expect(back.body.device).toMatchObject({ status: 'active', revoked_at: null });
    expectProblem(await t.request('GET', `${BASE}/roles`, { token: worker.token }), 401);
    const fresh = await signIn(t, back.body.key.token, 'B-1001');
    expect((await t.request('GET', `${BASE}/roles`, { token: fresh.token })).status).toBe(200);
  });

  it('honours If-Match and is for admins and supervisors only', async () => {
    const t = await createTestApp();
    await registerHandheld(t);
    expectProblem(
      await t.request('POST', `${BASE}/devices/scanner_12/revoke`, { headers: { 'If-Match': 'W/"9"' } }),
      412,
    );
    expectProblem(
      await t.request('POST', `${BASE}/devices/scanner_12/revoke`, { body: { version: 9 } }),
      409,
      'version_conflict',
    );
    expectProblem(
      await t.request('POST', `${BASE}/devices/scanner_12/revoke`, { token: await t.token({ roles: ['packer'] }) }),
      403,
    );
    expectProblem(await t.request('POST', `${BASE}/devices/nope/revoke`), 404);
    const ok = await t.request('POST', `${BASE}/devices/scanner_12/revoke`, {
      token: await t.token({ roles: ['supervisor'] }),
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(ok.status).toBe(200);
  });
});
