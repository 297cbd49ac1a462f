import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { idempotencyKeys } from '../db/schema/platform.ts';
import type { AppEnv } from './context.ts';
import { ProblemError } from './problem.ts';

const RETENTION_MS = 24 * 60 * 60 * 1000;
const keyShape = /^[\x21-\x7e]{1,255}$/;
/** Outcomes worth replaying: the request ran. Anything else (bad input, auth, faults) frees the key. */
const storable = (status: number) => (status >= 200 && status < 300) || status === 409 || status === 422;
const replayedHeaders = ['content-type', 'location', 'etag', 'link'];
const writeMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/**
 * Idempotency-Key handling for every write (CONVENTIONS.md: Writes). Keys are scoped to the tenant
 * and the caller, and the stored answer is bound to a fingerprint of the request.
 */
export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined || !writeMethods.has(c.req.method)) return next();
  if (!keyShape.test(key)) {
    throw new ProblemError(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1-255 visible ASCII characters');
  }
  const { db, clock, secretBox } = c.var.deps;
  const scope = { tenantId: c.var.tenantId, principal: c.var.principal.subject, key };
  const body = await c.req.text();
  const path = new URL(c.req.url).pathname.replace(/^\/v1\/[^/]+\/fulfillment/, '/v1/fulfillment');
  const fingerprint = createHash('sha256').update(`${c.req.method}\n${path}\n${body}`).digest('hex');
  const now = clock.now();
  const where = and(
    eq(idempotencyKeys.tenantId, scope.tenantId),
    eq(idempotencyKeys.principal, scope.principal),
    eq(idempotencyKeys.key, key),
  );

  const existing = db.transaction((tx) => {
    const row = tx.select().from(idempotencyKeys).where(where).get();
    if (row && row.expiresAt > now.toISOString()) return row;
    if (row) tx.delete(idempotencyKeys).where(where).run();
    tx.insert(idempotencyKeys)
      .values({
        ...scope,
        fingerprint,
        state: 'in_flight',
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + RETENTION_MS).toISOString(),
      })
      .run();
    return undefined;
  });

  if (existing) {
    if (existing.fingerprint !== fingerprint) {
      throw new ProblemError(
        422,
        'idempotency_key_reused',
        'this Idempotency-Key was already used with a different request',
      );
    }
    if (existing.state === 'in_flight') {
      throw new ProblemError(409, 'idempotency_key_in_use', 'a request with this Idempotency-Key is still running');
    }
    const headers = new Headers(existing.responseHeaders ?? {});
    headers.set('Idempotent-Replayed', 'true');
    const status = existing.responseStatus ?? 200;
    // A null-body status (204 No Content) must be replayed without a body, or Response refuses it.
    if (status === 204 || status === 205 || status === 304) return new Response(null, { status, headers });
    const body =
      existing.responseSealed && existing.responseBody ? secretBox.open(existing.responseBody) : existing.responseBody;
    return new Response(body, { status, headers });
  }

  let completed = false;
  try {
    await next();
    const res = c.res;
    if (storable(res.status)) {
      const text = await res.clone().text();
      const sealed = c.get('sensitiveResponse') === true;
      const stored = sealed ? secretBox.seal(text) : text;
      const headers: Record<string, string> = {};
      for (const name of replayedHeaders) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      db.update(idempotencyKeys)
        .set({
          state: 'completed',
          responseStatus: res.status,
          responseHeaders: headers,
          responseBody: stored,
          responseSealed: sealed,
        })
        .where(where)
        .run();
      completed = true;
    }
  } finally {
    if (!completed) db.delete(idempotencyKeys).where(where).run();
  }
});

/** Route guard for POSTs that create a resource: there the key is required, not optional. */
export const requireIdempotencyKey = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('Idempotency-Key') === undefined) {
    throw new ProblemError(
      400,
      'idempotency_key_required',
      'this request creates a resource: send an Idempotency-Key header so that a retry cannot create it twice',
    );
  }
  await next();
});
