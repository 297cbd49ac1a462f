import type { Role } from '@fulfillment/domain/security/roles';
import { hasAnyRole } from '../../platform/auth.ts';
import type { Actor, Principal } from '../../platform/context.ts';
import { forbidden } from '../../platform/problem.ts';
import type { PicklistRow } from './picklist-events.ts';

/**
 * Who may work a picklist. Supervisors, admins and machines may act on any picklist of their tenant;
 * a picker only on the picklists assigned to them, which needs a worker identity (a worker key).
 */

const actsForOthers: readonly Role[] = ['supervisor', 'admin', 'integration'];
/** Roles that may read any picklist: everyone but a plain picker. */
const readsAll: readonly Role[] = ['packer', 'supervisor', 'qc_agent', 'admin', 'integration'];

/** What a command needs to know of the caller beyond the actor: may it act on others' picklists? */
export type PickAccess = { actingForOthers?: boolean };

export function pickAccessOf(principal: Principal): PickAccess {
  return { actingForOthers: hasAnyRole(principal, actsForOthers) };
}

/** Pickers see their own picklists only: the worker id a list is narrowed to, or undefined for all. */
export function readableWorkerOf(principal: Principal): string | null | undefined {
  if (hasAnyRole(principal, readsAll)) return undefined;
  return principal.workerId ?? null;
}

export function assertMayRead(principal: Principal, row: PicklistRow): void {
  const own = readableWorkerOf(principal);
  if (own === undefined) return;
  if (own === null || row.assignedWorkerId !== own) {
    throw forbidden('a picker may only read the picklists assigned to them');
  }
}

/**
 * Enforced inside the pick commands (start, scan, short, complete, rebin), so that the sync door is
 * guarded as the REST one: an actor that is a worker acts only on its own picklist unless the caller
 * said it may act for others; a caller without worker identity needs `actingForOthers`.
 */
export function assertMayPick(actor: Actor, row: PicklistRow, access: PickAccess = {}): void {
  if (access.actingForOthers) return;
  if (actor.workerId === null) {
    if (actor.type === 'worker') throw forbidden('a worker key without a worker cannot pick');
    // Services and back-office tokens reach here only through routes that admitted their role.
    if (actor.type === 'system' || actor.type === 'integration') return;
    throw forbidden('picking needs a worker identity: sign in with a worker key');
  }
  if (row.assignedWorkerId !== actor.workerId) {
    throw forbidden(`picklist ${row.id} is assigned to another worker`);
  }
}
