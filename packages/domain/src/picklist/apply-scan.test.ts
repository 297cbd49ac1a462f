import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyScan, checkShort, declareShort, pickProgress, taskStatusOf } from './apply-scan.ts';
import type { PicklistState, ScanVerdict } from './picklist-model.ts';
import { arbitraryScan, arbitraryState, picklistState, pickScan, pickTask } from './testing/picklist-fixtures.ts';
import { remainingOf, validateScan } from './validate-scan.ts';

const options = { referenceYear: 2026, businessDate: '2026-01-05' };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const accepted = (scanId: string, picks: { task_id: string; qty: number }[], serial: string | null = null) =>
  ({
    verdict: 'accepted',
    scan_id: scanId,
    task_id: picks[0]!.task_id,
    sku: 'SKU-MUG',
    qty: picks.reduce((n, p) => n + p.qty, 0),
    lot: null,
    serial,
    expiry: null,
    picks,
  }) satisfies ScanVerdict;

describe('applyScan', () => {
  it('adds the units to the task, marks it picked when full, records serial and scan id', () => {
    const state = deepFreeze(picklistState([pickTask({ task_id: 'task_1', qty_required: 2 })]));
    const once = applyScan(state, accepted('s1', [{ task_id: 'task_1', qty: 1 }], 'SN-1'));
    expect(once.tasks[0]).toMatchObject({ qty_picked: 1, status: 'open' });
    expect(once.picked_serials).toEqual(['SN-1']);
    expect(once.judged_scan_ids).toEqual(['s1']);
    const twice = applyScan(once, accepted('s2', [{ task_id: 'task_1', qty: 1 }]));
    expect(twice.tasks[0]).toMatchObject({ qty_picked: 2, status: 'picked' });
  });

  it('ignores a verdict whose scan id is already judged', () => {
    const state = picklistState([pickTask({ task_id: 'task_1' })]);
    const once = applyScan(state, accepted('s1', [{ task_id: 'task_1', qty: 1 }]));
    expect(applyScan(once, accepted('s1', [{ task_id: 'task_1', qty: 1 }]))).toBe(once);
  });

  it('records a rejected scan as judged and changes nothing else', () => {
    const state = picklistState([pickTask({ task_id: 'task_1' })]);
    const next = applyScan(state, { verdict: 'rejected', scan_id: 's1', code: 'wrong_item', message: 'no' });
    expect(next).toEqual({ ...state, judged_scan_ids: ['s1'] });
  });

  it('never fills a task beyond what it requires, even with a verdict judged elsewhere', () => {
    const state = picklistState([pickTask({ task_id: 'task_1', qty_required: 2, qty_picked: 1 })]);
    const next = applyScan(state, accepted('s9', [{ task_id: 'task_1', qty: 5 }]));
    expect(next.tasks[0]).toMatchObject({ qty_picked: 2, status: 'picked' });
  });

  it('does not mutate its input (property)', () => {
    fc.assert(
      fc.property(arbitraryState, fc.array(arbitraryScan, { maxLength: 10 }), (state, scans) => {
        const before = JSON.stringify(state);
        let s: PicklistState = deepFreeze(state);
        for (const scan of scans) s = deepFreeze(applyScan(s, validateScan(s, scan, options)));
        expect(JSON.stringify(state)).toBe(before);
      }),
    );
  });
});

describe('declareShort', () => {
  const state = () => picklistState([pickTask({ task_id: 'task_1', qty_required: 3, qty_picked: 1 })]);

  it('closes the task as short when declared for the rest', () => {
    const next = declareShort(state(), 'task_1', 2, ' bin empty ');
    expect(next.tasks[0]).toMatchObject({ qty_short: 2, status: 'short', short_reason: 'bin empty' });
  });

  it('leaves the task open for what is not declared short', () => {
    const next = declareShort(state(), 'task_1', 1, 'damaged');
    expect(next.tasks[0]).toMatchObject({ qty_short: 1, status: 'open' });
    expect(remainingOf(next.tasks[0]!)).toBe(1);
    const picked = applyScan(next, validateScan(next, pickScan({ qty: 1 }), options));
    expect(picked.tasks[0]).toMatchObject({ qty_picked: 2, qty_short: 1, status: 'short' });
  });

  it.each([
    ['picklist_not_active', { ...state(), status: 'assigned' as const }, 'task_1', 1, 'x'],
    ['task_not_found', state(), 'task_nope', 1, 'x'],
    ['invalid_qty', state(), 'task_1', 3, 'x'],
    ['invalid_qty', state(), 'task_1', 0, 'x'],
    ['reason_required', state(), 'task_1', 1, '  '],
    [
      'task_not_open',
      picklistState([pickTask({ task_id: 'task_1', qty_required: 1, qty_picked: 1, status: 'picked' })]),
      'task_1',
      1,
      'x',
    ],
  ] as const)('refuses with %s', (code, s, taskId, qty, reason) => {
    expect(checkShort(s, taskId, qty, reason)).toMatchObject({ code });
    expect(() => declareShort(s, taskId, qty, reason)).toThrow(RangeError);
  });
});

describe('pickProgress', () => {
  it('counts tasks and units', () => {
    const state = picklistState([
      pickTask({ qty_required: 2, qty_picked: 2, status: 'picked' }),
      pickTask({ qty_required: 3, qty_picked: 1, qty_short: 2, status: 'short' }),
      pickTask({ qty_required: 4, qty_picked: 1 }),
    ]);
    expect(pickProgress(state)).toEqual({
      tasks_total: 3,
      tasks_open: 1,
      tasks_picked: 1,
      tasks_short: 1,
      units_required: 9,
      units_picked: 4,
      units_short: 2,
      units_open: 3,
      done: false,
    });
  });

  it('always adds up: picked + short + open = required (property)', () => {
    fc.assert(
      fc.property(arbitraryState, fc.array(arbitraryScan, { maxLength: 15 }), (state, scans) => {
        const end = scans.reduce((s, scan) => applyScan(s, validateScan(s, scan, options)), state);
        const p = pickProgress(end);
        expect(p.units_picked + p.units_short + p.units_open).toBe(p.units_required);
        expect(p.done).toBe(end.tasks.every((t) => taskStatusOf(t) !== 'open'));
      }),
    );
  });
});
