import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { beforeCommit, lean, preparedOnce } from '../../db/prepared.ts';
import { picklists } from '../../db/schema/picklists.ts';
import type { Actor } from '../../platform/context.ts';
import { onPicklistChanged } from '../picklists/picklist-events.ts';
import { getPicklistState } from '../picklists/picklists.queries.ts';
import { registerSyncEntity, syncAudience, syncEntity } from './changes.ts';

/** Who holds the picklist on a handheld: prepared once, as it runs after every scan. */
const assignees = (db: Db | Tx) =>
  preparedOnce(db, 'picklist-assignees', (d) =>
    lean(
      d
        .select({ workerId: picklists.assignedWorkerId, deviceId: picklists.assignedDeviceId })
        .from(picklists)
        .where(and(eq(picklists.tenantId, sql.placeholder('tenantId')), eq(picklists.id, sql.placeholder('id'))))
        .prepare(),
    ),
  );

/**
 * After every picklist change (whichever door it came in by), in that change's transaction: the
 * picklist goes to the handhelds that hold it, the assigned worker's and the assigned device;
 * reassigned or unassigned, it leaves the others. Only the fact is written; the pull reads the
 * picklist's state (`GET /picklists/{id}/state`) as it is then.
 *
 * Written once per transaction and picklist, at its end (`beforeCommit`): a push applies up to 100
 * scans of the same picklist in one transaction (features/sync/push.ts), and each publish replaced
 * the rows the one before it had written in that transaction, so only the last reached a pull. The
 * deferred publish is that last one: the same rows, with the last change's time, read in the same
 * state (nothing changes a picklist without coming through here again), in the order the
 * picklists last changed. Outside a push's transaction (the REST routes, jobs) it is written at once.
 */
export function publishPicklist(tx: Tx, actor: Actor, picklistId: string): void {
  beforeCommit(tx, `sync-picklist:${actor.tenantId}:${picklistId}`, () => publishNow(tx, actor, picklistId));
}

function publishNow(tx: Tx, actor: Actor, picklistId: string): void {
  const row = assignees(tx).get({ tenantId: actor.tenantId, id: picklistId });
  if (!row) return;
  const audience: string[] = [];
  if (row.workerId) audience.push(syncAudience.worker(row.workerId));
  if (row.deviceId) audience.push(syncAudience.device(row.deviceId));
  syncEntity(tx, { tenantId: actor.tenantId, entity: 'picklist', id: picklistId, audience, at: actor.now });
}

let listening = false;

/** Subscribes to picklist changes, once per process (every app shares the picklists' hook). */
export function syncPicklists(): void {
  if (listening) return;
  listening = true;
  registerSyncEntity('picklist', (db, tenantId, id) => getPicklistState(db, tenantId, id));
  onPicklistChanged(publishPicklist);
}
