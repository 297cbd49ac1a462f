import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BASE, fulfillmentOf, ok, onHand, scan, sendScans, startedWave, state } from './picklist-test-fixtures.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

type Wave = Awaited<ReturnType<typeof startedWave>>;
type Task = { task_id: string; sku: string; location_id: string; qty_required: number; fulfillment_id: string };

async function tasksOf(w: Wave): Promise<Task[]> {
  return (await state(t, w.picklistId)).tasks;
}

/** Scans every task but those of `skip` in full. */
async function pickAll(w: Wave, skip: string[] = []) {
  const scans = (await tasksOf(w))
    .filter((x) => !skip.includes(x.sku))
    .map((x) => scan({ location_id: x.location_id, sku: x.sku, qty: x.qty_required }));
  const res = ok(await sendScans(t, w.picklistId, scans, w.picker.token));
  expect(
    res.results.every((r: { status: string }) => r.status === 'accepted'),
    JSON.stringify(res),
  ).toBe(true);
}

const post = (w: Wave, action: string, body?: unknown, token?: string | null) =>
  t.request('POST', `${BASE}/picklists/${w.picklistId}/${action}`, {
    ...(body !== undefined ? { body } : {}),
    ...(token !== undefined ? { token } : {}),
  });

describe('POST /picklists/{id}/complete', () => {
  it('refuses while tasks are open, then completes and confirms stock with the Inventory Service once', async () => {
    const w = await startedWave(t);
    const early = await post(w, 'complete', undefined, w.picker.token);
    expect([early.status, early.body.code]).toEqual([409, 'tasks_open']);
    await pickAll(w);

    const done = ok(await post(w, 'complete', undefined, w.picker.token));
    expect(done).toMatchObject({
      picklist_id: w.picklistId,
      pick_confirmation_id: expect.stringMatching(/^pkc_/),
      shorts: [],
      backorders: [],
      fulfillments: [
        { fulfillment_id: w.f1, status: 'picked' },
        { fulfillment_id: w.f2, status: 'picked' },
      ],
      inventory_confirmation: { status: 'pending', job_id: expect.stringMatching(/^job_/) },
    });
    expect(done.picked).toHaveLength(4);
    expect(
      done.picked.every((l: { qty_required: number; qty_picked: number }) => l.qty_picked === l.qty_required),
    ).toBe(true);
    for (const f of [w.f1, w.f2]) expect((await fulfillmentOf(t, f)).status).toBe('picked');
    // Nothing has left the shelves in the Inventory Service's books until the job has run.
    expect(onHand(t, w.bins['A-10-1-1']!, 'SKU-MUG')).toEqual({ onHand: 10, reserved: 3 });

    await t.runJobs();
    const after = ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}`));
    expect(after).toMatchObject({ status: 'completed', inventory_confirmation: { status: 'confirmed', error: null } });
    expect(onHand(t, w.bins['A-10-1-1']!, 'SKU-MUG')).toEqual({ onHand: 7, reserved: 0 });
    expect(onHand(t, w.bins['B-1-1-1']!, 'SKU-VIT')).toEqual({ onHand: 8, reserved: 0 });
    const allocation = ok(
      await t.request('GET', `${BASE}/allocations/${(await fulfillmentOf(t, w.f1)).allocation_id}`),
    );
    expect(
      allocation.lines.flatMap((l: { locations: { picked: number }[] }) => l.locations.map((u) => u.picked)),
    ).toEqual([2, 1]);

    const again = await post(w, 'complete', undefined, w.picker.token);
    expect([again.status, again.body.code]).toEqual([409, 'picklist_not_completable']);
    const job = ok(await t.request('GET', `/v1/fulfillment/jobs/${done.inventory_confirmation.job_id}`));
    expect(job.status).toBe('succeeded');
  });

  it('backorders a short, releases what it left reserved, and cancels a fulfillment of which nothing was picked', async () => {
    const w = await startedWave(t);
    const tasks = await tasksOf(w);
    const f1Mugs = tasks.find((x) => x.sku === 'SKU-MUG' && x.fulfillment_id === w.f1)!;
    ok(
      await sendScans(
        t,
        w.picklistId,
        [scan({ location_id: f1Mugs.location_id, sku: 'SKU-MUG', qty: 2 })],
        w.picker.token,
      ),
    );
    // f1 is short of its cap; nothing of f2 (2 vitamins, 1 mug) is there.
    for (const task of tasks.filter((x) => x.task_id !== f1Mugs.task_id)) {
      ok(
        await post(
          w,
          'short',
          { task_id: task.task_id, qty_short: task.qty_required, reason: 'bin empty' },
          w.picker.token,
        ),
      );
    }
    const done = ok(await post(w, 'complete', undefined, w.picker.token));
    expect(done.fulfillments).toEqual([
      { fulfillment_id: w.f1, status: 'picked' },
      { fulfillment_id: w.f2, status: 'cancelled' },
    ]);
    expect(done.shorts).toEqual([
      expect.objectContaining({ fulfillment_id: w.f2, sku: 'SKU-VIT', qty_short: 2, reasons: ['bin empty'] }),
      expect.objectContaining({ fulfillment_id: w.f1, sku: 'SKU-CAP', qty_short: 1 }),
      expect.objectContaining({ fulfillment_id: w.f2, sku: 'SKU-MUG', qty_short: 1 }),
    ]);
    const backorderOf = (f: string) => done.backorders.find((b: { backorder_of: string }) => b.backorder_of === f);
    expect(backorderOf(w.f1).lines).toEqual([
      expect.objectContaining({ sku: 'SKU-CAP', qty: 1, order_line_id: 'line_2' }),
    ]);
    expect(backorderOf(w.f2).lines.map((l: { sku: string; qty: number }) => [l.sku, l.qty])).toEqual([
      ['SKU-MUG', 1],
      ['SKU-VIT', 2],
    ]);
    const backorder = await fulfillmentOf(t, backorderOf(w.f1).fulfillment_id);
    const original = await fulfillmentOf(t, w.f1);
    expect(backorder).toMatchObject({
      status: 'created',
      order_id: original.order_id,
      warehouse_id: w.warehouseId,
      source: 'backorder',
    });
    expect(original.timeline.map((e: { type: string }) => e.type)).toContain('fulfillment.backordered');
    expect(await fulfillmentOf(t, w.f2)).toMatchObject({
      status: 'cancelled',
      cancel_reason: expect.stringContaining('backordered'),
    });

    await t.runJobs();
    expect(onHand(t, w.bins['A-2-1-1']!, 'SKU-CAP')).toEqual({ onHand: 10, reserved: 0 });
    expect(onHand(t, w.bins['A-10-1-1']!, 'SKU-MUG')).toEqual({ onHand: 8, reserved: 0 });
    expect(onHand(t, w.bins['B-1-1-1']!, 'SKU-VIT')).toEqual({ onHand: 10, reserved: 0 });
    expect(ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}`)).inventory_confirmation.status).toBe(
      'confirmed',
    );
  });
});

describe('a fulfillment cancelled while it is picked', () => {
  it('does not block the completion; its picked units are to be put back and its stock is released', async () => {
    const w = await startedWave(t);
    await pickAll(w, ['SKU-VIT']);
    ok(
      await t.request('POST', `${BASE}/fulfillments/${w.f2}/cancel`, {
        body: { reason: 'customer changed their mind' },
      }),
    );
    const done = ok(await post(w, 'complete', undefined, w.picker.token));
    expect(done.fulfillments).toEqual([
      { fulfillment_id: w.f1, status: 'picked' },
      { fulfillment_id: w.f2, status: 'skipped' },
    ]);
    expect(done.put_back).toEqual([expect.objectContaining({ sku: 'SKU-MUG', qty: 1 })]);
    expect(done.picked.map((l: { fulfillment_id: string }) => l.fulfillment_id)).toEqual([w.f1, w.f1]);
    await t.runJobs();
    expect(onHand(t, w.bins['A-10-1-1']!, 'SKU-MUG')).toEqual({ onHand: 8, reserved: 0 });
    expect(onHand(t, w.bins['B-1-1-1']!, 'SKU-VIT')).toEqual({ onHand: 10, reserved: 0 });
  });
});

describe('the inventory confirmation job', () => {
  it('marks the confirmation failed when an allocation was released before its picks were confirmed', async () => {
    const w = await startedWave(t);
    await pickAll(w);
    const done = ok(await post(w, 'complete', undefined, w.picker.token));
    const allocationId = (await fulfillmentOf(t, w.f1)).allocation_id;
    ok(await t.request('POST', `${BASE}/allocations/${allocationId}/release`, { body: { reason: 'by mistake' } }));
    await t.runJobs();
    const picklist = ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}`));
    expect(picklist.inventory_confirmation).toMatchObject({
      status: 'failed',
      error: { code: 'allocation_not_confirmable', message: expect.stringContaining(allocationId) },
    });
    const job = ok(await t.request('GET', `/v1/fulfillment/jobs/${done.inventory_confirmation.job_id}`));
    expect(job.status).toBe('failed');
  });

  it('runs a failed confirmation again on request, and only a failed one', async () => {
    const w = await startedWave(t);
    await pickAll(w);
    ok(await post(w, 'complete', undefined, w.picker.token));
    const early = await post(w, 'retry-inventory-confirmation');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('inventory_confirmation_not_failed');
    const allocationId = (await fulfillmentOf(t, w.f1)).allocation_id;
    ok(await t.request('POST', `${BASE}/allocations/${allocationId}/release`, { body: { reason: 'by mistake' } }));
    await t.runJobs();
    const failed = ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}`)).inventory_confirmation;
    expect(failed.status).toBe('failed');

    const retry = ok(await post(w, 'retry-inventory-confirmation'), 202);
    expect(retry.job_id).not.toBe(failed.job_id);
    const pending = ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}`)).inventory_confirmation;
    expect(pending).toMatchObject({ status: 'pending', job_id: retry.job_id, error: null });
    // The cause (a released allocation) was not put right, so the second run fails the same way.
    await t.runJobs();
    const again = ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}`)).inventory_confirmation;
    expect(again).toMatchObject({
      status: 'failed',
      job_id: retry.job_id,
      error: { code: 'allocation_not_confirmable' },
    });
    const retried = t.db
      .select()
      .from(timelineEvents)
      .where(and(eq(timelineEvents.subjectId, w.picklistId), eq(timelineEvents.type, 'picklist.inventory_retried')))
      .all();
    expect(retried.map((e) => e.data)).toEqual([
      expect.objectContaining({ job_id: retry.job_id, previous_job_id: failed.job_id }),
    ]);
  });
});

describe('POST /picklists/{id}/adjust', () => {
  it('records shorts with an immediate backorder and over-picks with where they go back', async () => {
    const w = await startedWave(t);
    const tasks = await tasksOf(w);
    const cap = tasks.find((x) => x.sku === 'SKU-CAP')!;
    const mug = tasks.find((x) => x.sku === 'SKU-MUG')!;
    const res = ok(
      await post(w, 'adjust', {
        adjustments: [
          { task_id: cap.task_id, qty_short: 1, reason: 'damaged' },
          { task_id: mug.task_id, qty_over: 1, reason: 'found an extra in the tote' },
        ],
      }),
    );
    expect(res.adjustments.map((a: { kind: string; qty: number }) => [a.kind, a.qty])).toEqual([
      ['short', 1],
      ['over', 1],
    ]);
    expect(res.backorders).toEqual([expect.objectContaining({ backorder_of: w.f1 })]);
    expect(res.put_back).toEqual([
      expect.objectContaining({ task_id: mug.task_id, location_id: mug.location_id, qty: 1 }),
    ]);
    expect(res.inventory_release).toEqual({
      allocation_ids: [expect.stringMatching(/^alloc_/)],
      when: 'after_completion',
    });
    expect((await fulfillmentOf(t, res.backorders[0].fulfillment_id)).status).toBe('created');
    // The short is not backordered twice at completion.
    await pickAll(w, ['SKU-CAP']);
    const done = ok(await post(w, 'complete', undefined, w.picker.token));
    expect(done.backorders).toEqual([]);
    expect(done.shorts[0].backorder_fulfillment_id).toBe(res.backorders[0].fulfillment_id);
  });

  it('refuses shorts outside a picklist in progress, unknown tasks, and pickers', async () => {
    const w = await startedWave(t);
    const [first] = await tasksOf(w);
    const unknown = await post(w, 'adjust', {
      adjustments: [{ task_id: 'task_01JAAAAAAAAAAAAAAAAAAAAAAA', qty_short: 1, reason: 'x' }],
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'task_not_found']);
    const both = await post(w, 'adjust', {
      adjustments: [{ task_id: first!.task_id, qty_short: 1, qty_over: 1, reason: 'x' }],
    });
    expect(both.status).toBe(400);
    const picker = await post(
      w,
      'adjust',
      { adjustments: [{ task_id: first!.task_id, qty_short: 1, reason: 'x' }] },
      w.picker.token,
    );
    expect(picker.status).toBe(403);
    await pickAll(w);
    ok(await post(w, 'complete', undefined, w.picker.token));
    const late = await post(w, 'adjust', { adjustments: [{ task_id: first!.task_id, qty_short: 1, reason: 'x' }] });
    expect([late.status, late.body.code]).toEqual([409, 'picklist_not_active']);
  });
});

describe('POST /picklists/{id}/rebin', () => {
  it('stages picked units, puts units back to their bin, and refuses other bins', async () => {
    const w = await startedWave(t);
    const tasks = await tasksOf(w);
    const mug = tasks.find((x) => x.sku === 'SKU-MUG')!;
    ok(
      await sendScans(
        t,
        w.picklistId,
        [scan({ location_id: mug.location_id, sku: 'SKU-MUG', qty: 2 })],
        w.picker.token,
      ),
    );
    const item = (o: Record<string, unknown>) => ({ task_id: mug.task_id, qty: 1, reason: 'tote full', ...o });
    const staged = ok(await post(w, 'rebin', { items: [item({ to_location_id: w.bins['STG-1'] })] }, w.picker.token));
    expect(staged.moves).toEqual([expect.objectContaining({ kind: 'stage', qty: 1, to_location_code: 'STG-1' })]);
    const back = ok(await post(w, 'rebin', { items: [item({ to_location_id: mug.location_id })] }, w.picker.token));
    expect(back.moves[0].kind).toBe('put_back');
    const tasksNow = ok(await t.request('GET', `${BASE}/picklists/${w.picklistId}/tasks?status=open`));
    expect(tasksNow.data.find((x: { task_id: string }) => x.task_id === mug.task_id)).toMatchObject({
      qty_picked: 1,
      status: 'open',
      staged_location_id: w.bins['STG-1'],
    });
    const elsewhere = await post(w, 'rebin', { items: [item({ to_location_id: w.bins['A-2-1-1'] })] }, w.picker.token);
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'rebin_location_not_allowed']);
    const tooMany = await post(
      w,
      'rebin',
      { items: [item({ to_location_id: w.bins['STG-1'], qty: 5 })] },
      w.picker.token,
    );
    expect([tooMany.status, tooMany.body.code]).toEqual([422, 'rebin_exceeds_picked']);
  });
});
