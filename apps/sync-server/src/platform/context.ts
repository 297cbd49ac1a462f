import type { Role } from '@fulfillment/domain/security/roles';
import type { Logger } from 'pino';
import type { CarrierRegistry } from '../adapters/carriers/carrier-registry.ts';
import type { InventoryService } from '../adapters/inventory/inventory-service.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { BlobStore } from './blob-storage.ts';
import type { Clock } from './clock.ts';
import type { SecretBox } from './secret-box.ts';
import type { TokenService } from './tokens.ts';

export type Deps = {
  db: Db;
  config: Pick<
    Config,
    'bodyLimitBytes' | 'rateLimitPerMinute' | 'pwaDir' | 'publicUrl' | 'inventory' | 'blobUrlSecret' | 'carriers'
  >;
  clock: Clock;
  logger: Logger;
  tokens: TokenService;
  /** Seals secrets kept at rest (issued tokens inside stored idempotent responses). */
  secretBox: SecretBox;
  /** The Inventory Service, embedded or remote: the only way fulfillment touches stock. */
  inventory: InventoryService;
  /** Labels, manifests, exports and QC photos; handed out as signed URLs (signed-urls.ts). */
  blobs: BlobStore;
  /** Carrier connectors by id (sandbox, http...): labels, cancels, pickups, manifests. */
  carriers: CarrierRegistry;
};

/** Who is calling, as proven by the bearer token. */
export type Principal = {
  kind: 'user' | 'device' | 'worker' | 'integration';
  subject: string;
  tenants: string[];
  roles: Role[];
  deviceId: string | undefined;
  workerId: string | undefined;
  keyId: string | undefined;
};

/** What every command is given besides its transaction and input: who, where, when, and which request. */
export type Actor = {
  tenantId: string;
  /** 'system' for work the service does on its own behalf (demo data, scheduled jobs). */
  type: Principal['kind'] | 'system';
  id: string;
  deviceId: string | null;
  workerId: string | null;
  requestId: string;
  now: Date;
};

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    principal: Principal;
    tenantId: string;
    /** Set by a handler whose response carries a secret: idempotency stores it sealed. */
    sensitiveResponse: boolean;
  };
};
