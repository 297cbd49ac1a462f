import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { inboundEvents } from '../db/schema/platform.ts';
import type { AppEnv } from './context.ts';
import { validationProblem } from './errors.ts';
import { ProblemError } from './problem.ts';
import { SIGNATURE_HEADER, verifySignature } from './signatures.ts';

/**
 * Callbacks from other systems (Inventory Service, carriers) arrive at least once: each is known by
 * its source and event id, and applied only the first time.
 */
export function wasReceived(db: Db | Tx, source: string, eventId: string): boolean {
  return (
    db
      .select({ eventId: inboundEvents.eventId })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.source, source), eq(inboundEvents.eventId, eventId)))
      .get() !== undefined
  );
}

/** Records the event in the transaction that applies it; false when it was already there. */
export function markReceived(tx: Tx, source: string, eventId: string, at: Date): boolean {
  const inserted = tx
    .insert(inboundEvents)
    .values({ source, eventId, receivedAt: at.toISOString() })
    .onConflictDoNothing()
    .run();
  return inserted.changes > 0;
}

/**
 * The body of a signed callback (Fulfillment-Signature over the raw bytes), parsed and validated:
 * 401 for a missing, forged or stale signature (a replay), 400 for bad JSON or a body that does not
 * match `schema`, 400 when a tenant-scoped path names another tenant than the event.
 */
export async function readSignedCallback<T extends { tenant_id: string }>(
  c: Context<AppEnv>,
  secret: string,
  schema: z.ZodType<T>,
): Promise<T> {
  const raw = await c.req.text();
  const check = verifySignature(secret, c.req.header(SIGNATURE_HEADER), raw, c.var.deps.clock.now());
  if (!check.ok)
    throw new ProblemError(401, `signature_${check.reason}`, `the ${SIGNATURE_HEADER} header is ${check.reason}`);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ProblemError(400, 'malformed_request', 'the request body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw validationProblem('body', parsed.error.issues);
  const pathTenant = /^\/v1\/([^/]+)\/fulfillment\//.exec(new URL(c.req.url).pathname)?.[1];
  if (pathTenant && pathTenant !== parsed.data.tenant_id)
    throw new ProblemError(400, 'tenant_mismatch', 'the path and the event name different tenants');
  return parsed.data;
}
