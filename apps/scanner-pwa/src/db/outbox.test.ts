import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db.ts';
import { newUlid } from '../lib/ids.ts';
import type { CachedPicklist } from './db-types.ts';
import {
  appendToOutbox,
  applyPushResults,
  countPending,
  enqueueWithChange,
  listRejected,
  pendingBatch,
  readMeta,
  resequencePending,
  type NewMutation,
} from './outbox.ts';
import { ScannerDb } from './scanner-db.ts';

const mutation = (over: Partial<NewMutation> = {}): NewMutation => ({
  mutation_id: newUlid(),
  name: 'pick.scan',
  args: { picklist_id: 'pick_1', n: 1 },
  created_at: '2025-01-01T00:00:00.000Z',
  picklist_id: 'pick_1',
  worker_id: 'wkr_1',
  ...over,
});

const picklist = (qty: number): CachedPicklist => {
  const state = {
    picklist_id: 'pick_1',
    status: 'in_progress' as const,
    tasks: [],
    picked_serials: [],
    judged_scan_ids: [],
  };
  return {
    picklist_id: 'pick_1',
    server_state: state,
    state: { ...state, judged_scan_ids: Array.from({ length: qty }, (_, i) => `s${i}`) },
    display: { name: null, warehouse_id: null, assigned_worker_id: null, priority: null, timezone: null },
    server_cursor: null,
    updated_at: '2025-01-01T00:00:00.000Z',
  };
};

let db: ScannerDb;
beforeEach(() => {
  db = createTestDb();
});

describe('enqueueWithChange', () => {
  it('stores the optimistic change and the outbox row together', async () => {
    const { row } = await enqueueWithChange(db, async () => {
      await db.picklists.put(picklist(1));
      return { enqueue: mutation(), result: 'ok' };
    });
    expect(row?.seq).toBe(1);
    expect(await db.picklists.get('pick_1')).toBeDefined();
    expect(await countPending(db)).toBe(1);
  });

  it('rolls back the local change when the outbox write fails', async () => {
    const first = mutation();
    await enqueueWithChange(db, async () => ({ enqueue: first, result: null }));
    // Same mutation_id again: the add fails, so the picklist write in the same transaction must go too.
    await expect(
      enqueueWithChange(db, async () => {
        await db.picklists.put(picklist(5));
        return { enqueue: { ...mutation(), mutation_id: first.mutation_id }, result: null };
      }),
    ).rejects.toThrow();
    expect(await db.picklists.get('pick_1')).toBeUndefined();
    expect(await countPending(db)).toBe(1);
    expect((await readMeta(db)).next_seq).toBe(2);
  });

  it('rolls back the outbox row when the local change fails after it, and does not burn a seq', async () => {
    await expect(
      db.transaction('rw', [db.outbox, db.meta, db.picklists], async () => {
        await appendToOutbox(db, mutation());
        await db.picklists.put(picklist(1));
        throw new Error('the optimistic change failed');
      }),
    ).rejects.toThrow('the optimistic change failed');
    expect(await countPending(db)).toBe(0);
    expect(await db.picklists.count()).toBe(0);
    const { row } = await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    expect(row?.seq).toBe(1);
  });

  it('refuses to append outside a transaction', async () => {
    await expect(appendToOutbox(db, mutation())).rejects.toThrow(/inside a read-write transaction/);
  });

  it('keeps seq gap-free and unique under concurrent enqueues', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        enqueueWithChange(db, async () => {
          // Yield inside the transaction to give interleaving every chance.
          await db.picklists.get('pick_1');
          return { enqueue: mutation({ args: { i } }), result: i };
        }),
      ),
    );
    const seqs = (await db.outbox.toArray()).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('keeps seq gap-free across two connections (two tabs) to the same database', async () => {
    const name = db.name;
    const other = new ScannerDb(name);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        enqueueWithChange(i % 2 ? db : other, async () => ({ enqueue: mutation({ args: { i } }), result: i })),
      ),
    );
    const seqs = (await db.outbox.toArray()).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    other.close();
  });
});

describe('pendingBatch', () => {
  it('gives pending rows in seq order, bounded by count and bytes, skipping rejected ones', async () => {
    for (let i = 0; i < 5; i++) await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    const firstTwo = await pendingBatch(db, 2, 1_000_000);
    expect(firstTwo.map((r) => r.seq)).toEqual([1, 2]);
    await db.outbox.update(firstTwo[0]!.mutation_id, { status: 'rejected' });
    expect((await pendingBatch(db, 10, 1_000_000)).map((r) => r.seq)).toEqual([2, 3, 4, 5]);
    expect((await pendingBatch(db, 10, 10)).map((r) => r.seq)).toEqual([2]);
  });
});

describe('applyPushResults', () => {
  it('deletes applied and duplicate rows, keeps rejected ones with their code, leaves unanswered ones', async () => {
    for (let i = 0; i < 4; i++) await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    const rows = await pendingBatch(db, 10, 1_000_000);
    const [a, b, c] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    const ack = await applyPushResults(
      db,
      rows,
      [
        { mutation_id: a.mutation_id, seq: a.seq, status: 'applied' },
        { mutation_id: b.mutation_id, seq: b.seq, status: 'duplicate' },
        { mutation_id: c.mutation_id, seq: c.seq, status: 'rejected', code: 'over_pick', message: 'Too many' },
      ],
      3,
      '2025-01-01T10:00:00.000Z',
    );
    expect(ack).toEqual({ answered: 3, foreignSeq: false });
    expect((await pendingBatch(db, 10, 1_000_000)).map((r) => r.seq)).toEqual([4]);
    const rejected = await listRejected(db);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ seq: 3, code: 'over_pick', message: 'Too many' });
    expect((await readMeta(db)).last_seq_acked).toBe(3);
  });

  it('flags a result that names another mutation under our seq and keeps the row', async () => {
    await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    const rows = await pendingBatch(db, 10, 1_000_000);
    const ack = await applyPushResults(
      db,
      rows,
      [{ mutation_id: newUlid(), seq: 1, status: 'duplicate' }],
      9,
      '2025-01-01T10:00:00.000Z',
    );
    expect(ack).toEqual({ answered: 0, foreignSeq: true });
    expect(await countPending(db)).toBe(1);
  });
  it('treats seq_reused as "renumber", keeping the row pending', async () => {
    await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    const rows = await pendingBatch(db, 10, 1_000_000);
    const ack = await applyPushResults(
      db,
      rows,
      [{ mutation_id: rows[0]!.mutation_id, seq: 1, status: 'rejected', code: 'seq_reused', message: 'taken' }],
      9,
      '2025-01-01T10:00:00.000Z',
    );
    expect(ack.foreignSeq).toBe(true);
    expect(await countPending(db)).toBe(1);
  });

  it('keeps a duplicate whose first answer was a rejection as rejected', async () => {
    await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    const rows = await pendingBatch(db, 10, 1_000_000);
    const duplicate = {
      mutation_id: rows[0]!.mutation_id,
      seq: 1,
      status: 'duplicate' as const,
      original_status: 'rejected' as const,
      code: 'picklist_not_active',
      message: 'closed',
    };
    await applyPushResults(db, rows, [duplicate], 1, '2025-01-01T10:00:00.000Z');
    expect(await listRejected(db)).toMatchObject([{ code: 'picklist_not_active', message: 'closed' }]);
  });

  it('asks the owning feature about bad news inside an applied result', async () => {
    await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    const rows = await pendingBatch(db, 10, 1_000_000);
    await applyPushResults(
      db,
      rows,
      [{ mutation_id: rows[0]!.mutation_id, seq: 1, status: 'applied', result: { bad: true } }],
      1,
      '2025-01-01T10:00:00.000Z',
      (_row, result) => ((result.result as { bad?: boolean }).bad ? { code: 'over_pick', message: 'no' } : undefined),
    );
    expect(await listRejected(db)).toMatchObject([{ code: 'over_pick' }]);
  });
});

describe('resequencePending', () => {
  it('renumbers pending rows consecutively and moves next_seq after them', async () => {
    for (let i = 0; i < 3; i++) await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    await resequencePending(db, 11);
    expect((await pendingBatch(db, 10, 1_000_000)).map((r) => r.seq)).toEqual([11, 12, 13]);
    const { row } = await enqueueWithChange(db, async () => ({ enqueue: mutation(), result: null }));
    expect(row?.seq).toBe(14);
  });
});
