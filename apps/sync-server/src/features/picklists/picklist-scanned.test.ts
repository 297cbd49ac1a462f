import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { immediateTransaction } from '../../db/prepared.ts';
import { timelineEvents } from '../../db/schema/platform.ts';
import type { PickScan } from '@fulfillment/domain/picklist/picklist-model';
import type { Actor } from '../../platform/context.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { recordPickScans } from './picklists.commands.ts';
import { ok, scan, sendScans, startedWave } from './picklist-test-fixtures.ts';

const scannedEvents = (t: Awaited<ReturnType<typeof createTestApp>>, picklistId: string) =>
  t.db
    .select({ data: timelineEvents.data, workerId: timelineEvents.workerId, actorId: timelineEvents.actorId })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.subjectId, picklistId), eq(timelineEvents.type, 'pick.scanned')))
    .orderBy(asc(sql`rowid`))
    .all();

describe('pick.scanned', () => {
  it('is recorded once per REST call, with its counts', async () => {
    const t = await createTestApp();
    const w = await startedWave(t);
    const at = w.bins['A-10-1-1'];
    const mug = scan({ location_id: at, sku: 'SKU-MUG' });
    const calls = [
      [mug, scan({ location_id: at, sku: 'SKU-NONE' })],
      [mug, scan({ location_id: at, sku: 'SKU-MUG' })],
    ];
    for (const scans of calls) ok(await sendScans(t, w.picklistId, scans, w.picker.token));
    expect(scannedEvents(t, w.picklistId).map((e) => e.data)).toEqual([
      { scans: 2, accepted: 1, rejected: 1, duplicates: 0 },
      { scans: 1, accepted: 1, rejected: 0, duplicates: 1 },
    ]);
  });

  // In a push's transaction (immediateTransaction): one per picklist and run of scans by one actor.
  it('records the scans so far when another actor scans, and each run as its own actor', async () => {
    const t = await createTestApp();
    const w = await startedWave(t);
    const as = (workerId: string | null, type: Actor['type'] = 'worker'): Actor => ({
      tenantId: 'acme',
      type,
      id: workerId ?? 'usr_supervisor',
      deviceId: null,
      workerId,
      requestId: 'req_shift',
      now: t.clock.now(),
    });
    const picker = as(w.picker.id);
    const supervisor = as(null, 'user');
    const mug = (): PickScan[] => [scan({ location_id: w.bins['A-10-1-1'], sku: 'SKU-MUG' }) as PickScan];
    immediateTransaction(t.db, (tx) => {
      recordPickScans(tx, picker, w.picklistId, mug());
      recordPickScans(tx, picker, w.picklistId, mug());
      recordPickScans(tx, supervisor, w.picklistId, mug(), { actingForOthers: true });
      recordPickScans(tx, picker, w.picklistId, mug());
    });
    expect(
      scannedEvents(t, w.picklistId).map((e) => [e.actorId, e.workerId, (e.data as { scans: number }).scans]),
    ).toEqual([
      [w.picker.id, w.picker.id, 2],
      ['usr_supervisor', null, 1],
      [w.picker.id, w.picker.id, 1],
    ]);
  });
});
