import { isRole, type Role } from '@fulfillment/domain/security/roles';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Principal } from './context.ts';
import { unauthenticated } from './problem.ts';

/** One algorithm, pinned: a token that names any other (including `none`) is refused outright. */
const ALGORITHM = 'HS256';

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
  const key = new TextEncoder().encode(options.secret);
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
      return jwt.sign(key);
    },

    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, key, {
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
        return {
          kind,
          subject: payload.sub!,
          tenants: tenants as string[],
          roles: roles as Role[],
          deviceId: typeof payload.device_id === 'string' ? payload.device_id : undefined,
          workerId: typeof payload.worker_id === 'string' ? payload.worker_id : undefined,
          keyId: typeof payload.jti === 'string' ? payload.jti : undefined,
        };
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
