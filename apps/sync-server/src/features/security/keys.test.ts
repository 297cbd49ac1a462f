import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '../../db/schema/security.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { signKeyToken } from './key-tokens.ts';
import { addWarehouse, addWorker, BASE, expectProblem, registerHandheld } from './security-test-fixtures.ts';

const KEYS = `${BASE}/keys`;
const HOUR = 3600;
const DAY = 24 * HOUR;

describe('POST /keys', () => {
  it('creates an integration key: token shown once, never stored, and it authenticates', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', KEYS, { body: { kind: 'integration', name: 'Order service' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`${KEYS}/${res.body.id}`);
    expect(res.body).toMatchObject({
      kind: 'integration',
      name: 'Order service',
      roles: ['integration'],
      status: 'active',
      created_by: 'usr_test',
    });
    expect(res.body.expires_at).toBe('2026-02-04T09:00:00.000Z'); // 30 days by default
    const stored = t.db.select().from(apiKeys).where(eq(apiKeys.id, res.body.id)).get()!;
    expect(JSON.stringify(stored)).not.toContain(res.body.token);
    expect((await t.request('GET', `${BASE}/fulfillments`, { token: res.body.token })).status).toBe(200);
    const got = await t.request('GET', `${KEYS}/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.token).toBeUndefined();
    expect(got.headers.get('etag')).toBe('W/"1"');
  });

  it('derives the token from the stored record alone, so re-signing it gives the same token', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', KEYS, { body: { kind: 'integration', name: 'WMS', ttl_seconds: 90 * DAY } });
    const row = t.db.select().from(apiKeys).where(eq(apiKeys.id, res.body.id)).get()!;
    expect(await signKeyToken(t.tokens, row)).toBe(res.body.token);
    const principal = await t.tokens.verify(res.body.token, t.clock.now());
    expect(principal).toMatchObject({
      kind: 'integration',
      subject: res.body.id,
      keyId: res.body.id,
      roles: ['integration'],
    });
  });

  it('creates a device key for a registered, active device only', async () => {
    const t = await createTestApp();
    expectProblem(
      await t.request('POST', KEYS, { body: { kind: 'device', device_id: 'scanner_12' } }),
      422,
      'device_not_registered',
    );
    await registerHandheld(t);
    const res = await t.request('POST', KEYS, {
      body: { kind: 'device', device_id: 'scanner_12', ttl_seconds: 7 * DAY },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'device',
      device_id: 'scanner_12',
      roles: [],
      expires_at: '2026-01-12T09:00:00.000Z',
    });
    await t.request('POST', `${BASE}/devices/scanner_12/revoke`);
    expectProblem(
      await t.request('POST', KEYS, { body: { kind: 'device', device_id: 'scanner_12' } }),
      422,
      'device_revoked',
    );
  });

  it('creates a worker key by worker id or badge, carrying the worker’s roles, for active workers only', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    await registerHandheld(t);
    const workerId = addWorker(t, { badgeId: 'B-7', roles: ['picker', 'packer'] });
    const byId = await t.request('POST', KEYS, {
      body: { kind: 'worker', device_id: 'scanner_12', worker_id: workerId },
    });
    expect(byId.status).toBe(201);
    expect(byId.body).toMatchObject({
      kind: 'worker',
      device_id: 'scanner_12',
      worker_id: workerId,
      roles: ['picker', 'packer'],
    });
    expect(byId.body.expires_at).toBe('2026-01-05T17:00:00.000Z'); // 8 h, a shift
    const principal = await t.tokens.verify(byId.body.token, t.clock.now());
    expect(principal).toMatchObject({
      kind: 'worker',
      subject: workerId,
      workerId,
      deviceId: 'scanner_12',
      roles: ['picker', 'packer'],
    });

    addWorker(t, { badgeId: 'B-OFF', status: 'inactive' });
    const body = (badge_id: string) => ({ kind: 'worker', device_id: 'scanner_12', badge_id });
    expectProblem(await t.request('POST', KEYS, { body: body('B-OFF') }), 422, 'worker_inactive');
    expectProblem(await t.request('POST', KEYS, { body: body('B-NOBODY') }), 422, 'worker_not_found');
    expectProblem(
      await t.request('POST', KEYS, { body: { ...body('B-7'), device_id: 'scanner_99' } }),
      422,
      'device_not_registered',
    );
    expectProblem(
      await t.request('POST', KEYS, { body: { kind: 'worker', device_id: 'scanner_12' } }),
      400,
      'validation_failed',
    );
  });

  it('keeps lifetimes within bounds: 400 beyond them', async () => {
    const t = await createTestApp();
    const tooLong = [
      { kind: 'worker', device_id: 'scanner_12', badge_id: 'B-1', ttl_seconds: 12 * HOUR + 1 },
      { kind: 'device', device_id: 'scanner_12', ttl_seconds: 7 * DAY + 1 },
      { kind: 'integration', name: 'WMS', ttl_seconds: 90 * DAY + 1 },
      { kind: 'integration', name: 'WMS', ttl_seconds: 0 },
      { kind: 'integration', name: 'WMS', ttl_seconds: 1.5 },
    ];
    for (const body of tooLong) {
      const res = await t.request('POST', KEYS, { body });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors[0].path).toBe('ttl_seconds');
    }
    expectProblem(await t.request('POST', KEYS, { body: { kind: 'user', name: 'x' } }), 400, 'validation_failed');
    expectProblem(
      await t.request('POST', KEYS, { body: { kind: 'integration', name: 'x', roles: ['admin'] } }),
      400,
      'validation_failed',
    );
    expect(t.db.select().from(apiKeys).all()).toHaveLength(0);
  });

  it('is for admins and supervisors (403 otherwise) and requires an Idempotency-Key', async () => {
    const t = await createTestApp();
    const body = { kind: 'integration', name: 'WMS' };
    for (const role of ['picker', 'packer', 'qc_agent', 'integration'] as const) {
      expectProblem(await t.request('POST', KEYS, { body, token: await t.token({ roles: [role] }) }), 403, 'forbidden');
    }
    expect((await t.request('POST', KEYS, { body, token: await t.token({ roles: ['supervisor'] }) })).status).toBe(201);
    const noKey = await t.app.request(KEYS, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(noKey.status).toBe(400);
  });
});

describe('key lifetime and revocation', () => {
  it('refuses an expired key with 401', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', KEYS, { body: { kind: 'integration', name: 'WMS', ttl_seconds: HOUR } });
    t.clock.advance(HOUR * 1000 - 1000);
    expect((await t.request('GET', `${BASE}/fulfillments`, { token: res.body.token })).status).toBe(200);
    t.clock.advance(2000);
    const expired = await t.request('GET', `${BASE}/fulfillments`, { token: res.body.token });
    expectProblem(expired, 401, 'unauthenticated');
    expect(expired.body.detail).toBe('token has expired');
    const admin = await t.token();
    expect((await t.request('GET', `${KEYS}/${res.body.id}`, { token: admin })).body.status).toBe('expired');
  });

  it('refuses a revoked key with 401; revoking twice is 409; another tenant gets 404', async () => {
    const t = await createTestApp();
    const key = (await t.request('POST', KEYS, { body: { kind: 'integration', name: 'WMS' } })).body;
    const globex = await t.token({ tenants: ['globex'] });
    expectProblem(await t.request('POST', `${KEYS}/${key.id}/revoke`, { token: globex }), 404, 'resource_not_found');
    expectProblem(await t.request('GET', `${KEYS}/${key.id}`, { token: globex }), 404, 'resource_not_found');
    expectProblem(
      await t.request('POST', `${KEYS}/${key.id}/revoke`, { token: await t.token({ roles: ['integration'] }) }),
      403,
    );

    const res = await t.request('POST', `${KEYS}/${key.id}/revoke`, { body: { reason: 'rotated' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'revoked',
      revoked_at: '2026-01-05T09:00:00.000Z',
      revoke_reason: 'rotated',
      version: 2,
    });
    expect(res.headers.get('etag')).toBe('W/"2"');
    const refused = await t.request('GET', `${BASE}/fulfillments`, { token: key.token });
    expectProblem(refused, 401, 'unauthenticated');
    expect(refused.body.detail).toBe('this key has been revoked');
    expectProblem(await t.request('POST', `${KEYS}/${key.id}/revoke`), 409, 'key_already_revoked');
  });
});

describe('GET /keys', () => {
  it('lists keys without secrets, with kind, device, worker and active filters, page by page', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    const { keyId: deviceKeyId } = await registerHandheld(t);
    const workerId = addWorker(t, { badgeId: 'B-1' });
    const workerKey = (
      await t.request('POST', KEYS, { body: { kind: 'worker', device_id: 'scanner_12', worker_id: workerId } })
    ).body;
    const integration = (await t.request('POST', KEYS, { body: { kind: 'integration', name: 'WMS' } })).body;
    await t.request('POST', `${KEYS}/${integration.id}/revoke`);

    let admin = t.adminToken;
    const ids = async (query: string) => {
      const res = await t.request('GET', `${KEYS}${query}`, { token: admin });
      expect(res.status, res.text).toBe(200);
      expect(res.text).not.toContain('"token"');
      return res.body.data.map((k: { id: string }) => k.id);
    };
    expect(await ids('')).toEqual([deviceKeyId, workerKey.id, integration.id]);
    expect(await ids('?kind=worker')).toEqual([workerKey.id]);
    expect(await ids('?device_id=scanner_12')).toEqual([deviceKeyId, workerKey.id]);
    expect(await ids(`?worker_id=${workerId}`)).toEqual([workerKey.id]);
    expect(await ids('?active=true')).toEqual([deviceKeyId, workerKey.id]);
    expect(await ids('?active=false')).toEqual([integration.id]);
    t.clock.advance(9 * HOUR * 1000); // the worker's shift key has expired, the device key has not
    admin = await t.token();
    expect(await ids('?active=true')).toEqual([deviceKeyId]);

    const first = await t.request('GET', `${KEYS}?limit=2`, { token: admin });
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const rest = await t.request('GET', `${KEYS}?limit=2&cursor=${first.body.next_cursor}`, { token: admin });
    expect(rest.body.data.map((k: { id: string }) => k.id)).toEqual([integration.id]);
    expectProblem(await t.request('GET', `${KEYS}?active=yes`, { token: admin }), 400);
    expectProblem(await t.request('GET', `${KEYS}?kind=user`, { token: admin }), 400);
    expectProblem(await t.request('GET', KEYS, { token: await t.token({ roles: ['picker'] }) }), 403);
  });
});
