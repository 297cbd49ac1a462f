import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  PWA_DIR: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: booleanFlag.default(true),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().min(1).default('fulfillment'),
  JWT_AUDIENCE: z.string().min(1).default('fulfillment-api'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6000),
  INVENTORY_MODE: z.enum(['embedded', 'http']).default('embedded'),
  INVENTORY_URL: z.url().optional(),
  INVENTORY_TOKEN: z.string().min(1).optional(),
  INVENTORY_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(3000),
  INVENTORY_CALLBACK_SECRET: z.string().min(16, 'INVENTORY_CALLBACK_SECRET must be at least 16 characters').optional(),
  CARRIER_HTTP_URL: z.url().optional(),
  CARRIER_HTTP_TOKEN: z.string().min(1).optional(),
  CARRIER_HTTP_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'CARRIER_HTTP_ID must be a lower-case connector id')
    .default('carrier-service'),
  CARRIER_HTTP_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(10_000),
  CARRIER_CALLBACK_SECRET: z.string().min(16, 'CARRIER_CALLBACK_SECRET must be at least 16 characters').optional(),
  BLOB_URL_SECRET: z.string().min(32, 'BLOB_URL_SECRET must be at least 32 characters').optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  pwaDir: string;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  jwt: { secret: string; issuer: string; audience: string };
  bodyLimitBytes: number;
  rateLimitPerMinute: number;
  /** Blob storage root (labels, manifests, exports, QC photos): DATA_DIR/blobs. */
  blobDir: string;
  /** Signs the time-limited /v1/files/... URLs (signed-urls.ts). */
  blobUrlSecret: string;
  carriers: {
    /** A Shipping/Carrier Connector service (docs/carrier-connector.openapi.yaml), added as connector `httpId`. */
    http: { id: string; url: string; token: string; timeoutMs: number } | undefined;
    /** Verifies tracking updates carriers push to POST /webhook/carrier (HMAC, Fulfillment-Signature). */
    callbackSecret: string;
  };
  inventory: {
    mode: 'embedded' | 'http';
    url: string | undefined;
    token: string | undefined;
    timeoutMs: number;
    /** Verifies allocation events the Inventory Service sends back (HMAC, Fulfillment-Signature). */
    callbackSecret: string;
  };
};

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Reads the environment once at start. With nothing set it gives the embedded defaults: a SQLite
 * file in ./data and a signing secret made on first start and kept beside it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.CARRIER_HTTP_URL && !e.CARRIER_HTTP_TOKEN) {
    throw new Error('Invalid configuration:\n  CARRIER_HTTP_TOKEN: required with CARRIER_HTTP_URL');
  }
  if (e.INVENTORY_MODE === 'http' && !e.INVENTORY_URL) {
    throw new Error('Invalid configuration:\n  INVENTORY_URL: required when INVENTORY_MODE=http');
  }
  const dataDir = resolve(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseFile: join(dataDir, 'fulfillment.sqlite'),
    pwaDir: resolve(e.PWA_DIR ?? join(repoRoot, 'apps/scanner-pwa/dist')),
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    jwt: {
      secret: e.JWT_SECRET ?? persistedSecret(dataDir, 'jwt-secret'),
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    blobDir: join(dataDir, 'blobs'),
    blobUrlSecret: e.BLOB_URL_SECRET ?? persistedSecret(dataDir, 'blob-url-secret'),
    carriers: {
      http: e.CARRIER_HTTP_URL
        ? {
            id: e.CARRIER_HTTP_ID,
            url: e.CARRIER_HTTP_URL,
            token: e.CARRIER_HTTP_TOKEN ?? '',
            timeoutMs: e.CARRIER_HTTP_TIMEOUT_MS,
          }
        : undefined,
      callbackSecret: e.CARRIER_CALLBACK_SECRET ?? persistedSecret(dataDir, 'carrier-callback-secret'),
    },
    inventory: {
      mode: e.INVENTORY_MODE,
      url: e.INVENTORY_URL,
      token: e.INVENTORY_TOKEN,
      timeoutMs: e.INVENTORY_TIMEOUT_MS,
      callbackSecret: e.INVENTORY_CALLBACK_SECRET ?? persistedSecret(dataDir, 'inventory-callback-secret'),
    },
  };
}

/** A secret that survives restarts (tokens stay valid) without anyone having to configure one. */
function persistedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
