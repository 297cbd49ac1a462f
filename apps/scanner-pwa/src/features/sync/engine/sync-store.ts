import type { PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import type { MutationResult, PullResponse } from '@fulfillment/domain/sync/sync-schemas';
import type { CachedPicklist, OutboxRow, PicklistDisplay } from '../../../db/db-types.ts';
import {
  adoptServerLastSeq,
  applyPushResults,
  markRejected,
  pendingBatch,
  pendingRows,
  readMeta,
  resequencePending,
  type PushAck,
  type ResultInterpreter,
} from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';

/** Everything the sync engine reads and writes locally; the Dexie version is below. */
export interface SyncStore {
  deviceId(): Promise<string | undefined>;
  pendingBatch(maxCount: number, maxBytes: number): Promise<OutboxRow[]>;
  applyPushResults(sent: OutboxRow[], results: MutationResult[], lastSeq: number): Promise<PushAck>;
  resequencePending(firstSeq: number): Promise<void>;
  markRejected(row: OutboxRow, code: string, message: string): Promise<void>;
  pullCursor(): Promise<string | null>;
  applyPull(body: PullResponse): Promise<void>;
  recordSync(result: { ok: boolean; error: string | null }): Promise<void>;
}

/** How server picklists become local ones: owned by the pick feature, handed in by the app. */
export type PicklistAdapter = {
  /** The server's picklist as sent in a pull change; undefined if it cannot be read. */
  fromServer(data: unknown): { state: PicklistState; display: PicklistDisplay } | undefined;
  /** Rule 9: the server's state with this device's pending work re-applied on top, in seq order. */
  reapply(serverState: PicklistState, pending: OutboxRow[], display: PicklistDisplay): PicklistState;
  /** Bad news inside an applied mutation's result (see ResultInterpreter). */
  interpret?: ResultInterpreter;
};

export function createDexieSyncStore(db: ScannerDb, picklists: PicklistAdapter, now: () => Date): SyncStore {
  const stamp = () => now().toISOString();
  return {
    async deviceId() {
      return (await db.device.toCollection().first())?.id;
    },
    pendingBatch: (maxCount, maxBytes) => pendingBatch(db, maxCount, maxBytes),
    applyPushResults: (sent, results, lastSeq) =>
      applyPushResults(db, sent, results, lastSeq, stamp(), picklists.interpret),
    resequencePending: (firstSeq) => resequencePending(db, firstSeq),
    markRejected: (row, code, message) => markRejected(db, row.mutation_id, code, message, stamp()),
    async pullCursor() {
      return (await readMeta(db)).pull_cursor;
    },
    async applyPull(body) {
      await db.transaction('rw', [db.picklists, db.outbox, db.meta], async () => {
        for (const change of body.changes) {
          if (change.entity !== 'picklist') continue;
          if (change.op === 'delete') {
            await db.picklists.delete(change.id);
            continue;
          }
          const read = picklists.fromServer(change.data);
          if (!read) continue;
          const pending = await pendingRows(db, read.state.picklist_id);
          const cached: CachedPicklist = {
            picklist_id: read.state.picklist_id,
            server_state: read.state,
            state: picklists.reapply(read.state, pending, read.display),
            display: read.display,
            server_cursor: change.cursor,
            updated_at: stamp(),
          };
          await db.picklists.put(cached);
        }
        await adoptServerLastSeq(db, body.last_seq);
        const meta = await readMeta(db);
        await db.meta.put({ ...meta, pull_cursor: body.next_cursor, last_seq_acked: body.last_seq });
      });
    },
    async recordSync({ ok, error }) {
      await db.transaction('rw', db.meta, async () => {
        const meta = await readMeta(db);
        await db.meta.put({ ...meta, last_error: error, ...(ok ? { last_sync_at: stamp() } : {}) });
      });
    },
  };
}
