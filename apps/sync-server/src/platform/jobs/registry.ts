import type { Db, Tx } from '../../db/client.ts';
import type { JobItemError, JobRow } from '../../db/schema/jobs.ts';
import type { Actor, Deps } from '../context.ts';

export type JobProgress = { total: number | null; processed: number; succeeded: number; failed: number };

/** What one chunk adds: counts are increments; `total` (when given) replaces the expected item count. */
export type ProgressReport = {
  processed?: number;
  succeeded?: number;
  failed?: number;
  errors?: JobItemError[];
  total?: number;
};

/**
 * What a handler works with. A long job loops over chunks:
 *
 *   let from = ctx.getCheckpoint()?.next ?? 0;
 *   while (from < items.length) {
 *     ctx.throwIfStopping();                       // cancel, shutdown, lost lease: leave between chunks
 *     const chunk = items.slice(from, from + 100);
 *     ctx.db.transaction((tx) => {
 *       ...do the chunk's writes with tx...
 *       ctx.reportProgress({ processed: chunk.length, succeeded, failed, errors }, tx);
 *       ctx.checkpoint({ next: from + chunk.length }, tx);
 *     });
 *     from += chunk.length;
 *   }
 *   return { ...result };
 *
 * Passing `tx` makes the chunk's effects, its progress and its checkpoint one commit, so a restart resumes
 * exactly after the last committed chunk: nothing done twice, nothing lost. Both calls also check that
 * this runner still holds the job's lease and throw `JobStopped('lease_lost')` otherwise, which rolls the
 * chunk back. Work outside the database (a carrier call) cannot join that commit: do it first, then commit
 * its outcome with the checkpoint; after a crash that chunk's calls are made again (at least once).
 */
export type JobContext<I = unknown, C = unknown> = {
  /** The row as claimed: status `running`, `attempts` already counting this run. */
  readonly job: JobRow;
  /** Who enqueued the job, with the request id that did; `now` is read from the clock on each access. */
  readonly actor: Actor;
  readonly input: I;
  readonly db: Db;
  readonly deps: Deps;
  /** Aborted once this runner has lost the job's lease: nothing it does afterwards can be committed. */
  readonly signal: AbortSignal;
  /** Adds a chunk's counts and item errors (the first 1000 are kept) and renews the lease. */
  reportProgress(report: ProgressReport, tx?: Tx): JobProgress;
  /** Stores where to resume: in `tx` when given, so that it commits with the chunk it follows. */
  checkpoint(state: C, tx?: Tx): void;
  /** The last committed checkpoint: undefined on a first run, the resume point after a restart. */
  getCheckpoint(): C | undefined;
  /** True once someone asked to cancel the job (read from the database, so it sees other instances). */
  isCancelRequested(): boolean;
  /** Throws `JobStopped` if the job was cancelled, the runner is stopping or the lease is lost. */
  throwIfStopping(): void;
};

/** Runs one job to its end; what it returns (JSON) becomes the job's `result`. */
export type JobHandler<I = unknown, C = unknown> = (ctx: JobContext<I, C>) => Promise<unknown> | unknown;

export type JobRegistry = {
  register<I, C>(type: string, handler: JobHandler<I, C>): void;
  get(type: string): JobHandler | undefined;
  types(): string[];
};

const typeShape = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

export function createJobRegistry(): JobRegistry {
  const handlers = new Map<string, JobHandler>();
  return {
    register(type, handler) {
      if (!typeShape.test(type) || type.length > 100)
        throw new Error(`job type "${type}" is not like "allocations.bulk"`);
      if (handlers.has(type)) throw new Error(`job type "${type}" is already registered`);
      handlers.set(type, handler as JobHandler);
    },
    get: (type) => handlers.get(type),
    types: () => [...handlers.keys()],
  };
}
