import type { MutationResult } from '@fulfillment/domain/sync/sync-schemas';
import type { OutboxRow } from '../../../db/db-types.ts';

type Rejection = { code: string; message: string };

/** Finds `{verdict: 'rejected', code, message}` wherever the server put its per-scan verdicts. */
function rejectedVerdicts(result: unknown, depth = 0): Rejection[] {
  if (depth > 3 || typeof result !== 'object' || result === null) return [];
  if (Array.isArray(result)) return result.flatMap((item) => rejectedVerdicts(item, depth + 1));
  const r = result as Record<string, unknown>;
  if (r.verdict === 'rejected' && typeof r.code === 'string') {
    return [{ code: r.code, message: typeof r.message === 'string' ? r.message : '' }];
  }
  return Object.values(r).flatMap((value) => rejectedVerdicts(value, depth + 1));
}

/**
 * The server applies a `pick.scan` and puts each scan's verdict in the result: a scan this handheld
 * accepted but the server refused (someone else picked it meanwhile) is bad news the picker must
 * see, though the mutation itself was applied.
 */
export function interpretPickResult(row: OutboxRow, result: MutationResult): Rejection | undefined {
  if (row.name !== 'pick.scan' || result.result === undefined) return undefined;
  return rejectedVerdicts(result.result)[0];
}
