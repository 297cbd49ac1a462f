import type { Db, Tx } from '../../db/client.ts';
import type { JobRow } from '../../db/schema/jobs.ts';
import type { Clock } from '../clock.ts';
import type { Actor, Deps } from '../context.ts';
import { JobStopped } from './job-errors.ts';
import { addProgress, isCancelRequested, readCheckpoint, saveCheckpoint } from './job-store.ts';
import type { JobContext } from './registry.ts';

export type RunState = {
  /** Aborted when the lease is lost: the handler's writes would be refused anyway. */
  lease: AbortController;
  /** Set by `runner.stop()`: the handler leaves at its next `throwIfStopping()`. */
  shuttingDown: boolean;
};

/** The handler's view of one run of a claimed job; every write is fenced by the claim's lease token. */
export function createJobContext(o: {
  job: JobRow;
  db: Db;
  deps: Deps;
  clock: Clock;
  leaseMs: number;
  state: RunState;
}): JobContext {
  const { job, db, clock, state } = o;
  const owner = job.leaseOwner;
  if (!owner) throw new Error(`job ${job.id} is not claimed`);
  const fence = () => {
    if (state.lease.signal.aborted) throw new JobStopped('lease_lost');
  };
  const inTx = <T>(tx: Tx | undefined, work: (tx: Tx) => T): T => {
    fence();
    return tx ? work(tx) : db.transaction(work);
  };
  const cancelRequested = () => isCancelRequested(db, job.id);

  return {
    job,
    get actor(): Actor {
      return {
        tenantId: job.tenantId,
        type: job.createdByType as Actor['type'],
        id: job.createdBy,
        deviceId: job.createdByDeviceId,
        workerId: job.createdByWorkerId,
        requestId: job.requestId,
        now: clock.now(),
      };
    },
    input: job.input,
    db,
    deps: o.deps,
    signal: state.lease.signal,
    reportProgress: (report, tx) =>
      inTx(tx, (t) => addProgress(t, { id: job.id, owner, now: clock.now(), leaseMs: o.leaseMs }, report)),
    checkpoint: (value, tx) => inTx(tx, (t) => saveCheckpoint(t, { id: job.id, owner, now: clock.now() }, value)),
    getCheckpoint: () => readCheckpoint(db, job.id),
    isCancelRequested: cancelRequested,
    throwIfStopping() {
      fence();
      // Cancel wins over shutdown: a cancelled job must end cancelled, not go back to the queue.
      if (cancelRequested()) throw new JobStopped('cancelled');
      if (state.shuttingDown) throw new JobStopped('shutdown');
    },
  };
}
