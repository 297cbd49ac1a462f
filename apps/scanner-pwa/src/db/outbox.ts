import type { Mutation, MutationName, MutationResult } from '@fulfillment/domain/sync/sync-schemas';
import { Dexie } from 'dexie';
import { initialSyncMeta, type OutboxRow, type SyncMeta } from './db-types.ts';
import type { ScannerDb } from './scanner-db.ts';

export type NewMutation = {
  mutation_id: string;
  name: MutationName;
  args: Record<string, unknown>;
  created_at: string;
  picklist_id: string | null;
  worker_id: string | null;
};

export async function readMeta(db: ScannerDb): Promise<SyncMeta> {
  return (await db.meta.get('sync')) ?? initialSyncMeta;
}

/**
 * Appends a mutation with the next seq. Must run inside a read-write transaction over `outbox` and
 * `meta`: IndexedDB runs such transactions one after the other, which is what keeps seq gap-free
 * when several enqueues race, and lets the caller's optimistic change commit or fail with the row.
 */
export async function appendToOutbox(db: ScannerDb, input: NewMutation): Promise<OutboxRow> {
  const tx = Dexie.currentTransaction;
  if (!tx || tx.mode !== 'readwrite') throw new Error('appendToOutbox must run inside a read-write transaction');
  const meta = await readMeta(db);
  const row: OutboxRow = {
    ...input,
    seq: meta.next_seq,
    status: 'pending',
    code: null,
    message: null,
    rejected_at: null,
  };
  await db.meta.put({ ...meta, next_seq: meta.next_seq + 1 });
  await db.outbox.add(row);
  return row;
}

/**
 * The optimistic local change and its outbox row in ONE transaction (rule 5): either both are
 * stored or neither is. `change` runs first and may decide, from the fresh state it reads, that
 * there is nothing to enqueue (returns `enqueue: undefined`).
 */
export async function enqueueWithChange<T>(
  db: ScannerDb,
  change: () => Promise<{ enqueue: NewMutation | undefined; result: T }>,
): Promise<{ row: OutboxRow | undefined; result: T }> {
  return db.transaction('rw', [db.outbox, db.meta, db.picklists], async () => {
    const { enqueue, result } = await change();
    const row = enqueue ? await appendToOutbox(db, enqueue) : undefined;
    return { row, result };
  });
}

/** Names its worker, so a row queued before a shift change is still applied as theirs (see sync-schemas). */
export function toWireMutation(row: OutboxRow): Mutation {
  return {
    mutation_id: row.mutation_id,
    seq: row.seq,
    name: row.name,
    args: row.args,
    created_at: row.created_at,
    ...(row.worker_id ? { worker_id: row.worker_id } : {}),
  };
}

const encoder = new TextEncoder();
export const wireBytes = (row: OutboxRow): number => encoder.encode(JSON.stringify(toWireMutation(row))).length;

/** Pending rows in seq order, at most `maxCount` and `maxBytes` of JSON (but always at least one). */
export async function pendingBatch(db: ScannerDb, maxCount: number, maxBytes: number): Promise<OutboxRow[]> {
  const rows = await db.outbox
    .where('[status+seq]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
    .limit(maxCount)
    .toArray();
  const batch: OutboxRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    bytes += wireBytes(row) + 1;
    if (batch.length > 0 && bytes > maxBytes) break;
    batch.push(row);
  }
  return batch;
}

export type PushAck = {
  /** Rows the server answered for (deleted, or kept as rejected). */
  answered: number;
  /** The server holds another mutation under one of our seqs (`seq_reused`): renumber after its last_seq. */
  foreignSeq: boolean;
};

/**
 * A mutation the server applied can still carry bad news in its result (a `pick.scan` whose scan the
 * server judged differently): the feature that owns the mutation says so, and the row stays visible.
 */
export type ResultInterpreter = (
  row: OutboxRow,
  result: MutationResult,
) => { code: string; message: string } | undefined;

/**
 * Applies the server's answers (rule 4): applied and duplicate rows are deleted, rejected rows stay
 * with their code for the worker to see. A row without an answer stays pending and is sent again.
 */
export async function applyPushResults(
  db: ScannerDb,
  sent: OutboxRow[],
  results: MutationResult[],
  lastSeq: number,
  now: string,
  interpret: ResultInterpreter = () => undefined,
): Promise<PushAck> {
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const bySeq = new Map(sent.map((r) => [r.seq, r]));
    let answered = 0;
    let foreignSeq = false;
    for (const result of results) {
      const row = bySeq.get(result.seq);
      if (!row) continue;
      if (result.mutation_id !== row.mutation_id || (result.status === 'rejected' && result.code === 'seq_reused')) {
        foreignSeq = true;
        continue;
      }
      const current = await db.outbox.get(row.mutation_id);
      if (!current || current.status !== 'pending' || current.seq !== row.seq) continue;
      answered++;
      const refusal =
        result.status === 'rejected' || result.original_status === 'rejected'
          ? { code: result.code ?? 'rejected', message: result.message ?? '' }
          : interpret(row, result);
      if (refusal) {
        await db.outbox.update(row.mutation_id, {
          status: 'rejected',
          code: refusal.code,
          message: refusal.message || null,
          rejected_at: now,
        });
      } else {
        await db.outbox.delete(row.mutation_id);
      }
    }
    const meta = await readMeta(db);
    await db.meta.put({ ...meta, last_seq_acked: Math.max(meta.last_seq_acked, lastSeq) });
    return { answered, foreignSeq };
  });
}

/**
 * Gives the pending rows consecutive seqs from `firstSeq` on. Only for when the server has shown it
 * never saw them under their current seqs: a 409 seq_gap (it lost what we had already been
 * acknowledged for) or seqs it knows from another install of this device id.
 */
export async function resequencePending(db: ScannerDb, firstSeq: number): Promise<void> {
  await db.transaction('rw', [db.outbox, db.meta], async () => {
    const pending = await db.outbox
      .where('[status+seq]')
      .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
      .toArray();
    let seq = firstSeq;
    for (const row of pending) await db.outbox.update(row.mutation_id, { seq: seq++ });
    const meta = await readMeta(db);
    await db.meta.put({ ...meta, next_seq: seq });
  });
}

/** The server answered for this row with a whole-request refusal (malformed): keep it, visibly. */
export async function markRejected(db: ScannerDb, mutationId: string, code: string, message: string, now: string) {
  await db.outbox.update(mutationId, { status: 'rejected', code, message, rejected_at: now });
}

export async function pendingRows(db: ScannerDb, picklistId?: string): Promise<OutboxRow[]> {
  const rows = await db.outbox
    .where('[status+seq]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
    .toArray();
  return picklistId === undefined ? rows : rows.filter((r) => r.picklist_id === picklistId);
}

export const countPending = (db: ScannerDb) => db.outbox.where('status').equals('pending').count();

export async function listRejected(db: ScannerDb): Promise<OutboxRow[]> {
  const rows = await db.outbox.where('status').equals('rejected').toArray();
  return rows.sort((a, b) => (b.rejected_at ?? '').localeCompare(a.rejected_at ?? ''));
}

/** The worker has read the rejection: the server answered for it long ago, so it may go. */
export async function dismissRejected(db: ScannerDb, mutationId: string): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(mutationId);
    if (row?.status === 'rejected') await db.outbox.delete(mutationId);
  });
}

/**
 * After a pull: the server has seqs up to `lastSeq` for this device id. If that is beyond anything
 * this install issued, pending rows move past it, or the server would take them for duplicates.
 */
export async function adoptServerLastSeq(db: ScannerDb, lastSeq: number): Promise<boolean> {
  return db.transaction('rw', [db.outbox, db.meta], async () => {
    const meta = await readMeta(db);
    // Seqs we never issued: this is a fresh install under a device id the server already knows.
    if (lastSeq < meta.next_seq) return false;
    await resequencePending(db, lastSeq + 1);
    return true;
  });
}
