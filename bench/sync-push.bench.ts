/**
 * Accepted scans per second through POST /sync/push, batches of 100 `pick.scan` mutations (one scan
 * each, as a handheld's outbox holds them), in process (`app.request`) and over real HTTP on
 * loopback, and the real service as a process of its own on one core (`service-process.ts`) with N
 * handhelds pushing at once, beside raw better-sqlite3 inserts of the same rows in the same run. See README.md.
 *
 *   npm run bench                       (from the repository root)
 *   BENCH_SCANS=20000 npm run bench     (scans per measured phase; default 10000)
 *   BENCH_HANDHELDS=8 npm run bench     (handhelds pushing at once to the service process; default 4)
 *   BENCH_PROFILE=prof/phase1.cpuprofile npm run bench   (also profile phase 1 alone, 100 µs sampling)
 */
// Must stay the first import: zod learns `.openapi()` before any schema is built (see the file).
import '../apps/sync-server/src/platform/zod-openapi.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Session } from 'node:inspector/promises';
import { createCarrierRegistry } from '../apps/sync-server/src/adapters/carriers/carrier-registry.ts';
import { createEmbeddedInventoryService } from '../apps/sync-server/src/adapters/inventory/embedded-inventory-service.ts';
import { receiveStock } from '../apps/sync-server/src/adapters/inventory/embedded-inventory-stock.ts';
import { createApp } from '../apps/sync-server/src/app.ts';
import { type Db, openDatabase } from '../apps/sync-server/src/db/client.ts';
import { createMemoryBlobStore } from '../apps/sync-server/src/platform/blob-storage.ts';
import { systemClock } from '../apps/sync-server/src/platform/clock.ts';
import type { Deps } from '../apps/sync-server/src/platform/context.ts';
import { createSecretBox } from '../apps/sync-server/src/platform/secret-box.ts';
import { createTokenService } from '../apps/sync-server/src/platform/tokens.ts';
import { registerMutation } from '../apps/sync-server/src/features/sync/mutations.ts';
import { mutationSchema } from '../packages/domain/src/sync/sync-schemas.ts';
import type { Answer, Json, PushOnce, ServiceMeasured } from './push-measure.ts';
import { measure, measureService } from './push-measure.ts';
import { printReport, resultOf } from './push-report.ts';
import { rawInserts } from './raw-inserts.ts';
import { startService } from './service-process.ts';

// The server's own dependencies, resolved from its package (pnpm keeps them out of the root).
const serverRequire = createRequire(new URL('../apps/sync-server/package.json', import.meta.url));
const pino = serverRequire('pino') as (options: { level: string }) => Deps['logger'];
const Database = serverRequire('better-sqlite3') as new (file: string) => Db['$client'];
const { serve } = (await import(pathToFileURL(serverRequire.resolve('@hono/node-server')).href)) as {
  serve: (options: {
    fetch: (request: Request) => Response | Promise<Response>;
    port: number;
    hostname: string;
  }) => Server;
};

const SCANS = Number(process.env.BENCH_SCANS ?? 10_000);
const BATCH = 100; // mutations per push (MAX_MUTATIONS_PER_PUSH)
const PER_PICKLIST = 100; // units per picklist: 50 mugs + 50 caps, one scan each
const WARMUP_PICKLISTS = 20; // 2,000 scans through phase 1's path first: V8 has optimised it by then
const HANDHELDS = Number(process.env.BENCH_HANDHELDS ?? 4); // pushing at once to the service process
if (!Number.isInteger(HANDHELDS) || HANDHELDS < 1) throw new Error('BENCH_HANDHELDS: a whole number, 1 or more');
const BASE = '/v1/fulfillment';

const dir = mkdtempSync(join(tmpdir(), 'sync-bench-'));
process.once('exit', () => rmSync(dir, { recursive: true, force: true })); // also when a phase fails
// The file the service process opens in DATA_DIR (config.ts, `databaseFile`): it works on the rows set up here.
const db = openDatabase(join(dir, 'fulfillment.sqlite'));
const jwt = { secret: 'bench-secret-bench-secret-bench-secret-0', issuer: 'fulfillment', audience: 'fulfillment-api' };
const tokens = createTokenService(jwt);
const deps: Deps = {
  db,
  clock: systemClock,
  logger: pino({ level: 'silent' }),
  tokens,
  secretBox: createSecretBox(jwt.secret, 'idempotent-responses'),
  inventory: createEmbeddedInventoryService(db, systemClock),
  blobs: createMemoryBlobStore(),
  carriers: createCarrierRegistry(),
  config: {
    bodyLimitBytes: 1024 * 1024,
    rateLimitPerMinute: 1_000_000_000,
    inventory: {
      mode: 'embedded',
      url: undefined,
      token: undefined,
      timeoutMs: 1000,
      callbackSecret: 'bench-callback-secret',
    },
    pwaDir: '/nonexistent',
    publicUrl: undefined,
    blobUrlSecret: 'bench-blob-url-secret-bench-blob-url-secret',
    carriers: { http: undefined, callbackSecret: 'bench-carrier-callback-secret' },
  },
};
const app = createApp(deps);
const admin = await tokens.sign(
  { subject: 'usr_bench', kind: 'user', tenants: ['acme'], roles: ['admin'], ttlSeconds: 3600 },
  new Date(),
);

type Send = (method: string, path: string, body?: unknown, token?: string) => Promise<Answer>;
const inProcess: Send = async (method, path, body, token = admin) => {
  const res = await app.request(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(method === 'POST' && !path.startsWith('/sync') ? { 'Idempotency-Key': `bench-${Math.random()}` } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const must = async (p: Promise<Answer>, what: string) => {
  const res = await p;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

// ---- set-up: a warehouse, a picker signed in on a handheld, picklists assigned to them and started
const warehouse = await must(
  inProcess('POST', '/warehouses', {
    code: 'BENCH',
    name: 'Bench',
    address: { line1: '1 Dock Road', city: 'London', postal_code: 'E16 2QU', country: 'GB' },
    timezone: 'Europe/London',
    zones: [{ code: 'A', name: 'Pick A', type: 'pick', locations: [{ code: 'A-1-1-1' }, { code: 'A-2-1-1' }] }],
  }),
  'warehouse',
);
const locations = await must(inProcess('GET', `/warehouses/${warehouse.id}/locations`), 'locations');
const bin = Object.fromEntries(locations.data.map((l: { id: string; code: string }) => [l.code, l.id]));
const perPhase = Math.ceil(SCANS / PER_PICKLIST);
const picklistCount = WARMUP_PICKLISTS + 3 * perPhase;
// The service phase: each handheld warms up on its share of WARMUP_PICKLISTS, then the phase's are dealt out.
const serviceWarmupPerHandheld = Math.ceil(WARMUP_PICKLISTS / HANDHELDS);
const servicePicklistCount = HANDHELDS * serviceWarmupPerHandheld + perPhase;
for (const [sku, code] of [
  ['SKU-MUG', 'A-1-1-1'],
  ['SKU-CAP', 'A-2-1-1'],
] as const)
  receiveStock(db, {
    tenant_id: 'acme',
    warehouse_id: warehouse.id,
    location_id: bin[code],
    sku,
    quantity: (picklistCount + servicePicklistCount) * (PER_PICKLIST / 2),
    received_at: '2026-01-01T00:00:00.000Z',
  });
/** A handheld as the PWA has it: registered, a picker signed in on it, and its own outbox's seq. */
type Handheld = { deviceId: string; workerId: string; token: string; outbox: { seq: number } };
async function signIn(name: string, badge: string, deviceId: string): Promise<Handheld> {
  const worker = await must(
    inProcess('POST', `/warehouses/${warehouse.id}/workers`, { name, badge_id: badge, roles: ['picker'] }),
    'worker',
  );
  const device = await must(
    inProcess('POST', `/devices/${deviceId}/register`, { type: 'handheld', name, warehouse_id: warehouse.id }),
    'device',
  );
  const workerKey = await must(
    inProcess('POST', '/keys', { kind: 'worker', device_id: deviceId, badge_id: badge }, device.key.token),
    'sign-in',
  );
  return { deviceId, workerId: worker.id, token: workerKey.token, outbox: { seq: 0 } };
}
const scanner = await signIn('Bench', 'BENCH-1', 'bench_scanner'); // phases 1-4
const { deviceId, token: workerToken } = scanner;
const handhelds: Handheld[] = [];
for (let n = 1; n <= HANDHELDS; n++) handhelds.push(await signIn(`Bench ${n}`, `BENCH-H${n}`, `bench_handheld_${n}`));

let orders = 0;
/** `count` picklists of PER_PICKLIST units, allocated, assigned to the handheld and its picker, started. */
async function startPicklists(count: number, handheld: Handheld) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const f = await must(
      inProcess('POST', '/fulfillments', {
        order_id: `ord_bench_${++orders}`,
        warehouse_id: warehouse.id,
        lines: [
          { order_line_id: 'l1', sku: 'SKU-MUG', quantity: PER_PICKLIST / 2 },
          { order_line_id: 'l2', sku: 'SKU-CAP', quantity: PER_PICKLIST / 2 },
        ],
      }),
      'fulfillment',
    );
    await must(inProcess('POST', '/allocations/request', { fulfillment_id: f.fulfillment_id }), 'allocation');
    const p = await must(
      inProcess('POST', '/picklists', { warehouse_id: warehouse.id, fulfillment_ids: [f.fulfillment_id] }),
      'picklist',
    );
    const assignee = { worker_id: handheld.workerId, device_id: handheld.deviceId };
    await must(inProcess('POST', `/picklists/${p.id}/assign`, assignee), 'assign');
    await must(inProcess('POST', `/picklists/${p.id}/start`, undefined, handheld.token), 'start');
    ids.push(p.id);
  }
  return ids;
}

process.stderr.write(`setting up ${picklistCount + servicePicklistCount} picklists of ${PER_PICKLIST} units...\n`);
const setupStarted = performance.now();
const picklistIds = await startPicklists(picklistCount, scanner);
// Each service handheld: its warm-up picklists, then every HANDHELDS-th of the phase's.
const serviceWork: { handheld: Handheld; warmup: string[]; timed: string[] }[] = [];
for (const handheld of handhelds)
  serviceWork.push({ handheld, warmup: await startPicklists(serviceWarmupPerHandheld, handheld), timed: [] });
for (let i = 0; i < perPhase; i++) {
  const { handheld, timed } = serviceWork[i % HANDHELDS]!;
  timed.push(...(await startPicklists(1, handheld)));
}
process.stderr.write(`set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s\n`);

// ---- the outbox: for each picklist, 100 pick.scan mutations of one scan each, seq gap-free per handheld
let scanN = 0;
let mutationN = 0;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ulid = (n: number) => {
  let out = '';
  for (let k = n; k > 0; k = Math.floor(k / 32)) out = CROCKFORD[k % 32] + out;
  return `01JD${out.padStart(22, '0')}`;
};
/** The pushes that pick these picklists whole: `scansPerMutation` scans in each pick.scan, `perPush` mutations a push. */
function batchesFor(picklists: string[], scansPerMutation = 1, perPush = BATCH, { outbox } = scanner) {
  const batches: unknown[][] = [];
  const mutations: unknown[] = [];
  for (const picklistId of picklists) {
    const scans = Array.from({ length: PER_PICKLIST }, (_, i) => {
      const mug = i % 2 === 0;
      return {
        scan_id: `bench-${++scanN}`,
        location_id: mug ? bin['A-1-1-1'] : bin['A-2-1-1'],
        sku: mug ? 'SKU-MUG' : 'SKU-CAP',
        qty: 1,
        timestamp: new Date().toISOString(),
      };
    });
    for (let i = 0; i < scans.length; i += scansPerMutation) {
      mutations.push({
        mutation_id: ulid(++mutationN),
        seq: ++outbox.seq,
        name: 'pick.scan',
        args: { picklist_id: picklistId, scans: scans.slice(i, i + scansPerMutation) },
        created_at: new Date().toISOString(),
      });
    }
  }
  for (let i = 0; i < mutations.length; i += perPush) batches.push(mutations.slice(i, i + perPush));
  return { batches, scans: picklists.length * PER_PICKLIST };
}

const pushBody = (mutations: unknown[]) => JSON.stringify({ device_id: deviceId, mutations });
const pushInProcess: PushOnce = async (mutations) => {
  const res = await app.request(`${BASE}/sync/push`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${workerToken}`, 'Content-Type': 'application/json' },
    body: pushBody(mutations),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

const phase = (i: number) => picklistIds.slice(WARMUP_PICKLISTS + i * perPhase, WARMUP_PICKLISTS + (i + 1) * perPhase);
await measure('warm-up', pushInProcess, batchesFor(picklistIds.slice(0, WARMUP_PICKLISTS)));
const firstSeq = scanner.outbox.seq + 1;
// BENCH_PROFILE: the V8 CPU profile of phase 1 alone (the profiler slows it: read shares, not totals).
const profiler = process.env.BENCH_PROFILE ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
  await profiler.post('Profiler.start');
}
const inProc = await measure('in process', pushInProcess, batchesFor(phase(0)));
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile));
  profiler.disconnect();
}
const lastInProcSeq = scanner.outbox.seq;

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE}/sync/push`;
const pushHttp: PushOnce = async (mutations) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${workerToken}`, 'Content-Type': 'application/json' },
    body: pushBody(mutations),
  });
  return { status: res.status, body: (await res.json()) as Json };
};
const http = await measure('HTTP on loopback', pushHttp, batchesFor(phase(1)));
server.close();
// The same scans, a whole picklist (100 scans) per pick.scan mutation, 10 mutations a push (the
// 256 KiB bound): what the push's per-mutation work and recordPickScans' per-call work cost, amortised.
const wide = await measure('in process, 100 scans/mutation', pushInProcess, batchesFor(phase(2), PER_PICKLIST, 10));
// The sync engine alone: a mutation that does nothing, through the same route, auth, validation,
// the push's transaction and a stored answer per mutation. The ceiling any command is under.
// (Its args schema: any object, borrowed from the wire contract.)
registerMutation('bench.noop', { args: mutationSchema.shape.args, apply: () => ({ scans: [{ status: 'accepted' }] }) });
const noop = () => {
  const batches: unknown[][] = [];
  for (let b = 0; b < inProc.scans / BATCH; b++)
    batches.push(
      Array.from({ length: BATCH }, () => ({
        mutation_id: ulid(++mutationN),
        seq: ++scanner.outbox.seq,
        name: 'bench.noop',
        args: {},
        created_at: new Date().toISOString(),
      })),
    );
  return { batches, scans: inProc.scans };
};
const engine = await measure('in process, no-op mutation', pushInProcess, noop());

// ---- the service on its own: main.ts as a child process over the same database file, pinned to one
// core, HANDHELDS handhelds pushing at once. This process does not write while it runs.
const bodiesOf = (handheld: Handheld, picklists: string[]) =>
  batchesFor(picklists, 1, BATCH, handheld).batches.map((mutations) =>
    JSON.stringify({ device_id: handheld.deviceId, mutations }),
  );
const serviceWarmup = serviceWork.map((w) => ({ handheld: w.handheld, bodies: bodiesOf(w.handheld, w.warmup) }));
const serviceTimed = serviceWork.map((w) => ({ handheld: w.handheld, bodies: bodiesOf(w.handheld, w.timed) }));
const serverDir = fileURLToPath(new URL('../apps/sync-server/', import.meta.url));
const service = await startService({
  cwd: serverDir,
  tsxLoader: pathToFileURL(serverRequire.resolve('tsx')).href,
  env: {
    DATA_DIR: dir,
    JWT_SECRET: jwt.secret, // JWT_ISSUER and JWT_AUDIENCE: the defaults are the bench's
    SEED_DEMO: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000000',
  },
});
let serviceRun: ServiceMeasured;
try {
  const warmupScans = HANDHELDS * serviceWarmupPerHandheld * PER_PICKLIST;
  await measureService('service warm-up', service, BASE, serviceWarmup, warmupScans);
  const core = 'cpu' in service.pinning ? '1 core' : 'unpinned';
  serviceRun = await measureService(
    `service process, ${HANDHELDS} handhelds (${core})`,
    service,
    BASE,
    serviceTimed,
    perPhase * PER_PICKLIST,
  );
} finally {
  await service.stop();
}

// ---- raw better-sqlite3 (raw-inserts.ts): the same rows the in-process pushes wrote, into a fresh
// database, after the service has stopped.
const raw = rawInserts({
  Database,
  openDatabase,
  db,
  dir,
  picklistIds: phase(0),
  deviceId,
  seqs: { first: firstSeq, last: lastInProcSeq },
  batch: BATCH,
});

const run = { batch: BATCH, handhelds: HANDHELDS, inProc, http, wide, engine, serviceRun, service, raw };
const result = resultOf(run);
printReport(run, result);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(result, null, 2)}\n`);

db.$client.close();
rmSync(dir, { recursive: true, force: true });
