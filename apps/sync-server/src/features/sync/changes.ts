import type { SyncChange } from '@fulfillment/domain/sync/sync-schemas';
import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { lean, preparedOnce } from '../../db/prepared.ts';
import { syncChanges } from '../../db/schema/sync.ts';
import { newId } from '../../platform/ids.ts';

/**
 * Who receives a change. Prefixed so a device id (the device's own serial, any text) can never be
 * mistaken for a worker or a warehouse.
 */
export const syncAudience = {
  worker: (workerId: string) => `worker:${workerId}`,
  device: (deviceId: string) => `device:${deviceId}`,
  warehouse: (warehouseId: string) => `warehouse:${warehouseId}`,
};

export type SyncEntity = SyncChange['entity'];

/** Reads an entity as the handheld caches it, or undefined when it is gone. */
export type SyncEntityLoader = (db: Db | Tx, tenantId: string, id: string) => unknown;
const loaders = new Map<SyncEntity, SyncEntityLoader>();

/**
 * How the pull reads an entity whose change was published without data: the current state, in
 * the pull's own read transaction. Publishing then costs two small rows however large the entity,
 * and a device always gets the entity as it is, never a stale copy.
 */
export function registerSyncEntity(entity: SyncEntity, loader: SyncEntityLoader): void {
  loaders.set(entity, loader);
}

export type PublishedChange = {
  tenantId: string;
  /** `syncAudience.worker(id)`, `.device(id)` or `.warehouse(id)`; several reach each of them. */
  audience: readonly string[];
  entity: SyncEntity;
  id: string;
  op: SyncChange['op'];
  /**
   * The entity as the handheld caches it. Omit it for an entity with a registered loader: the pull
   * reads the current state then (and answers `delete` if the loader finds nothing).
   */
  data?: unknown;
  /** When it changed (actor.now); defaults to the wall clock. Informational: order is the cursor. */
  at?: Date;
};

const p = (name: string) => sql.placeholder(name);

/** Publishing runs inside every picklist change (every scan): its statements are prepared once. */
function statements(db: Db | Tx) {
  return preparedOnce(db, 'sync-changes', (d) => {
    const ofEntity = and(
      eq(syncChanges.tenantId, p('tenantId')),
      eq(syncChanges.entity, p('entity')),
      eq(syncChanges.entityId, p('entityId')),
    );
    const byCount = new Map<number, ReturnType<typeof supersedeOf>>();
    /**
     * Removes, in one statement, every row a `syncEntity` to `count` audiences supersedes: the
     * upserts of whoever holds the entity, and whatever the new audiences hold of it (an earlier
     * delete included). Answers what it removed, so that the holders left out get their delete.
     */
    const supersedeOf = (count: number) => {
      const audiences = Array.from({ length: count }, (_, i) => p(`audience${i}`));
      const superseded =
        count === 0
          ? eq(syncChanges.op, 'upsert')
          : or(eq(syncChanges.op, 'upsert'), inArray(syncChanges.audience, audiences));
      return lean(
        d
          .delete(syncChanges)
          .where(and(ofEntity, superseded))
          .returning({ audience: syncChanges.audience, op: syncChanges.op })
          .prepare(),
      );
    };
    return {
      supersede: lean(
        d
          .delete(syncChanges)
          .where(and(ofEntity, eq(syncChanges.audience, p('audience'))))
          .prepare(),
      ),
      insert: lean(
        d
          .insert(syncChanges)
          .values({
            tenantId: p('tenantId'),
            audience: p('audience'),
            changeId: p('changeId'),
            entity: p('entity'),
            entityId: p('entityId'),
            op: p('op'),
            data: p('data'),
            createdAt: p('createdAt'),
          })
          .prepare(),
      ),
      /** By audience count: an entity goes to one to three audiences, so few are ever prepared. */
      supersedeFor: (count: number) => {
        let query = byCount.get(count);
        if (!query) byCount.set(count, (query = supersedeOf(count)));
        return query;
      },
    };
  });
}

type EntityKey = { tenantId: string; entity: SyncEntity; entityId: string };

/** The rows of one publish: one per audience, consecutive (nothing else writes in between), as the pull relies on. */
function insertChange(
  tx: Tx | Db,
  key: EntityKey,
  audiences: readonly string[],
  change: Pick<PublishedChange, 'op' | 'data' | 'at'>,
) {
  const s = statements(tx);
  const changeId = newId('evt');
  const createdAt = (change.at ?? new Date()).toISOString();
  for (const audience of audiences)
    s.insert.run({ ...key, audience, changeId, op: change.op, data: change.data ?? null, createdAt });
}

/**
 * Queues a change for the handhelds of its audience, in the caller's transaction: a change is
 * pulled if and only if it committed. Changes are whole entities, so each audience keeps only the
 * latest change of an entity: a device that had not pulled the older one gets the newer instead,
 * and the table stays as large as what the devices hold.
 */
export function publishChange(tx: Tx | Db, change: PublishedChange): void {
  const audiences = [...new Set(change.audience)];
  if (audiences.length === 0) return;
  const key = { tenantId: change.tenantId, entity: change.entity, entityId: change.id };
  const s = statements(tx);
  for (const audience of audiences) s.supersede.run({ ...key, audience });
  insertChange(tx, key, audiences, change);
}

/**
 * Sends the entity to exactly this audience: an upsert to each of them, and a delete to those that
 * hold it from an earlier publish but are no longer in it (a picklist handed to another worker
 * leaves the first worker's handheld).
 *
 * Every picklist change (every scan) runs this, so the rows it supersedes are removed by one
 * statement, which also tells who held the entity: the same rows as a lookup of the holders and
 * a `publishChange` to each group (superseded rows, then the delete, then the upsert), in three
 * statements for two audiences instead of five. (Not an `ON CONFLICT DO UPDATE`: a superseding row
 * needs a new cursor, above every cursor ever given, which only an insert gets from SQLite.)
 */
export function syncEntity(tx: Tx | Db, entity: Omit<PublishedChange, 'op'>): void {
  const audiences = [...new Set(entity.audience)];
  const key = { tenantId: entity.tenantId, entity: entity.entity, entityId: entity.id };
  const named = Object.fromEntries(audiences.map((a, i) => [`audience${i}`, a]));
  const superseded = statements(tx)
    .supersedeFor(audiences.length)
    .all({ ...key, ...named });
  const audience = new Set(audiences);
  // In audience order, as the distinct lookup of the holders gave them (read off `sync_change_audience`).
  const holders = [
    ...new Set(superseded.filter((r) => r.op === 'upsert' && !audience.has(r.audience)).map((r) => r.audience)),
  ].sort();
  if (holders.length > 0) insertChange(tx, key, holders, { op: 'delete', data: null, at: entity.at });
  if (audiences.length > 0) insertChange(tx, key, audiences, { op: 'upsert', data: entity.data, at: entity.at });
}

export type PulledChanges = { changes: SyncChange[]; nextCursor: number; hasMore: boolean };

/**
 * Changes for these audiences after the cursor, oldest first, at most `limit`. A change sent to
 * several of the caller's audiences is one publish with one row each; those rows are consecutive,
 * so the page carries the change once and never ends between two of its rows. Call it in a read
 * transaction: loaded entities are then as of the page.
 */
export function pullChanges(
  db: Db | Tx,
  query: { tenantId: string; audiences: readonly string[]; after: number; limit: number },
): PulledChanges {
  const audiences = [...new Set(query.audiences)];
  // A change has at most one row per audience: enough rows to finish the last change of the page
  // and to know whether anything follows.
  const rows = db
    .select()
    .from(syncChanges)
    .where(
      and(
        eq(syncChanges.tenantId, query.tenantId),
        inArray(syncChanges.audience, audiences),
        gt(syncChanges.cursor, query.after),
      ),
    )
    .orderBy(asc(syncChanges.cursor))
    .limit(query.limit + audiences.length)
    .all();
  let end = Math.min(query.limit, rows.length);
  while (end > 0 && end < rows.length && rows[end]!.changeId === rows[end - 1]!.changeId) end++;
  const changes: SyncChange[] = [];
  for (let i = 0; i < end; i++) {
    const row = rows[i]!;
    if (i > 0 && rows[i - 1]!.changeId === row.changeId) continue;
    const entity = row.entity as SyncEntity;
    const load = row.op === 'upsert' && row.data === null ? loaders.get(entity) : undefined;
    const data = load ? load(db, query.tenantId, row.entityId) : row.data;
    const op = load && data === undefined ? 'delete' : row.op;
    changes.push({ cursor: String(row.cursor), entity, id: row.entityId, op, data: data ?? null });
  }
  return { changes, nextCursor: end > 0 ? rows[end - 1]!.cursor : query.after, hasMore: end < rows.length };
}
