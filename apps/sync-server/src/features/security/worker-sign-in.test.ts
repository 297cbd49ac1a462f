import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, timelineEvents } from '../../db/schema/platform.ts';
import { workers } from '../../db/schema/warehouses.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { addWarehouse, addWorker, BASE, expectProblem, registerHandheld, signIn } from './security-test-fixtures.ts';

/** The handheld flow: a supervisor registers the device, a worker scans a badge on it, works, signs out. */
describe('worker sign-in on a handheld', () => {
  it('registers, signs a worker in by badge, records device and worker, signs out', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    const workerId = addWorker(t, { badgeId: 'B-1001', roles: ['picker'] });
    const supervisor = await t.token({ roles: ['supervisor'], subject: 'usr_sue' });
    const { deviceKey } = await registerHandheld(t, 'scanner_12', supervisor);

    // The device key alone can do nothing but sign its workers in.
    expectProblem(await t.request('GET', `${BASE}/fulfillments`, { token: deviceKey }), 403, 'forbidden');
    const worker = await signIn(t, deviceKey, 'B-1001');
    expect(worker.body).toMatchObject({
      kind: 'worker',
      device_id: 'scanner_12',
      worker_id: workerId,
      roles: ['picker'],
    });
    const created = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectId, worker.keyId)).get()!;
    expect(created).toMatchObject({
      type: 'key.created',
      actorType: 'device',
      actorId: 'scanner_12',
      deviceId: 'scanner_12',
      workerId: null,
    });

    // The worker key authenticates with the worker's roles, and no more.
    expect((await t.request('GET', `${BASE}/roles`, { token: worker.token })).status).toBe(200);
    expect((await t.request('GET', `${BASE}/fulfillments`, { token: worker.token })).status).toBe(200);
    expectProblem(await t.request('GET', `${BASE}/keys`, { token: worker.token }), 403);

    // Signing out is the worker revoking their own key; the timeline names both device and worker.
    const out = await t.request('POST', `${BASE}/keys/${worker.keyId}/revoke`, {
      token: worker.token,
      body: { reason: 'end of shift' },
    });
    expect(out.status, out.text).toBe(200);
    expect(out.body.status).toBe('revoked');
    const revoked = t.db.select().from(timelineEvents).where(eq(timelineEvents.type, 'key.revoked')).get()!;
    expect(revoked).toMatchObject({
      subjectType: 'key',
      subjectId: worker.keyId,
      actorType: 'worker',
      actorId: workerId,
      deviceId: 'scanner_12',
      workerId,
      data: { kind: 'worker', device_id: 'scanner_12', worker_id: workerId, reason: 'end of shift', cause: 'revoked' },
    });
    expectProblem(await t.request('GET', `${BASE}/roles`, { token: worker.token }), 401, 'unauthenticated');

    // The device stays signed in: the next worker can scan their badge.
    expect(
      (
        await t.request('POST', `${BASE}/keys`, {
          token: deviceKey,
          body: { kind: 'worker', device_id: 'scanner_12', worker_id: workerId },
        })
      ).status,
    ).toBe(201);
  });

  it('lets a device key sign workers in on its own device only (403 otherwise)', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    addWorker(t, { badgeId: 'B-1' });
    const { deviceKey } = await registerHandheld(t, 'scanner_12');
    await registerHandheld(t, 'scanner_13');
    const post = (body: unknown) => t.request('POST', `${BASE}/keys`, { token: deviceKey, body });
    expectProblem(await post({ kind: 'worker', device_id: 'scanner_13', badge_id: 'B-1' }), 403, 'forbidden');
    expectProblem(await post({ kind: 'device', device_id: 'scanner_13' }), 403, 'forbidden');
    expectProblem(await post({ kind: 'integration', name: 'sneaky' }), 403, 'forbidden');
    expectProblem(await t.request('GET', `${BASE}/keys`, { token: deviceKey }), 403, 'forbidden');
    expectProblem(await t.request('POST', `${BASE}/devices/scanner_13/revoke`, { token: deviceKey }), 403, 'forbidden');
  });

  it('lets a device key renew itself before it expires, until the device is revoked', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    addWorker(t, { badgeId: 'B-1' });
    const { deviceKey } = await registerHandheld(t, 'scanner_12');
    const renewed = await t.request('POST', `${BASE}/keys`, {
      token: deviceKey,
      body: { kind: 'device', device_id: 'scanner_12', ttl_seconds: 7 * 24 * 3600 },
    });
    expect(renewed.status, renewed.text).toBe(201);
    expect(renewed.body).toMatchObject({ kind: 'device', device_id: 'scanner_12', worker_id: null });
    t.clock.advance(6 * 24 * 3600 * 1000);
    // Days later the renewed key still signs workers in, and renews again.
    expect((await signIn(t, renewed.body.token, 'B-1')).token).toBeTruthy();
    const supervisor = await t.token({ roles: ['supervisor'] });
    const revoke = await t.request('POST', `${BASE}/devices/scanner_12/revoke`, { token: supervisor, body: {} });
    expect(revoke.status, revoke.text).toBe(200);
    const after = await t.request('POST', `${BASE}/keys`, {
      token: renewed.body.token,
      body: { kind: 'device', device_id: 'scanner_12' },
    });
    expectProblem(after, 401);
  });

  it('lets a worker revoke only their own keys', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    addWorker(t, { badgeId: 'B-1' });
    addWorker(t, { badgeId: 'B-2' });
    const { deviceKey, keyId: deviceKeyId } = await registerHandheld(t);
    const ada = await signIn(t, deviceKey, 'B-1');
    const bob = await signIn(t, deviceKey, 'B-2');
    expectProblem(await t.request('POST', `${BASE}/keys/${bob.keyId}/revoke`, { token: ada.token }), 403, 'forbidden');
    expectProblem(
      await t.request('POST', `${BASE}/keys/${deviceKeyId}/revoke`, { token: ada.token }),
      403,
      'forbidden',
    );
    expectProblem(await t.request('POST', `${BASE}/keys/${ada.keyId}/revoke`, { token: deviceKey }), 403, 'forbidden');
    expect((await t.request('GET', `${BASE}/roles`, { token: bob.token })).status).toBe(200);
  });

  it('stops a worker key at the end of its shift (401) and refuses longer than 12 h', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    addWorker(t, { badgeId: 'B-1' });
    const { deviceKey } = await registerHandheld(t);
    const tooLong = await t.request('POST', `${BASE}/keys`, {
      token: deviceKey,
      body: { kind: 'worker', device_id: 'scanner_12', badge_id: 'B-1', ttl_seconds: 13 * 3600 },
    });
    expectProblem(tooLong, 400, 'validation_failed');
    const worker = await signIn(t, deviceKey, 'B-1');
    t.clock.advance(8 * 3600 * 1000);
    expectProblem(await t.request('GET', `${BASE}/roles`, { token: worker.token }), 401, 'unauthenticated');
  });
});

describe('issued tokens at rest', () => {
  it('keeps a replayable token only sealed: a retry with the same Idempotency-Key gets it back', async () => {
    const t = await createTestApp();
    const first = await t.request('POST', `${BASE}/keys`, {
      body: { kind: 'integration', name: 'WMS' },
      idempotencyKey: 'k-wms',
    });
    const retry = await t.request('POST', `${BASE}/keys`, {
      body: { kind: 'integration', name: 'WMS' },
      idempotencyKey: 'k-wms',
    });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.token).toBe(first.body.token);
    const everything = JSON.stringify(t.db.select().from(idempotencyKeys).all());
    expect(everything).not.toContain(first.body.token);
    expect(everything).not.toContain(first.body.token.split('.')[2]);
  });
});

describe('a worker who is deactivated', () => {
  it('loses their signed-in key at once (401), before it expires', async () => {
    const t = await createTestApp();
    addWarehouse(t);
    const workerId = addWorker(t, { badgeId: 'B-2001', roles: ['picker'] });
    const { deviceKey } = await registerHandheld(t, 'scanner_20', await t.token({ roles: ['supervisor'] }));
    const worker = await signIn(t, deviceKey, 'B-2001', 'scanner_20');
    expect((await t.request('GET', `${BASE}/fulfillments`, { token: worker.token })).status).toBe(200);
    t.db.update(workers).set({ status: 'inactive' }).where(eq(workers.id, workerId)).run();
    expectProblem(await t.request('GET', `${BASE}/fulfillments`, { token: worker.token }), 401, 'unauthenticated');
  });
});
