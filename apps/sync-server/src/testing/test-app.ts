import type { Role } from '@fulfillment/domain/security/roles';
import pino from 'pino';
import type { CarrierConnector } from '../adapters/carriers/carrier.ts';
import { createCarrierRegistry } from '../adapters/carriers/carrier-registry.ts';
import { createEmbeddedInventoryService } from '../adapters/inventory/embedded-inventory-service.ts';
import type { InventoryService } from '../adapters/inventory/inventory-service.ts';
import { createApp } from '../app.ts';
import { jobs } from '../db/schema/jobs.ts';
import { createServerJobRegistry } from '../job-types.ts';
import { createJobRunner } from '../platform/jobs/runner.ts';
import type { Db } from '../db/client.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { type BlobStore, createMemoryBlobStore } from '../platform/blob-storage.ts';
import { fixedClock } from '../platform/clock.ts';
import type { Deps, Principal } from '../platform/context.ts';
import { createSecretBox } from '../platform/secret-box.ts';
import { createTokenService, type TokenService } from '../platform/tokens.ts';

export const TEST_JWT = {
  secret: 'test-secret-test-secret-test-secret-0123',
  issuer: 'fulfillment',
  audience: 'fulfillment-api',
};

export const TEST_INVENTORY_CALLBACK_SECRET = 'inventory-callback-test-secret';

export const TEST_CARRIER_CALLBACK_SECRET = 'carrier-callback-test-secret';

export const TEST_BLOB_URL_SECRET = 'blob-url-test-secret-blob-url-test-secret';

export type TokenOptions = {
  tenants?: string[];
  roles?: Role[];
  kind?: Principal['kind'];
  subject?: string;
  deviceId?: string;
  workerId?: string;
  keyId?: string;
  ttlSeconds?: number;
};

export type RequestOptions = {
  body?: unknown;
  /** Sent as is: for malformed JSON tests. */
  rawBody?: string;
  token?: string | null;
  headers?: Record<string, string>;
  idempotencyKey?: string;
};

/**
 * A whole app over a fresh in-memory database, with a settable clock and helpers to mint tokens and
 * send requests: what every API test starts from.
 */
export async function createTestApp(
  options: {
    pwaDir?: string;
    logger?: pino.Logger;
    rateLimitPerMinute?: number;
    /** Another Inventory Service than the embedded one over the test database (e.g. http to a loopback server). */
    inventory?: InventoryService;
    /** Carrier connectors besides the sandbox, by connector id (e.g. http to a loopback carrier). */
    carriers?: Record<string, CarrierConnector>;
    /** Another database than a fresh in-memory one (e.g. a file, to reopen it as a restarted server would). */
    db?: Db;
  } = {},
) {
  const db: Db = options.db ?? createTestDatabase();
  const clock = fixedClock(new Date('2026-01-05T09:00:00.000Z'));
  const tokens: TokenService = createTokenService(TEST_JWT);
  const logger = options.logger ?? pino({ level: 'silent' });
  const blobs: BlobStore = createMemoryBlobStore();
  const deps: Deps = {
    db,
    clock,
    logger,
    tokens,
    secretBox: createSecretBox(TEST_JWT.secret, 'idempotent-responses'),
    inventory: options.inventory ?? createEmbeddedInventoryService(db, clock),
    blobs,
    carriers: createCarrierRegistry(options.carriers),
    config: {
      bodyLimitBytes: 1024 * 1024,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000,
      inventory: {
        mode: 'embedded',
        url: undefined,
        token: undefined,
        timeoutMs: 1000,
        callbackSecret: TEST_INVENTORY_CALLBACK_SECRET,
      },
      pwaDir: options.pwaDir ?? '/nonexistent',
      publicUrl: undefined,
      blobUrlSecret: TEST_BLOB_URL_SECRET,
      carriers: { http: undefined, callbackSecret: TEST_CARRIER_CALLBACK_SECRET },
    },
  };
  const app = createApp(deps);

  const token = (o: TokenOptions = {}) =>
    tokens.sign(
      {
        subject: o.subject ?? 'usr_test',
        kind: o.kind ?? 'user',
        tenants: o.tenants ?? ['acme'],
        roles: o.roles ?? ['admin'],
        deviceId: o.deviceId,
        workerId: o.workerId,
        keyId: o.keyId,
        ttlSeconds: o.ttlSeconds ?? 3600,
      },
      clock.now(),
    );
  const adminToken = await token();
  let keyCounter = 0;

  async function request(method: string, path: string, o: RequestOptions = {}) {
    const headers: Record<string, string> = { ...o.headers };
    const bearer = o.token === undefined ? adminToken : o.token;
    if (bearer !== null) headers.Authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (o.rawBody !== undefined) body = o.rawBody;
    else if (o.body !== undefined) body = JSON.stringify(o.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
    // Creates need a key; tests that are not about idempotency get a fresh one each time.
    if (method === 'POST' && o.idempotencyKey === undefined && !('Idempotency-Key' in headers)) {
      headers['Idempotency-Key'] = `test-key-${++keyCounter}`;
    } else if (o.idempotencyKey !== undefined) {
      headers['Idempotency-Key'] = o.idempotencyKey;
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, body: json, text };
  }

  /** A runner of the server's job types over this app, polling fast; stop it when done. */
  function startJobRunner() {
    const runner = createJobRunner({ db, clock, deps, registry: createServerJobRegistry(), pollMs: 5 });
    runner.start();
    return runner;
  }

  /** Runs the background jobs queued so far (and those they queue) to their end, as the server's runner would. */
  async function runJobs(timeoutMs = 10_000) {
    const runner = startJobRunner();
    const deadline = Date.now() + timeoutMs;
    const busy = () =>
      db
        .select({ status: jobs.status })
        .from(jobs)
        .all()
        .some((j) => j.status === 'queued' || j.status === 'running');
    while (busy() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await runner.stop();
  }

  return { app, db, clock, deps, tokens, blobs, token, adminToken, request, runJobs, startJobRunner };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
