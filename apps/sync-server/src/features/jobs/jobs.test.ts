import { OpenAPIHono } from '@hono/zod-openapi';
import { afterEach, describe, expect, it } from 'vitest';
import { acceptedJob } from '../../platform/jobs/accepted.ts';
import {
  countHandler,
  type CountHooks,
  createItemLog,
  enqueue,
  isFinished,
  loggedItems,
  pause,
  runnerPool,
  timelineOf,
  waitForJob,
} from '../../platform/jobs/jobs-test-fixtures.ts';
import { createJobRegistry } from '../../platform/jobs/registry.ts';
import type { AppEnv } from '../../platform/context.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const BASE = '/v1/fulfillment/jobs';
const pool = runnerPool();
afterEach(() => pool.stopAll());

async function setup(o: { chunkDelayMs?: number; afterChunk?: CountHooks['afterChunk'] } = {}) {
  const t = await createTestApp();
  createItemLog(t.db);
  const registry = createJobRegistry();
  const delay = () => (o.chunkDelayMs ? pause(o.chunkDelayMs) : undefined);
  registry.register('test.count', countHandler({ afterChunk: o.afterChunk ?? delay }));
  const start = () => pool.start({ db: t.db, clock: t.clock, registry });
  return { t, start };
}
const get = (t: TestApp, id: string, token?: string) => t.request('GET', `${BASE}/${id}`, token ? { token } : {});
const cancel = (t: TestApp, id: string, o: { token?: string; headers?: Record<string, string> } = {}) =>
  t.request('POST', `${BASE}/${id}/cancel`, o);

describe('GET /jobs/{jobId}', () => {
  it('shows status, progress with percent, error report, result and timestamps, with an ETag', async () => {
    const { t, start } = await setup();
    const job = enqueue(t.db, t.clock, 'test.count', { n: 40, chunk: 10, failItems: [5] }, { total: 40 });
    const queued = await get(t, job.id);
    expect(queued.status).toBe(200);
    expect(queued.body).toMatchObject({
      id: job.id,
      type: 'test.count',
      status: 'queued',
      progress: { total: 40, processed: 0, succeeded: 0, failed: 0, percent: 0 },
      errors: [],
      errors_omitted: 0,
      failure: null,
      result: null,
      created_by: { type: 'user', id: 'usr_test', device_id: null, worker_id: null },
      request_id: 'req_jobs_test',
      started_at: null,
      finished_at: null,
      version: 1,
    });
    expect(queued.body).not.toHaveProperty('input');
    expect(queued.headers.get('etag')).toBe('W/"1"');
    start();
    await waitForJob(t.db, job.id, isFinished);
    const done = await get(t, job.id);
    expect(done.body).toMatchObject({
      status: 'succeeded',
      progress: { total: 40, processed: 40, succeeded: 39, failed: 1, percent: 100 },
      errors: [{ item: 'item-5', code: 'item_rejected', message: 'item 5 was rejected' }],
      result: { counted: 40 },
      attempts: 1,
      started_at: '2026-01-05T09:00:00.000Z',
      finished_at: '2026-01-05T09:00:00.000Z',
    });
    expect(done.headers.get('etag')).toBe(`W/"${done.body.version}"`);
    expect(done.body.version).toBeGreaterThan(1);
  });

  it('shows progress while a 10,000-item job runs', async () => {
    const { t, start } = await setup({ chunkDelayMs: 2 });
    const N = 10_000;
    const job = enqueue(t.db, t.clock, 'test.count', { n: N, chunk: 250 }, { total: N });
    start();
    const seen: { status: string; processed: number; percent: number }[] = [];
    for (let i = 0; i < 2000; i++) {
      const res = await get(t, job.id);
      seen.push({
        status: res.body.status,
        processed: res.body.progress.processed,
        percent: res.body.progress.percent,
      });
      if (isFinished({ status: res.body.status } as never)) break;
      await pause(1);
    }
    const during = seen.filter((s) => s.status === 'running' && s.processed > 0 && s.processed < N);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((s) => s.percent > 0 && s.percent < 100)).toBe(true);
    const processed = seen.map((s) => s.processed);
    expect(processed).toEqual([...processed].sort((a, b) => a - b)); // never goes backwards
    expect(seen.at(-1)).toEqual({ status: 'succeeded', processed: N, percent: 100 });
    expect(loggedItems(t.db, job.id)).toHaveLength(N);
  });

  it("answers 404 for another tenant's job and for an unknown id, and 403 to a picker", async () => {
    const { t } = await setup();
    const job = enqueue(t.db, t.clock, 'test.count', { n: 1, chunk: 1 });
    const globex = await t.token({ tenants: ['globex'] });
    for (const id of [job.id, 'job_01JAAAAAAAAAAAAAAAAAAAAAAA']) {
      const res = await get(t, id, id === job.id ? globex : undefined);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('resource_not_found');
    }
    expect((await cancel(t, job.id, { token: globex })).status).toBe(404);
    expect((await get(t, job.id, await t.token({ roles: ['picker'] }))).status).toBe(403);
    expect((await cancel(t, job.id, { token: await t.token({ roles: ['packer'] }) })).status).toBe(403);
    expect((await get(t, job.id, await t.token({ roles: ['integration'], kind: 'integration' }))).status).toBe(200);
  });
});

describe('POST /jobs/{jobId}/cancel', () => {
  it('cancels a queued job at once, so no runner ever starts it', async () => {
    const { t, start } = await setup();
    const job = enqueue(t.db, t.clock, 'test.count', { n: 10, chunk: 5 }, { total: 10 });
    const res = await cancel(t, job.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', finished_at: '2026-01-05T09:00:00.000Z', version: 2 });
    expect(res.body.cancel_requested_at).toBe('2026-01-05T09:00:00.000Z');
    expect(res.headers.get('etag')).toBe('W/"2"');
    start();
    await pause(30);
    expect((await get(t, job.id)).body).toMatchObject({ status: 'cancelled', attempts: 0, progress: { processed: 0 } });
    expect(loggedItems(t.db, job.id)).toEqual([]);
    expect(timelineOf(t.db, job.id)).toEqual(['job.created', 'job.cancelled']);
  });

  it('asks a running job to stop: 202, then it stops at its next chunk and reads cancelled', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { t, start } = await setup({ afterChunk: (next) => (next === 20 ? gate : pause(1)) });
    const job = enqueue(t.db, t.clock, 'test.count', { n: 5000, chunk: 10 }, { total: 5000 });
    start();
    await waitForJob(t.db, job.id, (r) => r.progressProcessed === 20);
    const res = await cancel(t, job.id);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'running', cancel_requested_at: '2026-01-05T09:00:00.000Z' });
    t.clock.advance(1000);
    const again = await cancel(t, job.id); // changes nothing: same request time, same version
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ cancel_requested_at: '2026-01-05T09:00:00.000Z', version: res.body.version });
    open();
    const done = await waitForJob(t.db, job.id, isFinished);
    expect(done).toMatchObject({ status: 'cancelled', progressProcessed: 20, finishedAt: '2026-01-05T09:00:01.000Z' });
    expect(loggedItems(t.db, job.id)).toHaveLength(20);
    expect(timelineOf(t.db, job.id)).toEqual(['job.created', 'job.cancel_requested', 'job.cancelled']);
  });

  it('refuses to cancel a finished job with 409 job_already_finished', async () => {
    const { t, start } = await setup();
    const succeeded = enqueue(t.db, t.clock, 'test.count', { n: 3, chunk: 3 });
    const failed = enqueue(t.db, t.clock, 'test.count', { n: 3, chunk: 3, throwAt: 1 });
    const cancelled = enqueue(t.db, t.clock, 'test.count', { n: 3, chunk: 3 });
    expect((await cancel(t, cancelled.id)).status).toBe(200);
    start();
    await waitForJob(t.db, succeeded.id, isFinished);
    await waitForJob(t.db, failed.id, isFinished);
    for (const [job, status] of [
      [succeeded, 'succeeded'],
      [failed, 'failed'],
      [cancelled, 'cancelled'],
    ] as const) {
      const res = await cancel(t, job.id);
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body).toMatchObject({
        code: 'job_already_finished',
        detail: `job ${job.id} already finished: it is ${status}`,
      });
      expect((await get(t, job.id)).body.status).toBe(status);
    }
  });

  it('answers 412 when If-Match names a version the job has moved past', async () => {
    const { t } = await setup();
    const job = enqueue(t.db, t.clock, 'test.count', { n: 3, chunk: 3 });
    const res = await cancel(t, job.id, { headers: { 'If-Match': 'W/"7"' } });
    expect(res.status).toBe(412);
    expect((await cancel(t, job.id, { headers: { 'If-Match': 'W/"1"' } })).status).toBe(200);
  });
});

describe('acceptedJob', () => {
  it('answers 202 with job_id, status_url and Location', async () => {
    const app = new OpenAPIHono<AppEnv>().post('/bulk', (c) =>
      acceptedJob(c, { id: 'job_01JAAAAAAAAAAAAAAAAAAAAAAA' }),
    );
    const res = await app.request('/bulk', { method: 'POST' });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`${BASE}/job_01JAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(await res.json()).toEqual({
      job_id: 'job_01JAAAAAAAAAAAAAAAAAAAAAAA',
      status_url: `${BASE}/job_01JAAAAAAAAAAAAAAAAAAAAAAA`,
    });
  });
});
