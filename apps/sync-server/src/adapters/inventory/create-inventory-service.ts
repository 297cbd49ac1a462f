import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { createEmbeddedInventoryService } from './embedded-inventory-service.ts';
import { createHttpInventoryService } from './http-inventory-service.ts';
import type { InventoryService } from './inventory-service.ts';

/** INVENTORY_MODE picks the implementation; nothing else in the service knows which one it talks to. */
export function createInventoryService(config: Config['inventory'], db: Db, clock: Clock): InventoryService {
  if (config.mode === 'http') {
    return createHttpInventoryService({ baseUrl: config.url!, token: config.token ?? '', timeoutMs: config.timeoutMs });
  }
  return createEmbeddedInventoryService(db, clock);
}
