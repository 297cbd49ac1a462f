import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import { warehouses, workers } from '../../db/schema/warehouses.ts';
import { unprocessable } from '../../platform/problem.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { registerMutation, rejectMutation } from './mutations.ts';

export const BASE = '/v1/fulfillment';
const at = '2026-01-01T00:00:00.000Z';

/**
 * A test-only mutation type, so the sync engine is tested on its own: each application appends one
 * timeline row (subject `counter`/key, data {amount, tag}), and answers the key's new total.
 * amount < 0 is a returned rejection, `conflict: true` a thrown 4xx after writing (both must roll
 * back), and the hooks let a test fail the server or kill it mid-batch, before or after the write.
 */
export const COUNTER = 'test.counter';
export const counterHooks: {
  beforeApply: ((args: CounterArgs) => void) | undefined;
  /** After the effect is written, before the mutation's transaction commits. */
  afterApply: ((args: CounterArgs) => void) | undefined;
} = { beforeApply: undefined, afterApply: undefined };

const counterArgs = z.strictObject({
  key: z.string().min(1).max(50),
  amount: z.number().int(),
  tag: z.string().min(1).max(100),
  conflict: z.boolean().optional(),
});
export type CounterArgs = z.infer<typeof counterArgs>;

export function registerCounterMutation(): () => void {
  return registerMutation(COUNTER, {
    args: counterArgs,
    apply: (tx, actor, args) => {
      counterHooks.beforeApply?.(args);
      if (args.amount < 0) return rejectMutation('negative_amount', `amount ${args.amount} is below zero`);
      recordTimeline(tx, actor, {
        type: 'test.counter',
        subjectType: 'counter',
        subjectId: args.key,
        data: { amount: args.amount, tag: args.tag },
      });
      counterHooks.afterApply?.(args);
      if (args.conflict) throw unprocessable('counter_conflict', 'the counter refuses this one');
      return { total: counterTotal(tx as unknown as Db, actor.tenantId, args.key) };
    },
  });
}

/** Every application of the counter mutation, as (tag, amount) in the order they were applied. */
export function counterApplications(db: Db, tenantId = 'acme', key?: string) {
  return db
    .select({ data: timelineEvents.data, key: timelineEvents.subjectId })
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.tenantId, tenantId),
        eq(timelineEvents.type, 'test.counter'),
        ...(key ? [eq(timelineEvents.subjectId, key)] : []),
      ),
    )
    .orderBy(timelineEvents.id)
    .all()
    .map((r) => ({ key: r.key, tag: r.data.tag as string, amount: r.data.amount as number }));
}

function counterTotal(db: Db, tenantId: string, key: string): number {
  return counterApplications(db, tenantId, key).reduce((sum, a) => sum + a.amount, 0);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let seqUlid = 0;
/** A fresh, valid ULID (mutation ids are ULIDs made on the device). */
export function testUlid(): string {
  let n = ++seqUlid;
  let out = '';
  do {
    out = CROCKFORD[n % 32]! + out;
    n = Math.floor(n / 32);
  } while (n > 0);
  return `01JD${out.padStart(22, '0')}`;
}

export type TestMutation = { mutation_id: string; seq: number; name: string; args: unknown; created_at: string };

export function counterMutation(seq: number, args: Partial<CounterArgs> = {}, mutationId = testUlid()): TestMutation {
  return {
    mutation_id: mutationId,
    seq,
    name: COUNTER,
    args: { key: 'k', amount: 1, tag: `m${seq}-${mutationId}`, ...args },
    created_at: '2026-01-05T08:59:00.000Z',
  };
}

export type Handheld = {
  tenantId: string;
  deviceId: string;
  warehouseId: string;
  workerId: string;
  deviceKey: string;
  workerToken: string;
};

let fixtureCounter = 0;

/**
 * A warehouse with one picker, a handheld registered to it and the picker signed in on it, through
 * the real routes: the tokens are the ones a device would hold.
 */
export async function setUpHandheld(
  t: TestApp,
  o: { tenantId?: string; deviceId?: string; warehouseId?: string } = {},
): Promise<Handheld> {
  const n = ++fixtureCounter;
  const tenantId = o.tenantId ?? 'acme';
  const deviceId = o.deviceId ?? `scanner_${n}`;
  const warehouseId = o.warehouseId ?? `wh_01JAAAAAAAAAAAAAAAAAAAA${String(n).padStart(3, '0')}`;
  if (!t.db.select().from(warehouses).where(eq(warehouses.id, warehouseId)).get()) {
    t.db
      .insert(warehouses)
      .values({
        id: warehouseId,
        tenantId,
        code: `W${n}`,
        name: `Warehouse ${n}`,
        status: 'active',
        address: { line1: '1 Dock Rd', city: 'London', postal_code: 'E1 1AA', country: 'GB' },
        timezone: 'Europe/London',
        serviceableRegions: ['GB'],
        capabilities: [],
        capacity: {},
        createdAt: at,
        updatedAt: at,
      })
      .run();
  }
  const workerId = `wkr_01JBBBBBBBBBBBBBBBBBBBB${String(n).padStart(3, '0')}`;
  const badgeId = `SYNC-${n}`;
  t.db
    .insert(workers)
    .values({
      id: workerId,
      tenantId,
      warehouseId,
      name: `Picker ${n}`,
      badgeId,
      roles: ['picker'],
      skills: [],
      status: 'active',
      createdAt: at,
      updatedAt: at,
    })
    .run();
  return signInHandheld(t, { tenantId, deviceId, warehouseId, workerId, badgeId });
}

/** Registers a handheld in the warehouse and signs the worker in on it with their badge (device key → worker key). */
export async function signInHandheld(
  t: TestApp,
  o: { tenantId?: string; deviceId: string; warehouseId: string; workerId: string; badgeId: string },
): Promise<Handheld> {
  const tenantId = o.tenantId ?? 'acme';
  const admin = await t.token({ tenants: [tenantId] });
  const registered = await t.request('POST', `${BASE}/devices/${o.deviceId}/register`, {
    token: admin,
    body: { type: 'handheld', name: `Handheld ${o.deviceId}`, warehouse_id: o.warehouseId },
  });
  expect(registered.status, registered.text).toBeLessThan(300);
  const deviceKey = registered.body.key.token as string;
  const signedIn = await t.request('POST', `${BASE}/keys`, {
    token: deviceKey,
    body: { kind: 'worker', device_id: o.deviceId, badge_id: o.badgeId },
  });
  expect(signedIn.status, signedIn.text).toBe(201);
  return {
    tenantId,
    deviceId: o.deviceId,
    warehouseId: o.warehouseId,
    workerId: o.workerId,
    deviceKey,
    workerToken: signedIn.body.token as string,
  };
}

/** Sends a request as a device does (no Idempotency-Key), answering status, headers and parsed body. */
export async function send(t: TestApp, method: string, path: string, token: string, body?: unknown) {
  const res = await t.app.request(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}

/** POST /sync/push as the handheld's worker. */
export function push(t: TestApp, h: Handheld, mutations: unknown[], o: { deviceId?: string; token?: string } = {}) {
  return send(t, 'POST', '/sync/push', o.token ?? h.workerToken, { device_id: o.deviceId ?? h.deviceId, mutations });
}

export function pull(t: TestApp, h: Handheld, query = '', token?: string) {
  return send(t, 'GET', `/sync/pull${query}`, token ?? h.workerToken);
}
