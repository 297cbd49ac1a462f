import type { MiddlewareHandler } from 'hono';
import { createEmbeddedInventoryService } from '../adapters/inventory/embedded-inventory-service.ts';
import { createHttpInventoryService } from '../adapters/inventory/http-inventory-service.ts';
import { startReferenceInventoryServer } from '../adapters/inventory/reference-inventory-server.ts';
import type { Db } from '../db/client.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { fixedClock } from '../platform/clock.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/**
 * A test app in INVENTORY_MODE=http: a real Inventory Service stand-in on loopback (its own database,
 * the reference server in front of the embedded implementation), reached through the http adapter.
 * `intercept` sits at the stand-in's door to inject outages. Call `close()` after the test.
 */
export async function createHttpInventoryTestApp(options: {
  intercept: MiddlewareHandler;
  timeoutMs?: number;
  retries?: number;
}): Promise<{ t: TestApp; inventoryDb: Db; close(): Promise<void> }> {
  const inventoryDb = createTestDatabase();
  const clock = fixedClock(new Date('2026-01-05T09:00:00.000Z'));
  const server = await startReferenceInventoryServer(createEmbeddedInventoryService(inventoryDb, clock), {
    token: 'inv-token',
    intercept: options.intercept,
  });
  const inventory = createHttpInventoryService({
    baseUrl: server.url,
    token: 'inv-token',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    retries: options.retries ?? 0,
    backoffMs: 5,
  });
  return { t: await createTestApp({ inventory }), inventoryDb, close: server.close };
}
