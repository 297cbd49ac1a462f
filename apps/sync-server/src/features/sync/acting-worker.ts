import type { Role } from '@fulfillment/domain/security/roles';
import type { Tx } from '../../db/client.ts';
import type { Actor, Principal } from '../../platform/context.ts';
import { workerKeyAt } from '../security/keys.queries.ts';

export type ActingWorker = { principal: Principal; actor: Actor } | { refused: { code: string; message: string } };

/**
 * Who a mutation is applied as. Normally the worker whose key sends the push. On a shared handheld
 * the outbox may still hold an earlier worker's picks when the next worker signs in, and that
 * worker's key may have expired since: the mutation then names its own `worker_id`, and it is
 * applied as that worker — with their roles, on their picklists, on the timeline as theirs — if and
 * only if a worker key had them signed in on this very handheld when the mutation was made.
 * Device time is the device's word, but it cannot stretch beyond the windows in which that worker
 * really was signed in there.
 */
export function actingWorker(
  tx: Tx,
  caller: { tenantId: string; deviceId: string; principal: Principal },
  actor: Actor,
  mutation: { worker_id?: string | undefined; created_at: string },
): ActingWorker {
  const { principal } = caller;
  if (mutation.worker_id === undefined || mutation.worker_id === principal.workerId) return { principal, actor };
  const at = new Date(mutation.created_at);
  const key = workerKeyAt(tx, caller.tenantId, caller.deviceId, mutation.worker_id, at);
  if (!key) {
    return {
      refused: {
        code: 'worker_not_signed_in',
        message: `worker ${mutation.worker_id} was not signed in on handheld ${caller.deviceId} at ${at.toISOString()}`,
      },
    };
  }
  const workerId = mutation.worker_id;
  return {
    principal: {
      ...principal,
      kind: 'worker',
      subject: workerId,
      roles: key.roles as Role[],
      workerId,
      keyId: key.id,
    },
    actor: { ...actor, type: 'worker', id: workerId, workerId },
  };
}
