import { isRole, type Role } from '@fulfillment/domain/security/roles';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Principal } from './context.ts';
import { unauthenticated } from './problem.ts';

/** One algorithm, pinned: a token that names any other (including `none`) is refused outright. */
const ALGORITHM = 'HS256';
const HMAC = { name: 'HMAC', hash: 'SHA-256' };
/** Verified tokens kept (`verify`): a few per handheld and back-office session. */
const MAX_VERIFIED = 10_000;

export type TokenClaims = {
  subject: string;
  kind: Principal['kind'];
  tenants: string[];
  roles: Role[];
  deviceId?: string | undefined;
  workerId?: string | undefined;
  keyId?: string | undefined;
  ttlSeconds: number;
};

export type TokenService = {
  sign(claims: TokenClaims, now: Date): Promise<string>;
  verify(token: string, now: Date): Promise<Principal>;
};

export function createTokenService(options: { secret: string; issuer: string; audience: string }): TokenService {
  // Imported once: given the raw bytes, jose imports them as a CryptoKey again on every sign and verify.
  const key = crypto.subtle.importKey('raw', new TextEncoder().encode(options.secret), HMAC, false, ['sign', 'verify']);
  /**
   * Tokens verified before, with what they said, until they expire: a handheld sends the same key
   * with every push for a whole shift, and verifying it (HMAC through WebCrypto, claims) was about 8 %
   * of a push's CPU. Only a token that passed every check is kept, with its own `exp` and `nbf`
   * still checked on each use; revocation is not a property of the token (auth.ts looks it up per
   * request). Bounded: the oldest entry goes first.
   */
  const verified = new Map<string, { principal: Principal; exp: number; nbf: number | undefined }>();
  return {
    async sign(claims, now) {
      const iat = Math.floor(now.getTime() / 1000);
      const jwt = new SignJWT({
        kind: claims.kind,
        tenants: claims.tenants,
        roles: claims.roles,
        ...(claims.deviceId ? { device_id: claims.deviceId } : {}),
        ...(claims.workerId ? { worker_id: claims.workerId } : {}),
      })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(claims.subject)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + claims.ttlSeconds);
      if (claims.keyId) jwt.setJti(claims.keyId);
      return jwt.sign(await key);
    },

    async verify(token, now) {
      const seconds = Math.floor(now.getTime() / 1000);
      const known = verified.get(token);
      if (known && seconds < known.exp && (known.nbf === undefined || known.nbf <= seconds)) return known.principal;
      if (known) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, await key, {
          algorithms: [ALGORITHM],
          issuer: options.issuer,
          audience: options.audience,
          requiredClaims: ['exp', 'sub'],
          currentDate: now,
        });
        const tenants = payload.tenants;
        const roles = payload.roles;
        const kind = payload.kind;
        if (!Array.isArray(tenants) || tenants.length === 0 || !tenants.every((t) => typeof t === 'string')) {
          throw unauthenticated('token names no tenant');
        }
        if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string' && isRole(r))) {
          throw unauthenticated('token carries unknown roles');
        }
        if (kind !== 'user' && kind !== 'device' && kind !== 'worker' && kind !== 'integration') {
          throw unauthenticated('token kind is not recognised');
        }
        // Shared by every request that brings this token: frozen, so no handler can change it for the next.
        const principal: Principal = Object.freeze({
          kind,
          subject: payload.sub!,
          tenants: Object.freeze([...tenants]) as string[],
          roles: Object.freeze([...roles]) as Role[],
          deviceId: typeof payload.device_id === 'string' ? payload.device_id : undefined,
          workerId: typeof payload.worker_id === 'string' ? payload.worker_id : undefined,
          keyId: typeof payload.jti === 'string' ? payload.jti : undefined,
        });
        if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
        verified.set(token, { principal, exp: payload.exp!, nbf: payload.nbf });
        return principal;
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw unauthenticated('token has expired');
        if (error instanceof joseErrors.JWTClaimValidationFailed) {
          throw unauthenticated(`token claim ${error.claim} is not valid`);
        }
        if (error instanceof joseErrors.JOSEError) throw unauthenticated('token is not valid');
        throw error;
      }
    },
  };
}
