import { MAX_MUTATIONS_PER_PUSH, MAX_PUSH_BYTES } from '@fulfillment/domain/sync/sync-schemas';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncDevices, syncMutations } from '../../db/schema/sync.ts';
import { unprocessable } from '../../platform/problem.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  counterApplications,
  counterHooks,
  counterMutation,
  type Handheld,
  push,
  registerCounterMutation,
  send,
  setUpHandheld,
  testUlid,
} from './sync-test-fixtures.ts';

let unregister: () => void;
beforeAll(() => {
  unregister = registerCounterMutation();
});
afterAll(() => unregister());

let t: TestApp;
let h: Handheld;
beforeEach(async () => {
  counterHooks.beforeApply = undefined;
  counterHooks.afterApply = undefined;
  t = await createTestApp();
  h = await setUpHandheld(t);
});

const lastSeq = (tenantId = 'acme', deviceId = h.deviceId) =>
  t.db
    .select()
    .from(syncDevices)
    .where(and(eq(syncDevices.tenantId, tenantId), eq(syncDevices.deviceId, deviceId)))
    .get()?.lastSeq ?? 0;
const tags = () => counterApplications(t.db).map((a) => a.tag);

describe('POST /sync/push', () => {
  it('applies a batch in seq order, each mutation once, and answers each', async () => {
    const batch = [1, 2, 3].map((seq) => counterMutation(seq, { amount: seq }));
    // Sent out of order: order comes from seq.
    const res = await push(t, h, [batch[2], batch[0], batch[1]]);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      last_seq: 3,
      results: batch.map((m, i) => ({
        mutation_id: m.mutation_id,
        seq: m.seq,
        status: 'applied',
        result: { total: [1, 3, 6][i] },
      })),
    });
    expect(tags()).toEqual(batch.map((m) => (m.args as { tag: string }).tag));
    expect(lastSeq()).toBe(3);
    const stored = t.db.select().from(syncMutations).all();
    expect(stored.map((r) => [r.seq, r.status, r.workerId])).toEqual([
      [1, 'applied', h.workerId],
      [2, 'applied', h.workerId],
      [3, 'applied', h.workerId],
    ]);
  });

  it('answers a resent batch from what was stored, applying nothing again', async () => {
    const batch = [counterMutation(1), counterMutation(2, { amount: -5 }), counterMutation(3)];
    const first = await push(t, h, batch);
    expect(first.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected', 'applied']);

    const again = await push(t, h, [...batch, counterMutation(4)]);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual([
      {
        mutation_id: batch[0]!.mutation_id,
        seq: 1,
        status: 'duplicate',
        original_status: 'applied',
        result: { total: 1 },
      },
      {
        mutation_id: batch[1]!.mutation_id,
        seq: 2,
        status: 'duplicate',
        original_status: 'rejected',
        code: 'negative_amount',
        message: 'amount -5 is below zero',
      },
      {
        mutation_id: batch[2]!.mutation_id,
        seq: 3,
        status: 'duplicate',
        original_status: 'applied',
        result: { total: 2 },
      },
      expect.objectContaining({ seq: 4, status: 'applied', result: { total: 3 } }),
    ]);
    expect(tags()).toHaveLength(3);
    expect(again.body.last_seq).toBe(4);
  });

  it('refuses a batch that starts past last_seq + 1 with 409 seq_gap and expected_seq, applying nothing', async () => {
    await push(t, h, [counterMutation(1)]);
    const res = await push(t, h, [counterMutation(3), counterMutation(4)]);
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'seq_gap', expected_seq: 2 });
    expect(tags()).toHaveLength(1);
    expect(lastSeq()).toBe(1);
  });

  it('keeps the answers before a gap in the middle of a batch and says where to resume', async () => {
    const res = await push(t, h, [counterMutation(1), counterMutation(2), counterMutation(4)]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { seq: number }) => r.seq)).toEqual([1, 2]);
    expect(res.body).toMatchObject({ last_seq: 2, expected_seq: 3 });
    expect(tags()).toHaveLength(2);
  });

  it('stores a business rejection, rolls back its effects and still advances last_seq', async () => {
    const batch = [
      counterMutation(1, { amount: 2 }),
      counterMutation(2, { amount: -1 }),
      // Writes its timeline row, then throws a 4xx: the row must go with it.
      counterMutation(3, { amount: 7, conflict: true }),
      counterMutation(4, { amount: 3 }),
    ];
    const res = await push(t, h, batch);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['rejected', 'negative_amount'],
      ['rejected', 'counter_conflict'],
      ['applied', undefined],
    ]);
    expect(res.body.results[3].result).toEqual({ total: 5 });
    expect(counterApplications(t.db).map((a) => a.amount)).toEqual([2, 3]);
    expect(lastSeq()).toBe(4);
    const stored = t.db.select().from(syncMutations).where(eq(syncMutations.seq, 3)).get();
    expect(stored).toMatchObject({
      status: 'rejected',
      code: 'counter_conflict',
      message: 'the counter refuses this one',
    });
  });

  it('acknowledges an unknown mutation or invalid args as invalid_mutation without blocking the queue', async () => {
    const unknown = { ...counterMutation(1), name: 'pick.teleport' };
    const badArgs = { ...counterMutation(2), args: { key: 'k', amount: 'lots', tag: 'x' } };
    const notAnObject = { ...counterMutation(3), args: 'scan everything' };
    const res = await push(t, h, [unknown, badArgs, notAnObject, counterMutation(4)]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.results.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['rejected', 'invalid_mutation'],
      ['applied', undefined],
    ]);
    expect(res.body.results[0].message).toContain('pick.teleport');
    expect(res.body.results[1].result.errors[0].path).toBe('args.amount');
    expect(lastSeq()).toBe(4);
  });

  it('answers 503 with Retry-After on a server fault, commits none of its group, and a retry applies exactly once', async () => {
    const batch = [1, 2, 3, 4].map((seq) => counterMutation(seq));
    let failures = 1;
    counterHooks.beforeApply = (args) => {
      if (args.tag === (batch[2]!.args as { tag: string }).tag && failures-- > 0) throw new Error('disk I/O error');
    };
    const failed = await push(t, h, batch);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(failed.body.code).toBe('sync_unavailable');
    // One transaction for the batch: the two before the fault went with it, unanswered.
    expect(tags()).toEqual([]);
    expect(lastSeq()).toBe(0);

    const retried = await push(t, h, batch);
    expect(retried.status).toBe(200);
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
      'applied',
      'applied',
      'applied',
      'applied',
    ]);
    expect(tags()).toEqual(batch.map((m) => (m.args as { tag: string }).tag));
  });

  it('keeps what committed before a server fault: the group before a rejection after writing', async () => {
    const batch = [counterMutation(1), counterMutation(2, { conflict: true }), counterMutation(3), counterMutation(4)];
    let failures = 1;
    counterHooks.beforeApply = (args) => {
      if (args.tag === (batch[3]!.args as { tag: string }).tag && failures-- > 0) throw new Error('disk I/O error');
    };
    expect((await push(t, h, batch)).status).toBe(503);
    expect(tags()).toEqual([(batch[0]!.args as { tag: string }).tag]);
    expect(lastSeq()).toBe(2);

    const retried = await push(t, h, batch);
    expect(retried.body.results.map((r: { status: string }) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'applied',
      'applied',
    ]);
    expect(retried.body.results[1]).toMatchObject({ original_status: 'rejected', code: 'counter_conflict' });
    expect(tags()).toEqual([batch[0], batch[2], batch[3]].map((m) => (m!.args as { tag: string }).tag));
  });

  it('applies the mutations before and after one rejected after writing, without its effects', async () => {
    const batch = [
      counterMutation(1, { amount: 1 }),
      counterMutation(2, { amount: 2 }),
      // Writes its timeline row, then throws a 4xx: the batch's transaction rolls back with it.
      counterMutation(3, { amount: 40, conflict: true }),
      counterMutation(4, { amount: 4 }),
      counterMutation(5, { amount: 5 }),
    ];
    const res = await push(t, h, batch);
    expect(res.status, res.text).toBe(200);
    expect(res.body.last_seq).toBe(5);
    expect(
      res.body.results.map((r: { seq: number; status: string; code?: string }) => [r.seq, r.status, r.code]),
    ).toEqual([
      [1, 'applied', undefined],
      [2, 'applied', undefined],
      [3, 'rejected', 'counter_conflict'],
      [4, 'applied', undefined],
      [5, 'applied', undefined],
    ]);
    // Each total is what the ones applied before it add up to: 3's 40 never counted.
    expect(res.body.results.map((r: { result?: { total: number } }) => r.result?.total)).toEqual([
      1,
      3,
      undefined,
      7,
      12,
    ]);
    // Those before it were committed again, once each; its effects are absent.
    expect(tags()).toEqual([batch[0], batch[1], batch[3], batch[4]].map((m) => (m!.args as { tag: string }).tag));
    expect(lastSeq()).toBe(5);
    const stored = t.db.select().from(syncMutations).orderBy(syncMutations.seq).all();
    expect(stored.map((r) => [r.seq, r.status, r.code])).toEqual([
      [1, 'applied', null],
      [2, 'applied', null],
      [3, 'rejected', 'counter_conflict'],
      [4, 'applied', null],
      [5, 'applied', null],
    ]);
    const again = await push(t, h, batch);
    expect(again.body.results.map((r: { original_status: string }) => r.original_status)).toEqual(
      stored.map((r) => r.status),
    );
    expect(tags()).toHaveLength(4);
  });

  it('handles rejections after writing first, last and side by side, among other verdicts', async () => {
    const batch = [
      counterMutation(1, { conflict: true }),
      counterMutation(2),
      counterMutation(3, { conflict: true }),
      counterMutation(4, { conflict: true }),
      counterMutation(5, { amount: -1 }),
      { ...counterMutation(6), name: 'test.unknown' },
      counterMutation(7),
      counterMutation(8, { conflict: true }),
    ];
    const res = await push(t, h, batch);
    expect(res.status, res.text).toBe(200);
    expect(
      res.body.results.map((r: { seq: number; status: string; code?: string }) => [r.seq, r.status, r.code]),
    ).toEqual([
      [1, 'rejected', 'counter_conflict'],
      [2, 'applied', undefined],
      [3, 'rejected', 'counter_conflict'],
      [4, 'rejected', 'counter_conflict'],
      [5, 'rejected', 'negative_amount'],
      [6, 'rejected', 'invalid_mutation'],
      [7, 'applied', undefined],
      [8, 'rejected', 'counter_conflict'],
    ]);
    expect(tags()).toEqual([batch[1], batch[6]].map((m) => (m!.args as { tag: string }).tag));
    expect(lastSeq()).toBe(8);
  });

  it('judges the redo afresh: a mutation refused only when committed again is stored as refused', async () => {
    const batch = [1, 2, 3, 4, 5].map((seq) => counterMutation(seq, { conflict: seq === 4 }));
    // Seq 2 goes through the first time and is refused the next: the redo of 1-3 (after 4's
    // rejection) must not commit it, nor store 4's rejection before 3 is committed.
    const flaky = (batch[1]!.args as { tag: string }).tag;
    let runs = 0;
    counterHooks.beforeApply = (args) => {
      if (args.tag === flaky && ++runs === 2) throw unprocessable('flaky', 'refused the second time');
    };
    const res = await push(t, h, batch);
    expect(res.status, res.text).toBe(200);
    expect(
      res.body.results.map((r: { seq: number; status: string; code?: string }) => [r.seq, r.status, r.code]),
    ).toEqual([
      [1, 'applied', undefined],
      [2, 'rejected', 'flaky'],
      [3, 'applied', undefined],
      [4, 'rejected', 'counter_conflict'],
      [5, 'applied', undefined],
    ]);
    expect(tags()).toEqual([batch[0], batch[2], batch[4]].map((m) => (m!.args as { tag: string }).tag));
    expect(res.body.results[4].result).toEqual({ total: 3 });
    expect(lastSeq()).toBe(5);
    const stored = t.db.select().from(syncMutations).orderBy(syncMutations.seq).all();
    expect(stored.map((r) => r.code)).toEqual([null, 'flaky', null, 'counter_conflict', null]);
  });

  it('never applies a mutation id twice, even under a new seq, and refuses a reused seq', async () => {
    const m = counterMutation(1);
    await push(t, h, [m]);
    const resent = await push(t, h, [{ ...m, seq: 2 }, counterMutation(3)]);
    expect(resent.body.results).toEqual([
      expect.objectContaining({ mutation_id: m.mutation_id, seq: 2, status: 'duplicate', original_status: 'applied' }),
      expect.objectContaining({ seq: 3, status: 'applied' }),
    ]);
    // Asked again about seq 2, the answer is the same.
    const again = await push(t, h, [{ ...m, seq: 2 }]);
    expect(again.body.results[0]).toMatchObject({ status: 'duplicate', original_status: 'applied' });
    const reused = await push(t, h, [counterMutation(1)]);
    expect(reused.body.results[0]).toMatchObject({ status: 'rejected', code: 'seq_reused' });
    expect(tags()).toHaveLength(2);
  });

  it('keeps one seq per device: two handhelds count from 1 each', async () => {
    const other = await setUpHandheld(t);
    await push(t, h, [counterMutation(1), counterMutation(2)]);
    const theirs = await push(t, other, [counterMutation(1)]);
    expect(theirs.body).toMatchObject({ last_seq: 1, results: [{ seq: 1, status: 'applied' }] });
    expect((await push(t, h, [counterMutation(3)])).body.last_seq).toBe(3);
    expect(lastSeq('acme', other.deviceId)).toBe(1);
  });

  it("refuses another device's key for this device_id, back-office tokens and bare device keys with 403", async () => {
    const other = await setUpHandheld(t);
    const asOther = await push(t, h, [counterMutation(1)], { token: other.workerToken });
    expect(asOther.status).toBe(403);
    expect(asOther.body.code).toBe('device_mismatch');
    const admin = await push(t, h, [counterMutation(1)], { token: t.adminToken });
    expect(admin.status).toBe(403);
    const supervisor = await push(t, h, [counterMutation(1)], { token: await t.token({ roles: ['supervisor'] }) });
    expect(supervisor.body.code).toBe('device_key_required');
    const bareDevice = await push(t, h, [counterMutation(1)], { token: h.deviceKey });
    expect(bareDevice.status).toBe(403);
    const userWithDevice = await t.token({ roles: ['picker'], deviceId: h.deviceId });
    expect((await push(t, h, [counterMutation(1)], { token: userWithDevice })).status).toBe(403);
    expect(lastSeq()).toBe(0);
    expect(tags()).toEqual([]);
  });

  it('keeps tenants apart: the same device id in another tenant has its own seq and its own effects', async () => {
    const globex = await setUpHandheld(t, { tenantId: 'globex', deviceId: h.deviceId });
    await push(t, h, [counterMutation(1), counterMutation(2)]);
    const theirs = await push(t, globex, [counterMutation(1)]);
    expect(theirs.body.results[0]).toMatchObject({ seq: 1, status: 'applied', result: { total: 1 } });
    expect(lastSeq('acme')).toBe(2);
    expect(lastSeq('globex')).toBe(1);
    expect(counterApplications(t.db, 'globex')).toHaveLength(1);
    // A token of one tenant cannot push into the other.
    const crossed = await send(t, 'POST', '/sync/push', h.workerToken, {
      device_id: h.deviceId,
      mutations: [counterMutation(3)],
    });
    expect(crossed.status).toBe(200);
    expect(lastSeq('globex')).toBe(1);
    const narrowed = await t.app.request('/v1/globex/fulfillment/sync/push', {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.workerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ device_id: h.deviceId, mutations: [counterMutation(2)] }),
    });
    expect(narrowed.status).toBe(403);
    expect(lastSeq('globex')).toBe(1);
  });

  it('bounds batches: at most 100 mutations and 256 KiB', async () => {
    const tooMany = Array.from({ length: MAX_MUTATIONS_PER_PUSH + 1 }, (_, i) => counterMutation(i + 1));
    const counted = await push(t, h, tooMany);
    expect(counted.status).toBe(400);
    expect(counted.body.errors[0].path).toBe('mutations');
    const full = await push(t, h, tooMany.slice(0, MAX_MUTATIONS_PER_PUSH));
    expect(full.status).toBe(200);

    const big = [
      counterMutation(101, { tag: 'x'.repeat(100) }),
      { ...counterMutation(102), args: { pad: 'y'.repeat(MAX_PUSH_BYTES) } },
    ];
    const weighed = await push(t, h, big);
    expect(weighed.status).toBe(413);
    expect(weighed.body.code).toBe('payload_too_large');
    expect(lastSeq()).toBe(MAX_MUTATIONS_PER_PUSH);
  });

  it('refuses a malformed envelope (no seq, bad mutation id, unknown field) with 400', async () => {
    for (const bad of [
      { ...counterMutation(1), seq: 0 },
      { ...counterMutation(1), mutation_id: 'not-a-ulid' },
      { ...counterMutation(1), extra: true },
    ]) {
      const res = await push(t, h, [bad]);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    expect(lastSeq()).toBe(0);
    expect(testUlid()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
