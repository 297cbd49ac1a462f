import { asc, eq } from 'drizzle-orm';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/client.ts';
import { pickScans, pickTasks } from '../../db/schema/picklists.ts';
import { syncDevices, syncMutations } from '../../db/schema/sync.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { pickingHandheld, pickMutation } from './sync-pick-fixtures.ts';
import {
  BASE,
  counterApplications,
  counterHooks,
  counterMutation,
  type Handheld,
  push,
  registerCounterMutation,
  setUpHandheld,
  type TestMutation,
} from './sync-test-fixtures.ts';

/**
 * ARCHITECTURE.md, sync rule 10: a simulated handheld pushes its outbox through a channel that,
 * per a seeded PRNG, drops requests, drops responses (applied, but the device never hears), delivers
 * requests twice, holds requests back and delivers them late (reordered, stale), lets a later batch
 * overtake an earlier one (a seq gap), and kills the server in the middle of a batch: the SQLite
 * connection is closed inside a mutation's transaction, and a fresh connection and app are opened
 * on the same file, as after a restart. Afterwards the server must hold exactly the expected state
 * (every mutation applied once or rejected once, none twice, none lost) and the device must have
 * heard the right answer for every mutation.
 */

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1);
const PICK_SEEDS = Array.from({ length: 50 }, (_, i) => 1000 + i);

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}
type Rnd = ReturnType<typeof prng>;

/**
 * Where a kill can land inside a mutation's transaction: before its effects, after them (test
 * counter only), as a scan is recorded (pick.scan), or as the mutation's answer is being stored.
 */
type Moment = 'before_effects' | 'after_effects' | 'recording_scan' | 'storing_answer';
const kill = { in: null as number | null, at: 'before_effects' as Moment, server: undefined as TestApp | undefined };

function maybeKill(moment: Moment) {
  if (kill.in === null || moment !== kill.at) return;
  if (kill.in-- > 0) return;
  kill.in = null;
  kill.server!.db.$client.close();
  throw new Error('server killed');
}

const watched: [RegExp, Moment][] = [
  [/^insert into "sync_mutations"/i, 'storing_answer'],
  [/^insert into "pick_scans"/i, 'recording_scan'],
];

/**
 * The server side: an app over a file, which can be killed and started again on the same file. Its
 * connection is wrapped so that writing a scan, or storing a mutation's answer (after its effects),
 * can be the moment it dies: the window a non-atomic design would lose or double.
 */
async function startServer(file: string): Promise<TestApp> {
  const db = openDatabase(file);
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  // The connection hands cached statements back: each is wrapped once.
  const wrapped = new WeakSet<object>();
  client.prepare = ((source: string) => {
    const statement = prepare(source);
    const moment = watched.find(([pattern]) => pattern.test(source))?.[1];
    if (!moment || wrapped.has(statement)) return statement;
    wrapped.add(statement);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        maybeKill(moment);
        return original(...params);
      };
    }
    return statement;
  }) as typeof client.prepare;
  const app = await createTestApp({ db });
  kill.server = app;
  return app;
}

type Result = {
  mutation_id: string;
  seq: number;
  status: string;
  original_status?: string;
  code?: string;
  result?: unknown;
};
type Stats = Record<
  'sent' | 'droppedRequests' | 'droppedResponses' | 'duplicated' | 'delayed' | 'reordered' | 'kills' | 'gaps',
  number
>;
const noStats = (): Stats => ({
  sent: 0,
  droppedRequests: 0,
  droppedResponses: 0,
  duplicated: 0,
  delayed: 0,
  reordered: 0,
  kills: 0,
  gaps: 0,
});

/**
 * The device and the channel. The device sends its lowest pending rows and deletes a row only when
 * an answer names it (rule 6); every answer for a mutation, first or replayed, must agree.
 * Returns the first answer heard for each mutation id (a duplicate counts as its original status).
 */
async function drain(
  label: string,
  rnd: Rnd,
  outbox: TestMutation[],
  server: { current: () => TestApp; restart: () => Promise<void>; handheld: Handheld },
  moments: Moment[],
  stats: Stats,
) {
  const pending = new Map(outbox.map((m) => [m.seq, m]));
  const answers = new Map<string, Result>();
  const hear = (results: Result[]) => {
    for (const r of results) {
      const outcome = r.status === 'duplicate' ? { ...r, status: r.original_status! } : r;
      const first = answers.get(r.mutation_id);
      if (first) {
        expect(outcome.status, `${label} seq ${r.seq}`).toBe(first.status);
        expect(outcome.result, `${label} seq ${r.seq}`).toEqual(first.result);
      } else answers.set(r.mutation_id, outcome);
      pending.delete(r.seq);
    }
  };
  const deliver = async (batch: TestMutation[]) => {
    stats.sent++;
    const res = await push(server.current(), server.handheld, batch);
    if (!server.current().db.$client.open) {
      // The process died: whatever it was answering is lost; a new one starts on the same file.
      stats.kills++;
      await server.restart();
      return undefined;
    }
    return res;
  };
  const handle = (res: Awaited<ReturnType<typeof push>> | undefined) => {
    if (!res) return;
    if (res.status === 200) hear(res.body.results);
    else if (res.status === 409) {
      expect(res.body.code, label).toBe('seq_gap');
      stats.gaps++;
      // The device still holds the row the server expects: nothing left the outbox unanswered.
      expect(pending.has(res.body.expected_seq), `${label}: expected_seq ${res.body.expected_seq}`).toBe(true);
    } else expect(res.status, `${label}: ${res.text}`).toBe(503);
  };
  const lowest = () => [...pending.values()].sort((a, b) => a.seq - b.seq);

  const delayed: TestMutation[][] = [];
  for (let round = 0; pending.size > 0; round++) {
    expect(round, `${label}: outbox never drained`).toBeLessThan(5000);
    // Now and then a request held back earlier arrives: stale, out of order.
    if (delayed.length > 0 && rnd.next() < 0.3) {
      const [late] = delayed.splice(rnd.int(0, delayed.length - 1), 1);
      const res = await deliver(late!);
      // Half the time the device is still listening for it.
      if (rnd.next() < 0.5) handle(res);
    }
    const batch = lowest().slice(0, rnd.int(1, 12));
    if (batch.length === 0) break; // the late answer above emptied the outbox
    const fate = rnd.next();
    if (fate < 0.1) {
      stats.droppedRequests++;
    } else if (fate < 0.25) {
      stats.droppedResponses++;
      await deliver(batch);
    } else if (fate < 0.35) {
      stats.duplicated++;
      handle(await deliver(batch));
      handle(await deliver(batch));
    } else if (fate < 0.45) {
      stats.delayed++;
      delayed.push(batch);
    } else if (fate < 0.55) {
      // Two batches in flight at once, the later one overtaking the earlier: it finds a gap.
      const next = lowest().slice(batch.length, batch.length + rnd.int(1, 12));
      if (next.length > 0) {
        stats.reordered++;
        handle(await deliver(next));
      }
      handle(await deliver(batch));
    } else if (fate < 0.7) {
      kill.in = rnd.int(0, batch.length);
      kill.at = moments[rnd.int(0, moments.length - 1)]!;
      handle(await deliver(batch));
      kill.in = null;
    } else {
      handle(await deliver(batch));
    }
  }
  // Requests still in flight turn up after the device is done: they must change nothing.
  for (const late of delayed) await deliver(late);
  return answers;
}

/** A file-backed server for one seed; cleaned up by `close`. */
async function fileServer(seed: number) {
  // tmpfs when there is one: the same SQLite file and WAL semantics, without waiting on fsync.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `sync-fault-${seed}-`));
  const file = join(dir, 'db.sqlite');
  let app = await startServer(file);
  return {
    current: () => app,
    restart: async () => {
      app = await startServer(file);
    },
    close: () => {
      kill.in = null;
      if (app.db.$client.open) app.db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function expectSyncBookkeeping(db: Db, label: string, outbox: TestMutation[]) {
  const stored = db.select().from(syncMutations).orderBy(syncMutations.seq).all();
  expect(
    stored.map((r) => [r.seq, r.mutationId]),
    label,
  ).toEqual(outbox.map((m) => [m.seq, m.mutation_id]));
  expect(db.select().from(syncDevices).get()?.lastSeq, label).toBe(outbox.length);
  return stored;
}

function addStats(totals: Stats, stats: Stats) {
  for (const k of Object.keys(totals) as (keyof Stats)[]) totals[k] += stats[k];
}

describe('sync under a lossy channel and server kills (seeded)', () => {
  let unregister: () => void;
  beforeAll(() => {
    unregister = registerCounterMutation();
    counterHooks.beforeApply = () => maybeKill('before_effects');
    counterHooks.afterApply = () => maybeKill('after_effects');
  });
  afterAll(() => {
    counterHooks.beforeApply = undefined;
    counterHooks.afterApply = undefined;
    unregister();
  });

  it(`applies every counter mutation exactly once, for ${SEEDS.length} seeds`, { timeout: 180_000 }, async () => {
    const totals = noStats();
    for (const seed of SEEDS) {
      const label = `seed ${seed}`;
      const rnd = prng(seed);
      const server = await fileServer(seed);
      try {
        const h = await setUpHandheld(server.current());
        // Mostly good increments, some business rejections (returned and thrown after writing),
        // some mutations this server does not know.
        type Expected = { status: 'applied' | 'rejected'; code?: string };
        const outbox: TestMutation[] = [];
        const expected = new Map<string, Expected>();
        for (let seq = 1, n = rnd.int(30, 90); seq <= n; seq++) {
          const r = rnd.next();
          let m: TestMutation;
          let want: Expected = { status: 'applied' };
          if (r < 0.1) {
            m = counterMutation(seq, { amount: -rnd.int(1, 5) });
            want = { status: 'rejected', code: 'negative_amount' };
          } else if (r < 0.15) {
            m = counterMutation(seq, { amount: 1, conflict: true });
            want = { status: 'rejected', code: 'counter_conflict' };
          } else if (r < 0.2) {
            m = { ...counterMutation(seq), name: 'test.unknown' };
            want = { status: 'rejected', code: 'invalid_mutation' };
          } else {
            m = counterMutation(seq, { amount: rnd.int(1, 9), key: `k${rnd.int(1, 3)}` });
          }
          expected.set(m.mutation_id, want);
          outbox.push(m);
        }
        const stats = noStats();
        const moments: Moment[] = ['before_effects', 'after_effects', 'storing_answer'];
        const answers = await drain(label, rnd, outbox, { ...server, handheld: h }, moments, stats);
        addStats(totals, stats);

        // Exactly the expected effects: each applied mutation once, in seq order; nothing else.
        const db = server.current().db;
        const applied = outbox.filter((m) => expected.get(m.mutation_id)!.status === 'applied');
        expect(
          counterApplications(db).map((a) => a.tag),
          label,
        ).toEqual(applied.map((m) => (m.args as { tag: string }).tag));
        for (const row of expectSyncBookkeeping(db, label, outbox)) {
          expect({ status: row.status, code: row.code ?? undefined }, `${label} seq ${row.seq}`).toEqual(
            expected.get(row.mutationId),
          );
        }
        for (const m of outbox) {
          const heard = answers.get(m.mutation_id)!;
          expect({ status: heard.status, code: heard.code }, `${label} seq ${m.seq}`).toEqual(
            expected.get(m.mutation_id),
          );
        }
      } finally {
        server.close();
      }
    }
    console.info('sync fault injection (counter)', totals);
    // The faults did happen, in numbers: the test is not passing by avoiding them.
    for (const [fault, count] of Object.entries(totals)) expect(count, fault).toBeGreaterThan(SEEDS.length);
  });

  it(`records every pick.scan scan exactly once, for ${PICK_SEEDS.length} seeds`, { timeout: 300_000 }, async () => {
    const totals = noStats();
    for (const seed of PICK_SEEDS) {
      const label = `seed ${seed}`;
      const rnd = prng(seed);
      // The outbox, in terms of what is scanned: the same outbox is replayed on a clean server
      // over a perfect channel, and the faulty run must end exactly as that one.
      type Kind = 'mug' | 'cap' | 'wrong_bin' | 'wrong_item' | 'repeat';
      const plan: { scanId: string; kind: Kind }[][] = [];
      let scanN = 0;
      for (let i = 0, n = rnd.int(20, 50); i < n; i++) {
        plan.push(
          Array.from({ length: rnd.int(1, 3) }, () => {
            const r = rnd.next();
            const kind: Kind =
              r < 0.4 ? 'mug' : r < 0.7 ? 'cap' : r < 0.8 ? 'wrong_bin' : r < 0.9 ? 'wrong_item' : 'repeat';
            // A repeat resends an earlier scan id (a retried scan): judged once, answered duplicate.
            const earlier = kind === 'repeat' && scanN > 0 ? `s${rnd.int(1, scanN)}` : undefined;
            return { scanId: earlier ?? `s${++scanN}`, kind: earlier ? 'repeat' : kind === 'repeat' ? 'mug' : kind };
          }),
        );
      }
      const outboxFor = async (app: TestApp) => {
        const w = await pickingHandheld(app, { mugs: 25, caps: 15 });
        ok(await app.request('POST', `${BASE}/picklists/${w.picklistId}/start`, { token: w.h.workerToken }));
        const bin = { mug: w.bins['A-10-1-1']!, cap: w.bins['A-2-1-1']! };
        const sent = new Map<string, unknown>();
        const scanOf = (s: { scanId: string; kind: Kind }) => {
          if (s.kind === 'repeat') return sent.get(s.scanId);
          const [location, sku] =
            s.kind === 'mug'
              ? [bin.mug, 'SKU-MUG']
              : s.kind === 'cap'
                ? [bin.cap, 'SKU-CAP']
                : s.kind === 'wrong_bin'
                  ? [bin.cap, 'SKU-MUG']
                  : [bin.mug, 'SKU-NOPE'];
          const scan = { scan_id: s.scanId, location_id: location, sku, qty: 1, timestamp: '2026-01-05T09:01:00.000Z' };
          sent.set(s.scanId, scan);
          return scan;
        };
        const outbox = plan.map((scans, i) =>
          pickMutation(i + 1, 'pick.scan', { picklist_id: w.picklistId, scans: scans.map(scanOf) }),
        ) as TestMutation[];
        return { w, outbox };
      };
      /** What the picklist ended as: each scan's verdict, and what each task counted. */
      const outcome = (db: Db, picklistId: string) => ({
        scans: db
          .select({ id: pickScans.scanId, verdict: pickScans.verdict, code: pickScans.code, qty: pickScans.qty })
          .from(pickScans)
          .where(eq(pickScans.picklistId, picklistId))
          .orderBy(asc(pickScans.scanId))
          .all(),
        tasks: db
          .select({ sku: pickTasks.sku, picked: pickTasks.qtyPicked, status: pickTasks.status })
          .from(pickTasks)
          .where(eq(pickTasks.picklistId, picklistId))
          .orderBy(asc(pickTasks.sku))
          .all(),
      });
      type ScanAnswer = { scan_id: string; status: string; verdict: string; code?: string; qty?: number };
      // Task ids differ between the two servers; what was said about each scan must not.
      const scanResults = (results: Result[]) =>
        results.map((r) =>
          (r.result as { scans: ScanAnswer[] }).scans.map((s) => [s.scan_id, s.status, s.verdict, s.code, s.qty]),
        );

      // The reference: the same outbox, one clean push at a time.
      const clean = await createTestApp();
      const ref = await outboxFor(clean);
      const refResults: Result[] = [];
      for (let i = 0; i < ref.outbox.length; i += 10) {
        const res = await push(clean, ref.w.h, ref.outbox.slice(i, i + 10));
        expect(res.status, res.text).toBe(200);
        refResults.push(...res.body.results);
      }
      expect(refResults.every((r) => r.status === 'applied')).toBe(true);
      const want = outcome(clean.db, ref.w.picklistId);
      clean.db.$client.close();

      const server = await fileServer(seed);
      try {
        const { w, outbox } = await outboxFor(server.current());
        const stats = noStats();
        const moments: Moment[] = ['recording_scan', 'storing_answer'];
        const answers = await drain(label, rnd, outbox, { ...server, handheld: w.h }, moments, stats);
        addStats(totals, stats);

        const db = server.current().db;
        expectSyncBookkeeping(db, label, outbox);
        // Every scan recorded once with the verdict a fault-free run gives; tasks counted the same.
        expect(outcome(db, w.picklistId), label).toEqual(want);
        // And the handheld heard, for every mutation, exactly the per-scan answers of the clean run.
        const heard = outbox.map((m) => answers.get(m.mutation_id)!);
        expect(
          heard.map((r) => r.status),
          label,
        ).toEqual(outbox.map(() => 'applied'));
        expect(scanResults(heard), label).toEqual(scanResults(refResults));
      } finally {
        server.close();
      }
    }
    console.info('sync fault injection (pick.scan)', totals);
    for (const [fault, count] of Object.entries(totals)) expect(count, fault).toBeGreaterThan(PICK_SEEDS.length / 2);
  });
});

function ok(res: { status: number; text: string }) {
  expect(res.status, res.text).toBe(200);
}
