import type { CreateKeyInput } from '@fulfillment/domain/security/key-schemas';
import type { Role } from '@fulfillment/domain/security/roles';
import { hasAnyRole } from '../../platform/auth.ts';
import type { Principal } from '../../platform/context.ts';
import { forbidden } from '../../platform/problem.ts';
import type { KeyRow } from './keys.queries.ts';

/** A device key may create one thing: a worker key for its own device (a badge scanned on the handheld). */
export function assertMayCreateKey(p: Principal, roles: readonly Role[], input: CreateKeyInput): void {
  if (hasAnyRole(p, roles)) return;
  // A handheld renews its own device key before it expires, so nobody has to re-enrol it every week;
  // revoking the device still ends every key it holds.
  if (p.kind === 'device' && input.kind === 'device') {
    if (input.device_id !== p.deviceId) throw forbidden('a device key may only renew its own device key');
    return;
  }
  if (p.kind !== 'device' || input.kind !== 'worker') {
    throw forbidden('a device key may only create worker keys (a worker signing in on it) and renew itself');
  }
  if (input.device_id !== p.deviceId) throw forbidden('a device key may only sign workers in on its own device');
}

/** Besides supervisors and admins, a worker may revoke their own keys: signing out. */
export function assertMayRevokeKey(p: Principal, roles: readonly Role[], key: KeyRow): void {
  if (hasAnyRole(p, roles)) return;
  if (p.kind === 'worker' && key.kind === 'worker' && p.workerId !== undefined && key.workerId === p.workerId) return;
  throw forbidden('a worker may only revoke their own keys');
}
