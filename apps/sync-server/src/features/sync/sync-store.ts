import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { lean, preparedOnce } from '../../db/prepared.ts';
import { syncDevices, syncMutations } from '../../db/schema/sync.ts';

export type StoredMutation = typeof syncMutations.$inferSelect;

const p = (name: string) => sql.placeholder(name);

/**
 * The push's own reads and writes, prepared once per connection (and `lean`): every mutation of
 * every batch runs them, and building the same drizzle queries each time costs more than running them.
 */
function prepare(db: Db | Tx) {
  const byDevice = and(eq(syncMutations.tenantId, p('tenantId')), eq(syncMutations.deviceId, p('deviceId')));
  const lastSeq = db
    .select({ lastSeq: syncDevices.lastSeq })
    .from(syncDevices)
    .where(and(eq(syncDevices.tenantId, p('tenantId')), eq(syncDevices.deviceId, p('deviceId'))))
    .prepare();
  const bySeq = db
    .select()
    .from(syncMutations)
    .where(and(byDevice, eq(syncMutations.seq, p('seq'))))
    .prepare();
  const byMutationId = db
    .select()
    .from(syncMutations)
    .where(and(byDevice, eq(syncMutations.mutationId, p('mutationId'))))
    .prepare();
  const insert = db
    .insert(syncMutations)
    .values({
      tenantId: p('tenantId'),
      deviceId: p('deviceId'),
      seq: p('seq'),
      mutationId: p('mutationId'),
      name: p('name'),
      status: p('status'),
      code: p('code'),
      message: p('message'),
      result: p('result'),
      workerId: p('workerId'),
      requestId: p('requestId'),
      createdAt: p('createdAt'),
      appliedAt: p('appliedAt'),
    })
    .prepare();
  const advance = db
    .insert(syncDevices)
    .values({ tenantId: p('tenantId'), deviceId: p('deviceId'), lastSeq: p('seq'), updatedAt: p('now') })
    .onConflictDoUpdate({
      target: [syncDevices.tenantId, syncDevices.deviceId],
      set: { lastSeq: sql`excluded.last_seq`, updatedAt: sql`excluded.updated_at` },
    })
    .prepare();
  return {
    lastSeq: lean(lastSeq),
    bySeq: lean(bySeq),
    byMutationId: lean(byMutationId),
    insert: lean(insert),
    advance: lean(advance),
  };
}

export function syncStore(db: Db | Tx) {
  const q = preparedOnce(db, 'sync-store', prepare);
  return {
    lastSeq: (tenantId: string, deviceId: string): number => q.lastSeq.get({ tenantId, deviceId })?.lastSeq ?? 0,
    bySeq: (tenantId: string, deviceId: string, seq: number): StoredMutation | undefined =>
      q.bySeq.get({ tenantId, deviceId, seq }),
    byMutationId: (tenantId: string, deviceId: string, mutationId: string): StoredMutation | undefined =>
      q.byMutationId.get({ tenantId, deviceId, mutationId }),
    insert: (row: StoredMutation): void => {
      q.insert.run(row);
    },
    advance: (tenantId: string, deviceId: string, seq: number, now: string): void => {
      q.advance.run({ tenantId, deviceId, seq, now });
    },
  };
}
