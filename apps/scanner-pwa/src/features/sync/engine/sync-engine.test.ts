import type { PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import type { PushRequest } from '@fulfillment/domain/sync/sync-schemas';
import { beforeEach, describe, expect, it } from 'vitest';
import { countPending, enqueueWithChange, listRejected, pendingBatch, readMeta } from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { newUlid } from '../../../lib/ids.ts';
import { FakeSyncServer, seededRandom } from '../../../testing/fake-sync-server.ts';
import { createTestDb, registerTestDevice } from '../../../testing/test-db.ts';
import { createSyncEngine } from './sync-engine.ts';
import { createDexieSyncStore, type PicklistAdapter } from './sync-store.ts';
import type { PullOutcome, PushOutcome, SyncTransport } from './sync-types.ts';

const NOW = () => new Date('2025-03-01T10:00:00.000Z');

/** Re-applying a pending "count" mutation adds its n to judged ids; enough to see rule 9 at work. */
const adapter: PicklistAdapter = {
  fromServer: (data) => {
    const state = data as PicklistState;
    return {
      state,
      display: { name: null, warehouse_id: null, assigned_worker_id: null, priority: null, timezone: null },
    };
  },
  reapply: (state, pending) => ({
    ...state,
    judged_scan_ids: [...state.judged_scan_ids, ...pending.map((r) => String(r.args.scan_id))],
  }),
};

async function enqueue(db: ScannerDb, i: number, picklistId = 'pick_1', workerId = 'wkr_1') {
  await enqueueWithChange(db, async () => ({
    enqueue: {
      mutation_id: newUlid(),
      name: 'pick.scan' as const,
      args: { i, scan_id: `scan-${i}` },
      created_at: NOW().toISOString(),
      picklist_id: picklistId,
      worker_id: workerId,
    },
    result: null,
  }));
}

function directTransport(
  server: FakeSyncServer,
  pullBody?: () => PullOutcome,
): SyncTransport & { pushes: PushRequest[] } {
  const pushes: PushRequest[] = [];
  return {
    pushes,
    async push(request) {
      pushes.push(structuredClone(request));
      const outcome = server.push(structuredClone(request));
      return outcome === 'crashed' ? { kind: 'retry', reason: 'crashed' } : outcome;
    },
    async pull() {
      return (
        pullBody?.() ?? {
          kind: 'ok',
          body: { changes: [], next_cursor: 'c0', has_more: false, last_seq: server.lastSeq },
        }
      );
    },
  };
}

let db: ScannerDb;
beforeEach(async () => {
  db = createTestDb();
  await registerTestDevice(db);
});

describe('sync engine', () => {
  it('pushes pending rows in order in bounded batches and deletes them once answered', async () => {
    const server = new FakeSyncServer();
    const transport = directTransport(server);
    for (let i = 1; i <= 7; i++) await enqueue(db, i);
    const engine = createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport, { maxBatchCount: 3 });
    expect(await engine.flush()).toMatchObject({ ok: true, pushed: 7 });
    expect(transport.pushes.map((p) => p.mutations.map((m) => m.seq))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(transport.pushes[0]).toMatchObject({ device_id: 'scanner_test' });
    expect(await countPending(db)).toBe(0);
    expect((await readMeta(db)).last_sync_at).toBe(NOW().toISOString());
  });

  it('sends each worker’s picks in their own batches, under their own key', async () => {
    const server = new FakeSyncServer();
    const workers: (string | null | undefined)[] = [];
    await enqueue(db, 1, 'pick_1', 'wkr_A');
    await enqueue(db, 2, 'pick_1', 'wkr_A');
    await enqueue(db, 3, 'pick_2', 'wkr_B');
    const transport: SyncTransport = {
      push: async (request, context) => {
        workers.push(context?.workerId);
        return server.push(request) as PushOutcome;
      },
      pull: async () => ({
        kind: 'ok',
        body: { changes: [], next_cursor: '0', has_more: false, last_seq: server.lastSeq },
      }),
    };
    await createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport).flush();
    expect(workers).toEqual(['wkr_A', 'wkr_B']);
    expect(server.lastSeq).toBe(3);
  });

  it('keeps rejected rows visible and does not let them block the queue', async () => {
    const server = new FakeSyncServer();
    server.rule = (m) => (m.args.i === 2 ? { code: 'over_pick', message: 'Only 1 more needed' } : undefined);
    for (let i = 1; i <= 3; i++) await enqueue(db, i);
    const engine = createSyncEngine(createDexieSyncStore(db, adapter, NOW), directTransport(server));
    await engine.flush();
    expect(await countPending(db)).toBe(0);
    expect(await listRejected(db)).toMatchObject([{ seq: 2, code: 'over_pick', message: 'Only 1 more needed' }]);
  });

  it('keeps everything when the network fails, and says to retry', async () => {
    await enqueue(db, 1);
    const transport: SyncTransport = {
      push: async () => ({ kind: 'retry', reason: 'Failed to fetch' }),
      pull: async () => ({ kind: 'retry', reason: 'Failed to fetch' }),
    };
    const result = await createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport).flush();
    expect(result).toMatchObject({ ok: false, reason: 'retry' });
    expect(await countPending(db)).toBe(1);
    expect((await readMeta(db)).last_error).toBe('Failed to fetch');
  });

  it('stops on an expired worker key without touching the queue', async () => {
    await enqueue(db, 1);
    const transport: SyncTransport = {
      push: async () => ({ kind: 'auth', reason: 'token expired' }),
      pull: async () => ({ kind: 'auth', reason: 'token expired' }),
    };
    expect(await createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport).flush()).toMatchObject({
      ok: false,
      reason: 'auth',
    });
    expect(await countPending(db)).toBe(1);
  });

  it('on 409 seq_gap continues from expected_seq', async () => {
    const server = new FakeSyncServer();
    for (let i = 1; i <= 4; i++) await enqueue(db, i);
    // Seqs 1-2 were acknowledged and deleted, then the server was restored from a backup without them.
    const sent = await pendingBatch(db, 2, 1_000_000);
    await db.outbox.bulkDelete(sent.map((r) => r.mutation_id));
    const transport = directTransport(server);
    await createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport).flush();
    expect(transport.pushes.map((p) => p.mutations.map((m) => m.seq))).toEqual([
      [3, 4],
      [1, 2],
    ]);
    expect(server.lastSeq).toBe(2);
    expect(await countPending(db)).toBe(0);
    expect((await readMeta(db)).next_seq).toBe(3);
  });

  it('moves past seqs the server knows from an earlier install of this device id', async () => {
    const server = new FakeSyncServer();
    // A previous install of "scanner_test" already pushed 5 mutations.
    for (let seq = 1; seq <= 5; seq++) {
      server.push({
        device_id: 'scanner_test',
        mutations: [{ mutation_id: newUlid(), seq, name: 'pick.scan', args: {}, created_at: NOW().toISOString() }],
      });
    }
    for (let i = 1; i <= 2; i++) await enqueue(db, i);
    await createSyncEngine(createDexieSyncStore(db, adapter, NOW), directTransport(server)).flush();
    expect(server.lastSeq).toBe(7);
    expect(server.appliedCount.size).toBe(7);
    expect(await countPending(db)).toBe(0);
    expect((await readMeta(db)).next_seq).toBe(8);
  });

  it('learns the server last_seq from pull before pushing under seqs it already has', async () => {
    const server = new FakeSyncServer();
    server.lastSeq = 9;
    await enqueue(db, 1);
    const store = createDexieSyncStore(db, adapter, NOW);
    await store.applyPull({ changes: [], next_cursor: 'c1', has_more: false, last_seq: 9 });
    expect((await pendingBatch(db, 10, 1_000_000)).map((r) => r.seq)).toEqual([10]);
    expect(await readMeta(db)).toMatchObject({ next_seq: 11, pull_cursor: 'c1' });
  });

  it('isolates a malformed mutation: it is marked, the rest go through', async () => {
    const server = new FakeSyncServer();
    server.malformed = (m) => m.args.i === 2;
    for (let i = 1; i <= 3; i++) await enqueue(db, i);
    await createSyncEngine(createDexieSyncStore(db, adapter, NOW), directTransport(server)).flush();
    expect(await countPending(db)).toBe(0);
    expect(await listRejected(db)).toMatchObject([{ seq: 2, code: 'validation_failed' }]);
    // The server never took seq 2, so the next row moved down into its place (via seq_gap).
    expect(server.lastSeq).toBe(2);
    expect(server.appliedCount.size).toBe(2);
  });

  it('pull stores what the server sent and re-applies pending local work on top (rule 9)', async () => {
    const server = new FakeSyncServer();
    await enqueue(db, 1);
    const serverState: PicklistState = {
      picklist_id: 'pick_1',
      status: 'in_progress',
      tasks: [],
      picked_serials: [],
      judged_scan_ids: ['from-server'],
    };
    const transport: SyncTransport = {
      push: async () => ({ kind: 'retry', reason: 'offline' }),
      pull: async () => ({
        kind: 'ok',
        body: {
          changes: [{ cursor: 'c5', entity: 'picklist', id: 'pick_1', op: 'upsert', data: serverState }],
          next_cursor: 'c5',
          has_more: false,
          last_seq: 0,
        },
      }),
    };
    const store = createDexieSyncStore(db, adapter, NOW);
    const engine = createSyncEngine(store, transport);
    await engine.flush();
    const body = await transport.pull({ device_id: 'x', cursor: null });
    if (body.kind === 'ok') await store.applyPull(body.body);
    const cached = await db.picklists.get('pick_1');
    expect(cached?.server_state.judged_scan_ids).toEqual(['from-server']);
    expect(cached?.state.judged_scan_ids).toEqual(['from-server', 'scan-1']);
    expect(server.lastSeq).toBe(0);
  });

  it('follows has_more across pull pages and keeps the cursor', async () => {
    const server = new FakeSyncServer();
    const cursors: (string | null)[] = [];
    const pages = [
      { changes: [], next_cursor: 'p1', has_more: true, last_seq: 0 },
      { changes: [], next_cursor: 'p2', has_more: false, last_seq: 0 },
    ];
    const transport: SyncTransport = {
      push: async (r) => server.push(r) as PushOutcome,
      pull: async ({ cursor }) => {
        cursors.push(cursor);
        return { kind: 'ok', body: pages.shift()! };
      },
    };
    await createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport).flush();
    expect(cursors).toEqual([null, 'p1']);
    expect((await readMeta(db)).pull_cursor).toBe('p2');
  });
});

/**
 * Rule 10: a transport that drops requests and responses, duplicates them, delivers stale copies
 * late, reorders results and kills the server mid-batch, while the worker keeps scanning. Every
 * scan must land exactly once; every rejection must stay visible.
 */
function faultyTransport(server: FakeSyncServer, random: () => number) {
  const history: PushRequest[] = [];
  const state = { faults: true };
  const transport: SyncTransport = {
    async push(request) {
      const copy = structuredClone(request);
      if (state.faults) {
        if (history.length > 0 && random() < 0.2)
          server.push(structuredClone(history[Math.floor(random() * history.length)]!));
        history.push(copy);
        const roll = random();
        if (roll < 0.1) return { kind: 'retry', reason: 'request dropped' };
        if (roll < 0.15) return { kind: 'retry', reason: '503 database unavailable' };
        if (roll < 0.25) {
          server.push(structuredClone(copy), Math.floor(random() * copy.mutations.length));
          return { kind: 'retry', reason: 'server killed mid-batch' };
        }
        if (roll < 0.35) {
          server.push(structuredClone(copy));
          return { kind: 'retry', reason: 'response dropped' };
        }
        if (roll < 0.45) server.push(structuredClone(copy));
      }
      const outcome = server.push(copy);
      if (outcome === 'crashed') return { kind: 'retry', reason: 'crashed' };
      if (outcome.kind === 'ok') outcome.body.results.sort(() => random() - 0.5);
      return outcome;
    },
    async pull() {
      if (state.faults && random() < 0.3) return { kind: 'retry', reason: 'pull dropped' };
      return {
        kind: 'ok',
        body: { changes: [], next_cursor: `c${server.lastSeq}`, has_more: false, last_seq: server.lastSeq },
      };
    },
  };
  return { transport, state };
}

describe('sync engine under fault injection', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    it(`every scan lands exactly once (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const server = new FakeSyncServer();
      server.rule = (m) => (Number(m.args.i) % 7 === 0 ? { code: 'wrong_item', message: 'Wrong item' } : undefined);
      const { transport, state } = faultyTransport(server, random);
      const engine = createSyncEngine(createDexieSyncStore(db, adapter, NOW), transport, { maxBatchCount: 4 });
      let made = 0;
      for (let step = 0; step < 40; step++) {
        const burst = Math.floor(random() * 4);
        for (let k = 0; k < burst; k++) await enqueue(db, ++made);
        await engine.flush();
      }
      state.faults = false;
      for (let attempt = 0; attempt < 5 && (await countPending(db)) > 0; attempt++) await engine.flush();

      expect(await countPending(db)).toBe(0);
      expect(server.lastSeq).toBe(made);
      const rejectedLocally = (await listRejected(db)).map((r) => Number(r.args.i)).sort((a, b) => a - b);
      const shouldReject = Array.from({ length: made }, (_, i) => i + 1).filter((i) => i % 7 === 0);
      expect(rejectedLocally).toEqual(shouldReject);
      expect(server.appliedCount.size).toBe(made - shouldReject.length);
      expect([...server.appliedCount.values()].every((n) => n === 1)).toBe(true);
    });
  }
});
