import type { Context } from 'hono';
import type { Actor, AppEnv } from './context.ts';

/** The command-side view of the caller: resolved once per request, passed into every command. */
export function actorOf(c: Context<AppEnv>): Actor {
  const p = c.var.principal;
  return {
    tenantId: c.var.tenantId,
    type: p.kind,
    id: p.subject,
    deviceId: p.deviceId ?? null,
    workerId: p.workerId ?? null,
    requestId: c.var.requestId,
    now: c.var.deps.clock.now(),
  };
}
