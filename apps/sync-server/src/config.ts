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
    jwt: { secret: e.JWT_SECRET ?? persistedSecret(dataDir), issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}

/** A secret that survives restarts (tokens stay valid) without anyone having to configure one. */
function persistedSecret(dataDir: string): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
