import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../db/client.ts';
import { fixedClock } from '../clock.ts';
import {
  countHandler,
  createItemLog,
  enqueue,
  forever,
  isFinished,
  jobRow,
  loggedItems,
  runnerPool,
  timelineOf,
  waitForJob,
} from './jobs-test-fixtures.ts';
import { createJobRegistry } from './registry.ts';

/**
 * Jobs survive a server restart. Each "process" is its own connection to one database file; a crash is
 * a handler that hangs while its connection is closed under it, so its lease is never renewed nor
 * released. The next process, once the lease has expired, must resume from the last checkpoint.
 */

const LEASE_MS = 30_000;
const pool = runnerPool();
let dir: string;
let file: string;
const open: Db[] = [];
const connect = () => {
  const db = openDatabase(file);
  open.push(db);
  return db;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobs-restart-'));
  file = join(dir, 'fulfillment.db');
});
afterEach(async () => {
  await pool.stopAll();
  for (const db of open.splice(0)) if (db.$client.open) db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a runner in a "process" that dies once `dieAfter` items are committed. */
async function runAndCrash(clock: ReturnType<typeof fixedClock>, jobId: string, dieAfter: number) {
  const db = connect();
  const registry = createJobRegistry();
  registry.register('test.count', countHandler({ afterChunk: (next) => (next >= dieAfter ? forever() : undefined) }));
  // A short heartbeat, so the dead process's heartbeat notices its closed connection and stops at once.
  pool.startDoomed({ db, clock, registry, leaseMs: LEASE_MS, heartbeatMs: 5 });
  const row = await waitForJob(db, jobId, (r) => r.progressProcessed >= dieAfter);
  db.$client.close();
  return row;
}

describe('job runner across restarts', () => {
  it('resumes a job whose process died from its checkpoint: every item done exactly once', async () => {
    const clock = fixedClock(new Date('2026-01-05T09:00:00.000Z'));
    const setupDb = connect();
    createItemLog(setupDb);
    const N = 1000;
    const job = enqueue(setupDb, clock, 'test.count', { n: N, chunk: 50 }, { total: N });

    const atCrash = await runAndCrash(clock, job.id, 300);
    expect(atCrash).toMatchObject({ status: 'running', attempts: 1, checkpoint: { next: 300 } });

    // The new process starts before the lease ran out: the job is not taken from a runner that may live.
    const db = connect();
    const seen: unknown[] = [];
    const registry = createJobRegistry();
    registry.register('test.count', countHandler({ seen }));
    pool.start({ db, clock, registry, leaseMs: LEASE_MS });
    await new Promise((r) => setTimeout(r, 30));
    expect(jobRow(db, job.id)).toMatchObject({ status: 'running', attempts: 1, progressProcessed: 300 });

    clock.advance(LEASE_MS + 1);
    const done = await waitForJob(db, job.id, isFinished);
    expect(done).toMatchObject({ status: 'succeeded', progressProcessed: N, progressSucceeded: N, attempts: 2 });
    expect(seen).toEqual([{ next: 300 }]);
    const items = loggedItems(db, job.id);
    expect(items).toHaveLength(N);
    expect(new Set(items).size).toBe(N);
    expect(timelineOf(db, job.id)).toEqual(['job.created', 'job.finished']);
  });

  it('fails a job interrupted too often with interrupted_too_often instead of retrying it forever', async () => {
    const clock = fixedClock(new Date('2026-01-05T09:00:00.000Z'));
    const setupDb = connect();
    createItemLog(setupDb);
    const job = enqueue(setupDb, clock, 'test.count', { n: 1000, chunk: 10 }, { total: 1000 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const row = await runAndCrash(clock, job.id, attempt * 10);
      expect(row).toMatchObject({ status: 'running', attempts: attempt });
      clock.advance(LEASE_MS + 1);
    }
    const db = connect();
    const registry = createJobRegistry();
    registry.register('test.count', countHandler());
    pool.start({ db, clock, registry, leaseMs: LEASE_MS, maxAttempts: 3 });
    const done = await waitForJob(db, job.id, isFinished);
    expect(done).toMatchObject({
      status: 'failed',
      attempts: 3,
      progressProcessed: 30,
      leaseOwner: null,
      failure: { code: 'interrupted_too_often' },
    });
    expect(loggedItems(db, job.id)).toHaveLength(30);
    expect(timelineOf(db, job.id)).toEqual(['job.created', 'job.finished']);
  });
});
