import { serve } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { InventoryRejectedError, type InventoryService } from './inventory-service.ts';

/**
 * The contract of docs/inventory-service.openapi.yaml, served over HTTP in front of any
 * InventoryService (the embedded one, in practice). It lets the `http` adapter be proven end to end
 * against a real server on loopback, and can stand in as a separate Inventory Service process.
 */

const problem = (status: 400 | 401 | 404 | 409 | 422, code: string, detail: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

const allocateBody = z.object({
  tenant_id: z.string().min(1),
  allocation_id: z.string().min(1),
  fulfillment_id: z.string().min(1),
  warehouse_id: z.string().nullable(),
  strategy: z.enum(['nearest_warehouse', 'fifo', 'lot_expiry']),
  lines: z.array(z.object({ line_id: z.string(), sku: z.string(), quantity: z.number().int().positive() })).min(1),
  as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
const confirmBody = z.object({
  picks: z.array(
    z.object({
      line_id: z.string(),
      location_id: z.string(),
      lot_id: z.string().nullable(),
      serial: z.string().nullable(),
      quantity: z.number().int().min(0),
    }),
  ),
});

const lotQuery = z.object({ sku: z.string().min(1).max(128), lot: z.string().min(1).max(128) });

export function referenceInventoryApp(
  inventory: InventoryService,
  options: { token: string; intercept?: MiddlewareHandler },
) {
  const app = new Hono();
  if (options.intercept) app.use(options.intercept);
  app.get('/health', (c) => c.json({ status: 'ok' }));
  const authenticated: MiddlewareHandler = async (c, next) => {
    if (c.req.header('Authorization') !== `Bearer ${options.token}`)
      return problem(401, 'unauthenticated', 'bad token');
    if (!c.req.header('X-Tenant-ID')) return problem(400, 'tenant_required', 'X-Tenant-ID is required');
    await next();
  };
  app.use('/reservations/*', authenticated);
  app.use('/lots', authenticated);
  app.onError((error) => {
    if (error instanceof InventoryRejectedError) {
      return error.code === 'reservation_not_found'
        ? problem(404, error.code, error.message)
        : problem(409, error.code, error.message);
    }
    if (error instanceof z.ZodError) return problem(400, 'validation_failed', error.message);
    throw error;
  });
  app.post('/reservations', async (c) => {
    const body = allocateBody.parse(await c.req.json());
    if (body.tenant_id !== c.req.header('X-Tenant-ID'))
      return problem(422, 'tenant_mismatch', 'body and header disagree');
    return c.json(await inventory.allocate(body, c.req.header('Idempotency-Key') ?? ''), 201);
  });
  app.get('/reservations/:id', async (c) => {
    const found = await inventory.get(c.req.header('X-Tenant-ID')!, c.req.param('id'));
    return found ? c.json(found) : problem(404, 'reservation_not_found', 'no such reservation');
  });
  app.post('/reservations/:id/confirm-pick', async (c) => {
    const { picks } = confirmBody.parse(await c.req.json());
    const key = c.req.header('Idempotency-Key') ?? '';
    return c.json(await inventory.confirmPick(c.req.header('X-Tenant-ID')!, c.req.param('id'), picks, key));
  });
  app.post('/reservations/:id/release', async (c) =>
    c.json(
      await inventory.release(c.req.header('X-Tenant-ID')!, c.req.param('id'), c.req.header('Idempotency-Key') ?? ''),
    ),
  );
  app.get('/lots', async (c) => {
    const { sku, lot } = lotQuery.parse(c.req.query());
    const found = await inventory.getLot(c.req.header('X-Tenant-ID')!, sku, lot);
    return found ? c.json(found) : problem(404, 'lot_not_found', `no lot ${lot} of ${sku}`);
  });
  return app;
}

/** Starts it on 127.0.0.1 (port 0: a free one). */
export async function startReferenceInventoryServer(
  inventory: InventoryService,
  options: { token: string; port?: number; intercept?: MiddlewareHandler },
): Promise<{ url: string; close(): Promise<void> }> {
  const app = referenceInventoryApp(inventory, options);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive sockets would hold close() open; tests must not wait on them.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
