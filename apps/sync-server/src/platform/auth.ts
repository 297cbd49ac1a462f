import type { Role } from '@fulfillment/domain/security/roles';
import { and, eq, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db/client.ts';
import { lean, preparedOnce } from '../db/prepared.ts';
import { apiKeys, devices } from '../db/schema/security.ts';
import { workers } from '../db/schema/warehouses.ts';
import type { AppEnv, Principal } from './context.ts';
import { forbidden, ProblemError, unauthenticated } from './problem.ts';

const bearer = /^Bearer ([A-Za-z0-9\-_.]+)$/;

/** Verifies the bearer token and puts the caller on the context as `principal`. */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) throw unauthenticated('an Authorization: Bearer token is required');
  const match = bearer.exec(header);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <token>"');
  const { tokens, clock } = c.var.deps;
  const principal = await tokens.verify(match[1]!, clock.now());
  c.set('principal', principal);
  await next();
});

/** The three checks every request with a minted key makes, prepared once per connection (`db/prepared.ts`). */
const standing = (db: Db) =>
  preparedOnce(db, 'auth-standing', (d) => {
    const p = sql.placeholder;
    return {
      key: lean(
        d
          .select({ revokedAt: apiKeys.revokedAt })
          .from(apiKeys)
          .where(and(eq(apiKeys.tenantId, p('tenantId')), eq(apiKeys.id, p('id'))))
          .prepare(),
      ),
      device: lean(
        d
          .select({ status: devices.status })
          .from(devices)
          .where(and(eq(devices.tenantId, p('tenantId')), eq(devices.id, p('id'))))
          .prepare(),
      ),
      worker: lean(
        d
          .select({ status: workers.status })
          .from(workers)
          .where(and(eq(workers.tenantId, p('tenantId')), eq(workers.id, p('id'))))
          .prepare(),
      ),
    };
  });

/**
 * Keys minted by POST /keys can be revoked before they expire, and so can every key of a device.
 * Runs after tenancy, so the lookup is per tenant.
 */
export const rejectRevokedKeys = createMiddleware<AppEnv>(async (c, next) => {
  const { principal, tenantId } = c.var;
  const checks = standing(c.var.deps.db);
  if (principal.keyId) {
    const key = checks.key.get({ tenantId, id: principal.keyId });
    if (!key || key.revokedAt) throw unauthenticated('this key has been revoked');
  }
  if (principal.deviceId && principal.kind !== 'user') {
    const device = checks.device.get({ tenantId, id: principal.deviceId });
    if (!device || device.status !== 'active') throw unauthenticated('this device is not registered or was revoked');
  }
  // A worker who leaves (deactivated) must not keep working on a key minted for the shift.
  if (principal.kind === 'worker' && principal.workerId) {
    const worker = checks.worker.get({ tenantId, id: principal.workerId });
    if (!worker || worker.status !== 'active') throw unauthenticated('this worker is no longer active');
  }
  await next();
});

const tenantPath = /^\/v1\/([^/]+)\/fulfillment(?:\/|$)/;
const tenantIdShape = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The tenant comes from the token. The path form /v1/{tenantId}/fulfillment or X-Tenant-ID may
 * narrow a multi-tenant token to one of its tenants, never widen it.
 */
export const resolveTenant = createMiddleware<AppEnv>(async (c, next) => {
  const principal = c.var.principal;
  const fromPath = tenantPath.exec(new URL(c.req.url).pathname)?.[1];
  const fromHeader = c.req.header('X-Tenant-ID');
  if (fromPath && fromHeader && fromPath !== fromHeader) {
    throw new ProblemError(400, 'tenant_mismatch', 'X-Tenant-ID does not match the tenant in the path');
  }
  const requested = fromPath ?? fromHeader;
  let tenantId: string;
  if (requested !== undefined) {
    if (!tenantIdShape.test(requested)) throw new ProblemError(400, 'invalid_tenant', 'tenant id is malformed');
    if (!principal.tenants.includes(requested))
      throw forbidden(`this token does not grant access to tenant ${requested}`);
    tenantId = requested;
  } else if (principal.tenants.length === 1) {
    tenantId = principal.tenants[0]!;
  } else {
    throw new ProblemError(400, 'tenant_required', 'this token spans several tenants: name one with X-Tenant-ID');
  }
  c.set('tenantId', tenantId);
  await next();
});

/** Route guard: the caller needs at least one of these roles, unless `admits` lets it through as what it is. */
export function requireRoles(allowed: readonly Role[], admits?: (principal: Principal) => boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (!hasAnyRole(principal, allowed) && !admits?.(principal)) {
      throw forbidden(`this action needs one of the roles: ${allowed.join(', ')}`);
    }
    await next();
  });
}

export function hasAnyRole(principal: Principal, allowed: readonly Role[]): boolean {
  return principal.roles.some((r) => allowed.includes(r));
}
