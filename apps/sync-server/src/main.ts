// Must stay the first import: see the file.
import './platform/zod-openapi.ts';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createConfiguredCarriers } from './adapters/carriers/carrier-registry.ts';
import { createInventoryService } from './adapters/inventory/create-inventory-service.ts';
import { createApp } from './app.ts';
import { createWebhookDispatcher } from './features/webhooks/webhook-dispatcher.ts';
import { createServerJobRegistry } from './job-types.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { seedDemoData } from './demo/seed-demo.ts';
import { createLocalBlobStore } from './platform/blob-storage.ts';
import { systemClock } from './platform/clock.ts';
import { createJobRunner } from './platform/jobs/runner.ts';
import { createSecretBox } from './platform/secret-box.ts';
import { createTokenService } from './platform/tokens.ts';

const config = loadConfig();
const logger = pino({ level: config.logLevel, base: { service: 'fulfillment' } });
const db = openDatabase(config.databaseFile);
const tokens = createTokenService(config.jwt);

if (config.seedDemo) {
  const seeded = seedDemoData(db, systemClock.now(), { embeddedInventory: config.inventory.mode === 'embedded' });
  if (seeded) logger.info({ tenant: 'acme' }, 'demo data loaded');
}

const secretBox = createSecretBox(config.jwt.secret, 'idempotent-responses');
const inventory = createInventoryService(config.inventory, db, systemClock);
const blobs = createLocalBlobStore(config.blobDir);
const carriers = createConfiguredCarriers(config.carriers);
const deps = { db, clock: systemClock, logger, tokens, secretBox, inventory, blobs, carriers, config };
const app = createApp(deps);
// Runs the bulk work routes enqueue; jobs left running by a previous process resume from their checkpoints.
const jobRunner = createJobRunner({ db, clock: systemClock, deps, registry: createServerJobRegistry() });
jobRunner.start();
// Delivers the event outbox to the webhooks, with retries, for as long as the service runs.
const webhooks = createWebhookDispatcher({ db, clock: systemClock, logger, secretBox });
webhooks.start();
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, async (info) => {
  const base = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}`;
  const adminToken = await tokens.sign(
    { subject: 'usr_admin', kind: 'user', tenants: ['acme'], roles: ['admin'], ttlSeconds: 12 * 3600 },
    systemClock.now(),
  );
  logger.info({ port: info.port, data_dir: config.dataDir }, 'listening');
  if (config.logLevel !== 'silent') {
    process.stdout.write(
      [
        '',
        `  Scanner app   ${base}/`,
        `  REST API      ${base}/v1/fulfillment   (tenant-scoped: ${base}/v1/acme/fulfillment)`,
        `  API reference ${base}/docs`,
        `  Health        ${base}/health`,
        `  Data          ${config.databaseFile}`,
        '',
        '  Admin token for tenant acme (12 h):',
        `  ${adminToken}`,
        '',
        `  curl -H "Authorization: Bearer $TOKEN" ${base}/v1/fulfillment/warehouses`,
        '',
      ].join('\n'),
    );
  }
});

/** Stop taking requests, let the ones in flight finish, then close the database cleanly. */
function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  // The runner stops after the chunk in progress and hands its job back to the queue for the next start.
  const jobsStopped = Promise.all([jobRunner.stop(), webhooks.stop()]);
  server.close(() => {
    void jobsStopped.finally(() => {
      db.$client.close();
      process.exit(0);
    });
  });
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
