import type { JobFailure, JobItemError } from '../../db/schema/jobs.ts';

/** Why a runner stops a job before its handler is done. */
export type StopReason = 'cancelled' | 'shutdown' | 'lease_lost';

/**
 * Thrown by `ctx.throwIfStopping()` (and by progress writes once the lease is lost) so that a handler
 * leaves its loop between chunks. The runner turns it into the right ending: `cancelled` marks the job
 * cancelled, `shutdown` hands it back to the queue, `lease_lost` leaves it to the runner that took it.
 */
export class JobStopped extends Error {
  readonly reason: StopReason;
  constructor(reason: StopReason) {
    super(`job stopped: ${reason}`);
    this.name = 'JobStopped';
    this.reason = reason;
  }
}

/** The error report keeps this many item errors; the rest are only counted (`errors_omitted`). */
export const MAX_ITEM_ERRORS = 1000;

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const codeShape = /^[a-z][a-z0-9_.-]{0,99}$/;

/** Item errors are written by handlers from outside data: bound every field so a report stays small. */
export function boundItemError(e: JobItemError): JobItemError {
  return { item: clip(String(e.item), 200), code: clip(String(e.code), 100), message: clip(String(e.message), 500) };
}

/** What a handler's throw becomes in the job: its `code` when it carries a sane one, and its message. */
export function failureOf(error: unknown): JobFailure {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
      ? error.code
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: code && codeShape.test(code) ? code : 'job_failed',
    message: clip(message || 'the job failed without a message', 1000),
  };
}
