import { asc, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { pickScans } from '../../db/schema/picklists.ts';
import { eventOutbox, timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { ok, worker } from '../picklists/picklist-test-fixtures.ts';
import { pickingHandheld, pickMutation, pickScan } from './sync-pick-fixtures.ts';
import { BASE, pull, push, signInHandheld } from './sync-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

type Change = { id: string; op: string; data: { status: string; tasks: { sku: string; qty_picked: number }[] } };

describe('pick mutations over sync', () => {
  it('starts, scans (per-scan verdicts), shorts and completes a picklist, as the REST routes would', async () => {
    const { h, picklistId, bins } = await pickingHandheld(t, { mugs: 2, caps: 2 });
    const mug = pickScan(bins['A-10-1-1']!, 'SKU-MUG');
    const wrong = pickScan(bins['A-10-1-1']!, 'SKU-CAP');
    const secondMug = pickScan(bins['A-10-1-1']!, 'SKU-MUG');
    const cap = pickScan(bins['A-2-1-1']!, 'SKU-CAP');
    const res = await push(t, h, [
      pickMutation(1, 'pick.start', { picklist_id: picklistId }),
      pickMutation(2, 'pick.scan', { picklist_id: picklistId, scans: [mug, wrong] }),
      // The same scan again, in a later mutation: answered duplicate, counted once.
      pickMutation(3, 'pick.scan', { picklist_id: picklistId, scans: [mug, secondMug, cap] }),
    ]);
    expect(res.status, res.text).toBe(200);
    const [start, first, second] = res.body.results;
    expect(start).toMatchObject({ status: 'applied', result: { status: 'in_progress' } });
    // A refused scan is a verdict inside an applied mutation, not a rejected mutation.
    expect(first.status).toBe('applied');
    expect(first.result.scans.map((s: { status: string; code?: string }) => [s.status, s.code])).toEqual([
      ['accepted', undefined],
      ['rejected', 'wrong_item'],
    ]);
    expect(second.result.scans.map((s: { status: string }) => s.status)).toEqual(['duplicate', 'accepted', 'accepted']);

    const state = ok(await t.request('GET', `${BASE}/picklists/${picklistId}/state`));
    const capTask = state.tasks.find((x: { sku: string }) => x.sku === 'SKU-CAP');
    const short = await push(t, h, [
      pickMutation(4, 'pick.short', {
        picklist_id: picklistId,
        task_id: capTask.task_id,
        qty_short: 1,
        reason: 'bin empty',
      }),
      pickMutation(5, 'pick.complete', { picklist_id: picklistId }),
    ]);
    expect(short.body.results.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
    ]);
    expect(short.body.results[1].result).toMatchObject({ picklist_id: picklistId });
    expect(ok(await t.request('GET', `${BASE}/picklists/${picklistId}`)).status).toBe('completed');

    // Every scan recorded once; the handheld pulls the picklist as it now stands.
    expect(t.db.select().from(pickScans).where(eq(pickScans.picklistId, picklistId)).all()).toHaveLength(4);
    const pulled = await pull(t, h);
    const changes = pulled.body.changes as Change[];
    expect(changes.map((c) => [c.id, c.op])).toEqual([[picklistId, 'upsert']]);
    expect(changes[0]!.data.status).toBe('completed');
    expect(pulled.body.last_seq).toBe(5);
  });

  it('rejects a mutation the command refuses as a whole, and moves on', async () => {
    const { h, picklistId, bins } = await pickingHandheld(t);
    const res = await push(t, h, [
      // Not started yet: completing is a business refusal (409 in REST).
      pickMutation(1, 'pick.complete', { picklist_id: picklistId }),
      pickMutation(2, 'pick.scan', {
        picklist_id: 'pick_01JAAAAAAAAAAAAAAAAAAAAAAA',
        scans: [pickScan('loc_x', 'SKU-MUG')],
      }),
      pickMutation(3, 'pick.scan', { picklist_id: picklistId, scans: [] }),
      pickMutation(4, 'pick.start', { picklist_id: picklistId }),
      pickMutation(5, 'pick.scan', { picklist_id: picklistId, scans: [pickScan(bins['A-10-1-1']!, 'SKU-MUG')] }),
    ]);
    expect(res.body.results.map((r: { status: string; code?: string }) => [r.status, r.code])).toEqual([
      ['rejected', 'picklist_not_completable'],
      ['rejected', 'resource_not_found'],
      ['rejected', 'invalid_mutation'],
      ['applied', undefined],
      ['applied', undefined],
    ]);
    expect(res.body.last_seq).toBe(5);
  });

  it("refuses another picker's picklist and a role without picklists:pick, per mutation", async () => {
    const mine = await pickingHandheld(t);
    const theirs = await pickingHandheld(t);
    const stolen = await push(t, mine.h, [pickMutation(1, 'pick.start', { picklist_id: theirs.picklistId })]);
    expect(stolen.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    const packer = await worker(t, mine.warehouseId, 'SYNC-PACKER', ['packer']);
    const packerHandheld = await signInHandheld(t, {
      deviceId: 'packer_scanner',
      warehouseId: mine.warehouseId,
      workerId: packer.id,
      badgeId: 'SYNC-PACKER',
    });
    const res = await push(t, packerHandheld, [pickMutation(1, 'pick.start', { picklist_id: mine.picklistId })]);
    expect(res.body.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    expect(ok(await t.request('GET', `${BASE}/picklists/${mine.picklistId}`)).status).toBe('assigned');
  });

  it("publishes a picklist to its picker's and device's handhelds, and takes it back when reassigned", async () => {
    const first = await pickingHandheld(t);
    const initial = await pull(t, first.h);
    expect((initial.body.changes as Change[]).map((c) => [c.id, c.op, c.data.status])).toEqual([
      [first.picklistId, 'upsert', 'assigned'],
    ]);
    const other = await worker(t, first.warehouseId, 'SYNC-OTHER');
    const otherHandheld = await signInHandheld(t, {
      deviceId: 'other_scanner',
      warehouseId: first.warehouseId,
      workerId: other.id,
      badgeId: 'SYNC-OTHER',
    });
    expect((await pull(t, otherHandheld)).body.changes).toEqual([]);
    ok(await t.request('POST', `${BASE}/picklists/${first.picklistId}/assign`, { body: { worker_id: other.id } }));

    const gone = await pull(t, first.h, `?cursor=${initial.body.next_cursor}`);
    expect((gone.body.changes as Change[]).map((c) => [c.id, c.op])).toEqual([[first.picklistId, 'delete']]);
    const arrived = await pull(t, otherHandheld);
    expect((arrived.body.changes as Change[]).map((c) => [c.id, c.op, c.data.status])).toEqual([
      [first.picklistId, 'upsert', 'assigned'],
    ]);
  });

  it('records one pick.scanned per push and picklist, with the counts summed, before the change that follows it', async () => {
    const { h, picklistId, bins } = await pickingHandheld(t, { mugs: 3, caps: 2 });
    const etag = async () => (await t.request('GET', `${BASE}/picklists/${picklistId}`)).headers.get('etag');
    const assigned = await etag();
    const capTask = ok(await t.request('GET', `${BASE}/picklists/${picklistId}/state`)).tasks.find(
      (x: { sku: string }) => x.sku === 'SKU-CAP',
    );
    const mug = pickScan(bins['A-10-1-1']!, 'SKU-MUG');
    const scan = (seq: number, s: unknown) => pickMutation(seq, 'pick.scan', { picklist_id: picklistId, scans: [s] });
    const res = await push(t, h, [
      pickMutation(1, 'pick.start', { picklist_id: picklistId }),
      scan(2, mug),
      scan(3, pickScan(bins['A-10-1-1']!, 'SKU-CAP')),
      scan(4, mug),
      scan(5, pickScan(bins['A-10-1-1']!, 'SKU-MUG')),
      pickMutation(6, 'pick.short', {
        picklist_id: picklistId,
        task_id: capTask.task_id,
        qty_short: 2,
        reason: 'empty',
      }),
      scan(7, pickScan(bins['A-10-1-1']!, 'SKU-MUG')),
      // Judged on the tasks as the scans before it left them, in the same transaction.
      pickMutation(8, 'pick.complete', { picklist_id: picklistId }),
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(Array(8).fill('applied'));
    const done = ok(await t.request('GET', `${BASE}/picklists/${picklistId}/state`));
    expect(done.status).toBe('completed');
    expect(done.tasks.map((x: { sku: string; qty_picked: number }) => [x.sku, x.qty_picked]).sort()).toEqual([
      ['SKU-CAP', 0],
      ['SKU-MUG', 3],
    ]);

    const picklistEntries = t.db
      .select({ type: timelineEvents.type, data: timelineEvents.data, workerId: timelineEvents.workerId })
      .from(timelineEvents)
      .where(eq(timelineEvents.subjectId, picklistId))
      .orderBy(asc(sql`rowid`))
      .all()
      .filter((e) => e.type !== 'pick.confirmed');
    // A mutation whose scans were all judged before (seq 4) records nothing.
    const firstScans = { scans: 3, accepted: 2, rejected: 1, duplicates: 0 };
    const lastScan = { scans: 1, accepted: 1, rejected: 0, duplicates: 0 };
    expect(picklistEntries.map((e) => [e.type, e.type === 'pick.scanned' ? e.data : null])).toEqual([
      ['picklist.created', null],
      ['picklist.assigned', null],
      ['picklist.started', null],
      ['pick.scanned', firstScans],
      ['pick.short', null],
      ['pick.short_declared', null],
      ['pick.scanned', lastScan],
      ['picklist.completed', null],
    ]);
    expect(picklistEntries.at(-1)!.workerId).toBe(h.workerId);
    const outbox = t.db
      .select({ type: eventOutbox.type, payload: eventOutbox.payload })
      .from(eventOutbox)
      .where(eq(eventOutbox.subjectId, picklistId))
      .orderBy(asc(sql`rowid`))
      .all()
      .filter((e) => e.type.startsWith('pick.'));
    expect(outbox.map((e) => [e.type, e.payload.status])).toEqual([
      ['pick.scanned', 'in_progress'],
      ['pick.short_declared', 'in_progress'],
      ['pick.scanned', 'in_progress'],
    ]);
    expect(outbox[0]!.payload).toMatchObject(firstScans);
    // One version per change recorded: started, scanned, short, scanned, completed.
    expect(Number(JSON.parse((await etag())!.replace(/^W\//, '')))).toBe(
      Number(JSON.parse(assigned!.replace(/^W\//, ''))) + 5,
    );
  });
});
