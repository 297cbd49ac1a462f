import { beforeEach, describe, expect, it } from 'vitest';
import { countPending, pendingRows } from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { cachedPicklist, twoBinPicklist } from '../../../testing/picklist-fixtures.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import { recordScan, recordShort, recordStatusChange, type ActionContext } from './pick-actions.ts';
import { reapplyPending } from './pick-mutations.ts';
import { scanOptionsAt } from './scan-options.ts';

const NOW = new Date('2026-01-05T09:00:00.000Z');
const options = scanOptionsAt(NOW, 'UTC');
let db: ScannerDb;
let ctx: ActionContext;
let n = 0;
const scan = (over: Record<string, unknown> = {}) => ({
  scan_id: `scan_${++n}`,
  location_id: 'LOC-A-01-01-1',
  barcode: 'SKU-MUG',
  qty: 1,
  timestamp: NOW.toISOString(),
  ...over,
});

beforeEach(async () => {
  db = createTestDb();
  ctx = { db, workerId: 'wkr_1', now: () => NOW };
  await db.picklists.put(cachedPicklist(twoBinPicklist()));
});

describe('recordScan', () => {
  it('judges locally, applies an accepted scan to the cache and queues it in one go', async () => {
    const verdict = await recordScan(ctx, 'pick_1', scan(), options);
    expect(verdict).toMatchObject({ verdict: 'accepted', task_id: 'task_1', qty: 1 });
    const cached = await db.picklists.get('pick_1');
    expect(cached?.state.tasks[0]?.qty_picked).toBe(1);
    // The server's copy is untouched until the server says so.
    expect(cached?.server_state.tasks[0]?.qty_picked).toBe(0);
    const [row] = await pendingRows(db);
    expect(row).toMatchObject({ seq: 1, name: 'pick.scan', picklist_id: 'pick_1', worker_id: 'wkr_1' });
    expect(row?.args).toEqual({
      picklist_id: 'pick_1',
      scans: [expect.objectContaining({ barcode: 'SKU-MUG', qty: 1 })],
    });
  });

  it('answers wrong item, wrong bin and over-pick without queueing anything', async () => {
    expect(await recordScan(ctx, 'pick_1', scan({ barcode: 'SKU-CAP' }), options)).toMatchObject({
      code: 'wrong_item',
    });
    expect(await recordScan(ctx, 'pick_1', scan({ location_id: 'LOC-Z' }), options)).toMatchObject({
      code: 'wrong_location',
    });
    expect(await recordScan(ctx, 'pick_1', scan({ qty: 3 }), options)).toMatchObject({ code: 'over_pick' });
    expect(await countPending(db)).toBe(0);
    expect((await db.picklists.get('pick_1'))?.state.tasks[0]?.qty_picked).toBe(0);
  });

  it('never lets two quick scans both take the last unit', async () => {
    const verdicts = await Promise.all([
      recordScan(ctx, 'pick_1', scan({ qty: 2 }), options),
      recordScan(ctx, 'pick_1', scan({ qty: 2 }), options),
    ]);
    expect(verdicts.map((v) => v.verdict).sort()).toEqual(['accepted', 'rejected']);
    expect(await countPending(db)).toBe(1);
  });

  it('reads lot, expiry and serial from a GS1 barcode', async () => {
    await db.picklists.put(
      cachedPicklist(
        twoBinPicklist({
          tasks: [{ ...twoBinPicklist().tasks[0]!, gtins: ['09506000134352'], sku: 'SKU-MUG' }],
        }),
      ),
    );
    const verdict = await recordScan(
      ctx,
      'pick_1',
      scan({ barcode: '0109506000134352\u001d10LOT7\u001d17271231' }),
      options,
    );
    expect(verdict).toMatchObject({ verdict: 'accepted', lot: 'LOT7', expiry: '2027-12-31' });
  });
});

describe('short picks and status', () => {
  it('declares a short with its reason, cache and outbox together', async () => {
    expect(await recordShort(ctx, 'pick_1', 'task_2', 1, 'Bin empty')).toBeNull();
    expect((await db.picklists.get('pick_1'))?.state.tasks[1]).toMatchObject({ status: 'short', qty_short: 1 });
    expect((await pendingRows(db))[0]).toMatchObject({
      name: 'pick.short',
      args: { picklist_id: 'pick_1', task_id: 'task_2', qty_short: 1, reason: 'Bin empty' },
    });
  });

  it('refuses a short the server would refuse, queueing nothing', async () => {
    expect(await recordShort(ctx, 'pick_1', 'task_2', 5, 'Bin empty')).toMatchObject({ code: 'invalid_qty' });
    expect(await countPending(db)).toBe(0);
  });

  it('starts an assigned picklist and completes it only when nothing is open', async () => {
    await db.picklists.put(cachedPicklist(twoBinPicklist({ status: 'assigned' })));
    expect((await recordStatusChange(ctx, 'pick_1', 'pick.start')).status).toBe('in_progress');
    expect((await recordStatusChange(ctx, 'pick_1', 'pick.complete')).status).toBe('in_progress');
    await recordScan(ctx, 'pick_1', scan({ qty: 2 }), options);
    await recordShort(ctx, 'pick_1', 'task_2', 1, 'Damaged');
    expect((await recordStatusChange(ctx, 'pick_1', 'pick.complete')).status).toBe('completed');
    expect((await pendingRows(db)).map((r) => r.name)).toEqual([
      'pick.start',
      'pick.scan',
      'pick.short',
      'pick.complete',
    ]);
  });
});

describe('reapplyPending (rule 9)', () => {
  it('puts pending local work back on top of a fresh server state, judged against that state', async () => {
    await recordScan(ctx, 'pick_1', scan(), options);
    await recordScan(ctx, 'pick_1', scan(), options);
    const pending = await pendingRows(db);
    // Meanwhile the server saw another picker take one unit of task_1.
    const server = twoBinPicklist();
    server.tasks[0] = { ...server.tasks[0]!, qty_picked: 1 };
    const state = reapplyPending(server, pending, options);
    // Only one of our two fits now; the other will come back rejected from the server.
    expect(state.tasks[0]).toMatchObject({ qty_picked: 2, status: 'picked' });
    expect(state.judged_scan_ids).toHaveLength(2);
  });

  it('does not count a scan twice when the server state already holds it', async () => {
    await recordScan(ctx, 'pick_1', scan(), options);
    const pending = await pendingRows(db);
    const server = twoBinPicklist({ judged_scan_ids: [(pending[0]!.args.scans as { scan_id: string }[])[0]!.scan_id] });
    server.tasks[0] = { ...server.tasks[0]!, qty_picked: 1 };
    expect(reapplyPending(server, pending, options).tasks[0]?.qty_picked).toBe(1);
  });
});
