import { describe, expect, it } from 'vitest';
import { checkPackContents, type PickedLine } from './check-pack-contents.ts';
import { packInput } from './packing-schemas.ts';

const mug: PickedLine = {
  fulfillment_id: 'ful_1',
  line_id: 'fl_1',
  order_line_id: 'line_1',
  sku: 'MUG',
  qty: 2,
  serials: [],
};
const phone: PickedLine = {
  fulfillment_id: 'ful_1',
  line_id: 'fl_2',
  order_line_id: 'line_2',
  sku: 'PHONE',
  qty: 2,
  serials: ['SN-1', 'SN-2'],
};
const other: PickedLine = { ...mug, fulfillment_id: 'ful_2', line_id: 'fl_3' };

describe('checkPackContents', () => {
  it('accepts picked units by line id or order line id', () => {
    const res = checkPackContents(
      [mug, phone],
      [
        { path: 'a', line_id: 'line_1', qty: 2 },
        { path: 'b', line_id: 'fl_2', qty: 2, serials: ['SN-2', 'SN-1'] },
      ],
    );
    expect(res.ok).toBe(true);
  });

  it('refuses unknown lines, over-packing across items and wrong serials, naming each item', () => {
    const res = checkPackContents(
      [mug, phone],
      [
        { path: 'p0', line_id: 'nope', qty: 1 },
        { path: 'p1', line_id: 'fl_1', qty: 1 },
        { path: 'p2', line_id: 'fl_1', qty: 2 },
        { path: 'p3', line_id: 'fl_2', qty: 1, serials: ['SN-9'] },
        { path: 'p4', line_id: 'fl_2', qty: 1 },
        { path: 'p5', line_id: 'fl_1', qty: 1, serials: ['X'] },
      ],
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.refusals.map((r) => [r.path, r.code])).toEqual([
      ['p0.line_id', 'not_picked'],
      ['p2.qty', 'over_packed'],
      ['p3.serials', 'wrong_serial'],
      ['p4.serials', 'wrong_serial'],
      ['p5.qty', 'over_packed'],
    ]);
  });

  it('refuses a serial packed twice and a line with nothing left', () => {
    const res = checkPackContents(
      [phone, { ...mug, qty: 0 }],
      [
        { path: 'a', line_id: 'fl_2', qty: 1, serials: ['SN-1'] },
        { path: 'b', line_id: 'fl_2', qty: 1, serials: ['SN-1'] },
        { path: 'c', line_id: 'fl_1', qty: 1 },
      ],
    );
    expect(res.ok ? [] : res.refusals.map((r) => r.code)).toEqual(['wrong_serial', 'not_picked']);
    const packed = checkPackContents([{ ...mug, qty: 0, packed_qty: 2 }], [{ path: 'a', line_id: 'fl_1', qty: 1 }]);
    expect(packed.ok ? [] : packed.refusals.map((r) => r.code)).toEqual(['over_packed']);
  });

  it('needs the fulfillment when an order line id is on several fulfillments', () => {
    const ambiguous = checkPackContents([mug, other], [{ path: 'a', line_id: 'line_1', qty: 1 }]);
    expect(ambiguous.ok).toBe(false);
    const named = checkPackContents([mug, other], [{ path: 'a', fulfillment_id: 'ful_2', line_id: 'line_1', qty: 1 }]);
    expect(named.ok && named.items[0]!.line.line_id).toBe('fl_3');
  });
});

describe('packInput', () => {
  it('refuses unknown fields and empty packages', () => {
    expect(packInput.safeParse({ fulfillment_ids: ['f'], packages: [] }).success).toBe(false);
    const pkg = { weight: 100, dims: { l: 1, w: 1, h: 1 }, items: [{ line_id: 'l', qty: 1 }] };
    expect(packInput.safeParse({ fulfillment_ids: ['f'], packages: [pkg] }).success).toBe(true);
    expect(packInput.safeParse({ fulfillment_ids: ['f'], packages: [{ ...pkg, x: 1 }] }).success).toBe(false);
  });
});
