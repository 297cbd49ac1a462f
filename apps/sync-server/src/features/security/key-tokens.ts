import type { Role } from '@fulfillment/domain/security/roles';
import type { TokenClaims, TokenService } from '../../platform/tokens.ts';
import type { KeyRow } from './keys.queries.ts';

/** Whole seconds: a JWT's iat/exp are seconds, and the stored expiry must equal the token's exactly. */
export function keyLifetime(now: Date, ttlSeconds: number) {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return { expiresAt: new Date((issuedAt + ttlSeconds) * 1000).toISOString() };
}

/** Who the token speaks for: the worker, the device, or (for a machine) the key itself. */
function subjectOf(key: KeyRow): string {
  if (key.kind === 'worker') return key.workerId!;
  if (key.kind === 'device') return key.deviceId!;
  return key.id;
}

const principalKind: Record<KeyRow['kind'], TokenClaims['kind']> = {
  device: 'device',
  worker: 'worker',
  integration: 'integration',
};

/**
 * Signs the token of a stored key. Everything comes from the record (iat from created_at, exp from
 * expires_at, jti = key id) and HS256 is deterministic, so signing the same record again yields the
 * very same token: a replayed create could re-derive it instead of the token ever being stored.
 */
export function signKeyToken(tokens: TokenService, key: KeyRow): Promise<string> {
  const issuedAt = new Date(key.createdAt);
  const iat = Math.floor(issuedAt.getTime() / 1000);
  const exp = Math.floor(Date.parse(key.expiresAt) / 1000);
  return tokens.sign(
    {
      subject: subjectOf(key),
      kind: principalKind[key.kind],
      tenants: [key.tenantId],
      roles: key.roles as Role[],
      deviceId: key.deviceId ?? undefined,
      workerId: key.workerId ?? undefined,
      keyId: key.id,
      ttlSeconds: exp - iat,
    },
    issuedAt,
  );
}
