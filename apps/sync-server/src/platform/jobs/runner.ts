import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { JobRow } from '../../db/schema/jobs.ts';
import type { Clock } from '../clock.ts';
import type { Deps } from '../context.ts';
import { createJobContext, type RunState } from './job-context.ts';
import { failureOf, JobStopped, type StopReason } from './job-errors.ts';
import { claimNextJob, type Ending, finishJob, releaseJob, renewLease } from './job-store.ts';
import type { JobRegistry } from './registry.ts';

export type JobRunnerOptions = {
  db: Db;
  /** Handed to handlers as `ctx.deps`; its logger is the runner's. */
  deps: Deps;
  /** Lease times come from here (tests pass a fixed clock); real timers are used only to wait. */
  clock: Clock;
  /** The job types this runner can run (the server's: src/job-types.ts). */
  registry: JobRegistry;
  /** Real milliseconds between looks at an empty queue. */
  pollMs?: number;
  /** Clock milliseconds a claim lasts without a heartbeat or progress write before others may take the job. */
  leaseMs?: number;
  /** Real milliseconds between lease renewals while a handler works (default a third of leaseMs). */
  heartbeatMs?: number;
  /** Jobs run at once by this runner. */
  concurrency?: number;
  /** Runs a job may start before an interrupted one is failed with `interrupted_too_often`. */
  maxAttempts?: number;
  /** Shown in lease tokens and logs. */
  name?: string;
};

export type JobRunner = {
  /** Starts the claim loops; a no-op if already started. */
  start(): void;
  /**
   * Stops claiming, asks running handlers to stop at their next chunk, waits for them, and hands their
   * jobs back to the queue (they resume from their checkpoints on the next start).
   */
  stop(): Promise<void>;
  /** Looks at the queue now instead of at the next poll (after an enqueue, say). */
  wake(): void;
};

/** Names a job's stop from what the handler threw, or from the run's state when it threw something else. */
function stopReasonOf(error: unknown, state: RunState): StopReason | undefined {
  if (error instanceof JobStopped) return error.reason;
  if (state.lease.signal.aborted) return 'lease_lost';
  return undefined;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, deps, clock } = options;
  const { registry } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(10, Math.floor(leaseMs / 3));
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxAttempts = options.maxAttempts ?? 3;
  const name = options.name ?? `runner-${randomUUID().slice(0, 8)}`;
  const logger = deps.logger.child({ component: 'job-runner', runner: name });

  let stopping = false;
  let loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();
  const running = new Set<RunState>();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  const wakeAll = () => [...sleepers].forEach((wake) => wake());

  function end(job: JobRow, ending: Ending) {
    if (!finishJob(db, job, ending, clock.now())) {
      logger.warn({ job_id: job.id }, 'job lease lost before it could be ended; its new runner will end it');
    }
  }

  async function run(job: JobRow): Promise<void> {
    const log = logger.child({ job_id: job.id, job_type: job.type, attempt: job.attempts });
    const state: RunState = { lease: new AbortController(), shuttingDown: stopping };
    const loseLease = () => state.lease.abort(new JobStopped('lease_lost'));
    running.add(state);
    const heartbeat = setInterval(() => {
      try {
        if (!renewLease(db, job.id, job.leaseOwner!, clock.now(), leaseMs)) loseLease();
      } catch (error) {
        log.error({ err: error }, 'job heartbeat failed; giving the job up');
        loseLease();
      }
      if (state.lease.signal.aborted) clearInterval(heartbeat);
    }, heartbeatMs);
    try {
      const handler = registry.get(job.type);
      if (!handler) {
        log.error('no handler for job type');
        const message = `no handler is registered for job type "${job.type}" on this server`;
        end(job, { status: 'failed', failure: { code: 'unknown_job_type', message } });
        return;
      }
      log.info('job started');
      let ending: Ending | StopReason;
      try {
        const result = await handler(createJobContext({ job, db, deps, clock, leaseMs, state }));
        ending = { status: 'succeeded', result: result ?? null };
      } catch (error) {
        ending = stopReasonOf(error, state) ?? { status: 'failed', failure: failureOf(error) };
        if (typeof ending === 'object') log.warn({ err: error }, 'job handler failed');
      }
      if (ending === 'lease_lost') log.warn('job lease lost; another runner has it now');
      else if (ending === 'shutdown') {
        if (releaseJob(db, job, clock.now())) log.info('job handed back to the queue');
      } else if (ending === 'cancelled') end(job, { status: 'cancelled' });
      else end(job, ending);
      if (typeof ending === 'object' || ending === 'cancelled') {
        log.info({ status: typeof ending === 'object' ? ending.status : ending }, 'job ended');
      }
    } catch (error) {
      // The database itself failed (closed, disk full): the lease will expire and the job be resumed.
      log.error({ err: error }, 'job runner could not record the outcome of a job');
    } finally {
      clearInterval(heartbeat);
      running.delete(state);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      let claim: ReturnType<typeof claimNextJob> = { kind: 'idle' };
      try {
        claim = claimNextJob(db, { owner: `${name}:${randomUUID()}`, now: clock.now(), leaseMs, maxAttempts });
      } catch (error) {
        logger.error({ err: error }, 'could not claim a job');
      }
      if (claim.kind === 'claimed') await run(claim.job);
      else if (claim.kind === 'idle') await sleep(pollMs);
    }
  }

  return {
    start() {
      if (loops.length > 0) return;
      stopping = false;
      loops = Array.from({ length: concurrency }, () => loop());
    },
    async stop() {
      stopping = true;
      for (const state of running) state.shuttingDown = true;
      wakeAll();
      await Promise.all(loops);
      loops = [];
    },
    wake: wakeAll,
  };
}
