import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import type { Db, Tx } from '../../db/client.ts';
import { type JobRow, jobs } from '../../db/schema/jobs.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import type { Clock } from '../clock.ts';
import type { Actor, Deps } from '../context.ts';
import { enqueueJob } from './enqueue.ts';
import type { JobContext, JobHandler } from './registry.ts';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './runner.ts';

/** Test-only support for job tests: a counting job type, its item log, runners that clean up after themselves. */

/**
 * The runner reads only `deps.logger`, and the test job types read nothing from deps: the rest of Deps
 * (tokens, adapters, config) is left out so these tests do not follow every new dependency of the app.
 */
export function testDeps(db: Db, clock: Clock): Deps {
  return { db, clock, logger: pino({ level: 'silent' }) } as Partial<Deps> as Deps;
}

export function testActor(clock: Clock, tenantId = 'acme'): Actor {
  return {
    tenantId,
    type: 'user',
    id: 'usr_test',
    deviceId: null,
    workerId: null,
    requestId: 'req_jobs_test',
    now: clock.now(),
  };
}

export function enqueue(
  db: Db,
  clock: Clock,
  type: string,
  input: unknown,
  o: { total?: number; tenantId?: string } = {},
) {
  return db.transaction((tx) =>
    enqueueJob(tx, testActor(clock, o.tenantId), { type, input, ...(o.total !== undefined ? { total: o.total } : {}) }),
  );
}

export const jobRow = (db: Db, id: string): JobRow => db.select().from(jobs).where(eq(jobs.id, id)).get()!;
export const timelineOf = (db: Db, id: string) =>
  db
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.subjectId, id))
    .all()
    .map((e) => e.type);

/** Polls (real time) until `check` holds for the job; fails after `timeoutMs`. */
export async function waitForJob(db: Db, id: string, check: (row: JobRow) => boolean, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = jobRow(db, id);
    if (check(row)) return row;
    if (Date.now() > deadline) throw new Error(`job ${id} did not get there: ${JSON.stringify(row)}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
export const isFinished = (row: JobRow) => ['succeeded', 'failed', 'cancelled'].includes(row.status);

/** The effect of the counting job: one row per item, so a test sees any item done twice or never. */
export function createItemLog(db: Db) {
  db.$client.exec('create table if not exists test_job_items (job_id text not null, item integer not null)');
}
export function loggedItems(db: Db, jobId: string): number[] {
  return (
    db.$client.prepare('select item from test_job_items where job_id = ? order by item').all(jobId) as {
      item: number;
    }[]
  ).map((r) => r.item);
}
function logItems(tx: Tx, jobId: string, items: number[]) {
  tx.run(
    sql`insert into test_job_items (job_id, item) values ${sql.join(
      items.map((i) => sql`(${jobId}, ${i})`),
      sql`, `,
    )}`,
  );
}

export type CountInput = { n: number; chunk: number; failItems?: number[]; throwAt?: number; throwCode?: string };
export type CountCheckpoint = { next: number };
export type CountHooks = {
  afterChunk?: (next: number, ctx: JobContext<CountInput, CountCheckpoint>) => unknown;
  /** Collects the checkpoint each run starts from. */
  seen?: unknown[];
};

/**
 * 'test.count': processes items 0..n-1 in chunks, each chunk's item log, progress and checkpoint in one
 * transaction. `failItems` fail (error report), `throwAt` makes the handler throw at that item.
 * `afterChunk` runs after each commit: a delay, a gate, or a hang that simulates a crash.
 */
export function countHandler(o: CountHooks = {}): JobHandler<CountInput, CountCheckpoint> {
  return async (ctx) => {
    const { n, chunk, failItems = [] } = ctx.input;
    const start = ctx.getCheckpoint();
    o.seen?.push(start);
    let next = start?.next ?? 0;
    while (next < n) {
      ctx.throwIfStopping();
      const items = Array.from({ length: Math.min(chunk, n - next) }, (_, i) => next + i);
      if (ctx.input.throwAt !== undefined && items.includes(ctx.input.throwAt)) {
        throw Object.assign(new Error(`the carrier refused item ${ctx.input.throwAt}`), { code: ctx.input.throwCode });
      }
      const failed = items.filter((i) => failItems.includes(i));
      ctx.db.transaction((tx) => {
        logItems(tx, ctx.job.id, items);
        ctx.reportProgress(
          {
            processed: items.length,
            succeeded: items.length - failed.length,
            failed: failed.length,
            errors: failed.map((i) => ({
              item: `item-${i}`,
              code: 'item_rejected',
              message: `item ${i} was rejected`,
            })),
          },
          tx,
        );
        ctx.checkpoint({ next: next + items.length }, tx);
      });
      next += items.length;
      await o.afterChunk?.(next, ctx);
    }
    return { counted: n };
  };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const forever = () => new Promise<never>(() => {});

/** Runners started by a test, stopped by `stopRunners()` in afterEach. */
export function runnerPool() {
  const started: JobRunner[] = [];
  return {
    start(o: Omit<JobRunnerOptions, 'deps'> & { deps?: Deps }): JobRunner {
      const runner = createJobRunner({ pollMs: 5, deps: o.deps ?? testDeps(o.db, o.clock), ...o });
      runner.start();
      started.push(runner);
      return runner;
    },
    /** A runner that will be abandoned (its process "dies"): never stopped by `stopAll`. */
    startDoomed(o: Omit<JobRunnerOptions, 'deps'>): JobRunner {
      const runner = createJobRunner({ pollMs: 5, deps: testDeps(o.db, o.clock), ...o });
      runner.start();
      return runner;
    },
    stopAll: () => Promise.all(started.splice(0).map((r) => r.stop())),
  };
}
