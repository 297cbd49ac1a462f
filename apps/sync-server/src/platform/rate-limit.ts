import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { ProblemError } from './problem.ts';

/**
 * A token bucket per caller and tenant, kept in memory: enough for one instance, and it protects the
 * database from a runaway integration. Handhelds batch their scans, so the default is generous.
 */
export function rateLimit(options: { perMinute: number; burst?: number; now?: () => number }) {
  const capacity = options.burst ?? options.perMinute;
  const refillPerMs = options.perMinute / 60_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  return createMiddleware<AppEnv>(async (c, next) => {
    const key = `${c.var.tenantId}\u0000${c.var.principal.subject}`;
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * refillPerMs);
    bucket.at = t;
    buckets.set(key, bucket);
    c.header('RateLimit-Limit', String(options.perMinute));
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
      c.header('RateLimit-Remaining', '0');
      throw new ProblemError(429, 'rate_limited', `too many requests: retry in ${retryAfter} s`, {
        headers: { 'Retry-After': String(retryAfter), 'RateLimit-Remaining': '0' },
      });
    }
    bucket.tokens -= 1;
    c.header('RateLimit-Remaining', String(Math.floor(bucket.tokens)));
    // Idle callers are forgotten so the map cannot grow without bound.
    if (buckets.size > 10_000) {
      for (const [k, b] of buckets) if (t - b.at > 60_000) buckets.delete(k);
    }
    await next();
  });
}
