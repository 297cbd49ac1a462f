import type { KeyKind } from '@fulfillment/domain/security/key-ttl';
import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { apiKeys } from '../../db/schema/security.ts';

type Reader = Db | Tx;
export type KeyRow = typeof apiKeys.$inferSelect;

/** Expiry is not stored as a status: it is a fact of the clock, so it is worked out when read. */
export function keyStatus(row: KeyRow, now: Date): 'active' | 'revoked' | 'expired' {
  if (row.revokedAt) return 'revoked';
  return row.expiresAt > now.toISOString() ? 'active' : 'expired';
}

/** The key as the API shows it: everything but the token, which is handed out once and never kept. */
export function toKeyResource(row: KeyRow, now: Date) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    device_id: row.deviceId,
    worker_id: row.workerId,
    roles: row.roles,
    status: keyStatus(row, now),
    expires_at: row.expiresAt,
    revoked_at: row.revokedAt,
    revoke_reason: row.revokeReason,
    created_by: row.createdBy,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
    version: row.version,
    metadata: row.metadata,
  };
}
export type KeyResource = ReturnType<typeof toKeyResource>;

export function findKeyRow(db: Reader, tenantId: string, id: string): KeyRow | undefined {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id)))
    .get();
}

export type KeyFilters = {
  kind?: KeyKind | undefined;
  deviceId?: string | undefined;
  workerId?: string | undefined;
  active?: boolean | undefined;
};

export function listKeys(
  db: Reader,
  tenantId: string,
  filters: KeyFilters,
  pageRequest: { after: string | undefined; limit: number },
  now: Date,
): KeyResource[] {
  const nowIso = now.toISOString();
  const where: SQL[] = [eq(apiKeys.tenantId, tenantId)];
  if (filters.kind) where.push(eq(apiKeys.kind, filters.kind));
  if (filters.deviceId) where.push(eq(apiKeys.deviceId, filters.deviceId));
  if (filters.workerId) where.push(eq(apiKeys.workerId, filters.workerId));
  if (filters.active === true) where.push(isNull(apiKeys.revokedAt), gt(apiKeys.expiresAt, nowIso));
  if (filters.active === false) where.push(or(isNotNull(apiKeys.revokedAt), lte(apiKeys.expiresAt, nowIso))!);
  if (pageRequest.after) where.push(gt(apiKeys.id, pageRequest.after));
  return db
    .select()
    .from(apiKeys)
    .where(and(...where))
    .orderBy(asc(apiKeys.id))
    .limit(pageRequest.limit + 1)
    .all()
    .map((row) => toKeyResource(row, now));
}

/** Keys that still open the door for this device: the ones a device revocation must close. */
export function liveKeysOfDevice(db: Reader, tenantId: string, deviceId: string, now: Date): KeyRow[] {
  return db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.deviceId, deviceId),
        isNull(apiKeys.revokedAt),
        gt(apiKeys.expiresAt, now.toISOString()),
      ),
    )
    .orderBy(asc(apiKeys.id))
    .all();
}

/**
 * The worker key that had `workerId` signed in on `deviceId` at `at` (created by then, neither expired
 * nor revoked yet), if any: the proof that something done on that handheld at that time was theirs.
 */
export function workerKeyAt(db: Reader, tenantId: string, deviceId: string, workerId: string, at: Date) {
  const when = at.toISOString();
  return db
    .select()
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.tenantId, tenantId),
        eq(apiKeys.kind, 'worker'),
        eq(apiKeys.deviceId, deviceId),
        eq(apiKeys.workerId, workerId),
        lte(apiKeys.createdAt, when),
        gt(apiKeys.expiresAt, when),
        or(isNull(apiKeys.revokedAt), gt(apiKeys.revokedAt, when)),
      ),
    )
    .orderBy(desc(apiKeys.createdAt))
    .get();
}
