import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { runHealthChecks } from './health.checks.ts';

const CheckSchema = z.object({ status: z.enum(['ok', 'degraded', 'down']) }).catchall(z.unknown());
const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    checked_at: z.string(),
    uptime_seconds: z.number(),
    subsystems: z.record(z.string(), CheckSchema),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Metrics and health'],
  summary: 'Health of each subsystem',
  description:
    'No authentication. 200 while the service can take work (even if degraded), 503 when a subsystem it cannot work without is down.',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Down', content: { 'application/json': { schema: HealthSchema } } },
  },
});

/** Health needs no token: load balancers and the handheld's connectivity probe call it. */
export function healthRoutes(startedAt: Date) {
  return new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
    const { db, config, clock, inventory } = c.var.deps;
    const report = await runHealthChecks({ db, inventory, pwaDir: config.pwaDir, now: clock.now(), startedAt });
    c.header('Cache-Control', 'no-store');
    return report.status === 'down' ? c.json(report, 503) : c.json(report, 200);
  });
}
