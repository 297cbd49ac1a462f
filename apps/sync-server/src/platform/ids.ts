import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

export type IdPrefix =
  | 'ful'
  | 'fl'
  | 'wh'
  | 'zone'
  | 'loc'
  | 'wkr'
  | 'stn'
  | 'key'
  | 'dev'
  | 'evt'
  | 'req'
  | 'alloc'
  | 'pick'
  | 'pkg'
  | 'pks'
  | 'pki'
  | 'sh'
  | 'man'
  | 'asn'
  | 'rtn'
  | 'con'
  | 'task'
  | 'qc'
  | 'whk'
  | 'job'
  | 'pp'
  | 'res'
  | 'stk'
  | 'lot'
  | 'au'
  | 'sn'
  | 'lc'
  | 'pkc'
  | 'adj';

/**
 * Prefixed ULIDs: sortable by creation time (lists page by id) and self-describing in logs.
 * Monotonic so that ids made in the same millisecond still sort in creation order.
 */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${ulid()}`;
}
