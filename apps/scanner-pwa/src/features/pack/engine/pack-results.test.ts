import type { MutationResult } from '@fulfillment/domain/sync/sync-schemas';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyPushResults, markRejected } from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import { sealLocalPackage } from './pack-actions.ts';
import { interpretPackResult, settleUnanswered, UNANSWERED_GRACE_MS } from './pack-results.ts';
import { packTables } from './pack-tables.ts';
import { entry, station } from './pack-test-fixtures.ts';

let db: ScannerDb;
beforeEach(async () => {
  db = createTestDb();
  await packTables(db).queue.put(entry());
});

const NOW = new Date('2026-01-05T09:30:00.000Z');

async function sealOne() {
  const outcome = await sealLocalPackage(
    { db, workerId: 'wkr_1', now: () => NOW },
    {
      stationId: station.station_id,
      fulfillmentId: 'ful_1',
      units: [{ fulfillment_id: 'ful_1', line_id: 'fl_mug', sku: 'SKU-MUG', serial: null }],
      weightG: 700,
      dims: { l: 200, w: 150, h: 100 },
      profile: null,
    },
  );
  if (!outcome.ok) throw new Error('not sealed');
  return (await db.outbox.get(outcome.pkg.mutation_id))!;
}

const answer = (mutationId: string, seq: number, over: Partial<MutationResult> = {}): MutationResult => ({
  mutation_id: mutationId,
  seq,
  status: 'applied',
  result: { package_id: 'pkg_1', sscc: '006141410000000018', fulfillment_ids: ['ful_1'] },
  ...over,
});

/** Waits until the write scheduled for after the push's transaction has landed. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('answers to pack mutations', () => {
  it('records the package id and SSCC of an applied seal once the push transaction commits', async () => {
    const row = await sealOne();
    const interpret = interpretPackResult(db);
    await applyPushResults(db, [row], [answer(row.mutation_id, row.seq)], row.seq, NOW.toISOString(), interpret);
    await settled();
    expect(await db.outbox.count()).toBe(0);
    expect(await packTables(db).packages.get(row.mutation_id)).toMatchObject({
      package_id: 'pkg_1',
      sscc: '006141410000000018',
    });
    expect(await settleUnanswered(db, NOW)).toBe(0);
  });

  it('keeps a refusal on the package, so dismissing the outbox row does not lose it', async () => {
    const row = await sealOne();
    await markRejected(db, row.mutation_id, 'pack_contents_refused', 'over_packed: …', NOW.toISOString());
    await settleUnanswered(db, NOW);
    await db.outbox.delete(row.mutation_id);
    expect((await packTables(db).packages.get(row.mutation_id))!.refused).toEqual({
      code: 'pack_contents_refused',
      message: 'over_packed: …',
    });
  });

  it('asks the server again, under the same mutation id, for an answer that went missing', async () => {
    const row = await sealOne();
    // Answered, but the page died before the answer was written: the row is gone, the id unknown.
    await applyPushResults(db, [row], [answer(row.mutation_id, row.seq)], row.seq, NOW.toISOString());
    expect(await settleUnanswered(db, NOW)).toBe(0);
    expect(await settleUnanswered(db, new Date(NOW.getTime() + UNANSWERED_GRACE_MS - 1))).toBe(0);
    expect(await settleUnanswered(db, new Date(NOW.getTime() + UNANSWERED_GRACE_MS))).toBe(1);
    const again = (await db.outbox.toArray())[0]!;
    expect([again.mutation_id, again.name, again.seq, again.args]).toEqual([
      row.mutation_id,
      'pack.seal_package',
      row.seq + 1,
      row.args,
    ]);
    // The server replays the stored answer as a duplicate: recorded like the first.
    const duplicate = answer(row.mutation_id, again.seq, { status: 'duplicate', original_status: 'applied' });
    await applyPushResults(db, [again], [duplicate], again.seq, NOW.toISOString(), interpretPackResult(db));
    await settled();
    expect((await packTables(db).packages.get(row.mutation_id))!.package_id).toBe('pkg_1');
  });
});
