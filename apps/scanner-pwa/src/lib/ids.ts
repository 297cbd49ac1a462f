import { monotonicFactory } from 'ulid';

/** Monotonic within this page, so ids made in one millisecond still sort in the order they were made. */
const next = monotonicFactory();

/** A ULID made on the device: mutation ids, scan ids, idempotency keys. */
export const newUlid = (): string => next();
