import { describe, expect, it } from 'vitest';
import { assignSerialsInput, consumeLotInput, hasOneTraceSubject } from './traceability-schemas.ts';

const ful = 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA';

describe('assignSerialsInput', () => {
  it('takes 1 to 1000 distinct visible-ASCII serials of up to 128 characters', () => {
    expect(
      assignSerialsInput.safeParse({ fulfillment_id: ful, line_id: 'l1', serials: ['SN-1', 'x'.repeat(128)] }).success,
    ).toBe(true);
    for (const serials of [[], ['a b'], ['é'], ['x'.repeat(129)], Array.from({ length: 1001 }, (_, i) => `S${i}`)]) {
      expect(assignSerialsInput.safeParse({ fulfillment_id: ful, line_id: 'l1', serials }).success).toBe(false);
    }
  });

  it('names each repeated serial by its position', () => {
    const result = assignSerialsInput.safeParse({ fulfillment_id: ful, line_id: 'l1', serials: ['A', 'B', 'A', 'B'] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ['serials', 2],
      ['serials', 3],
    ]);
  });

  it('is strict', () => {
    expect(assignSerialsInput.safeParse({ fulfillment_id: ful, line_id: 'l1', serials: ['A'], sku: 'X' }).success).toBe(
      false,
    );
  });
});

describe('consumeLotInput', () => {
  const base = { fulfillment_id: ful, line_id: 'l1', qty: 2 };

  it('takes exactly one of lot or lot_id and a positive whole qty', () => {
    expect(consumeLotInput.safeParse({ ...base, lot: 'L1' }).success).toBe(true);
    expect(consumeLotInput.safeParse({ ...base, lot_id: 'lot_1' }).success).toBe(true);
    expect(consumeLotInput.safeParse(base).success).toBe(false);
    expect(consumeLotInput.safeParse({ ...base, lot: 'L1', lot_id: 'lot_1' }).success).toBe(false);
    for (const qty of [0, -1, 1.5, 1_000_001])
      expect(consumeLotInput.safeParse({ ...base, lot: 'L1', qty }).success).toBe(false);
  });
});

describe('hasOneTraceSubject', () => {
  it('wants a serial or a lot, not both, not neither', () => {
    expect(hasOneTraceSubject({ serial: 'S' })).toBe(true);
    expect(hasOneTraceSubject({ lot: 'L' })).toBe(true);
    expect(hasOneTraceSubject({})).toBe(false);
    expect(hasOneTraceSubject({ serial: 'S', lot: 'L' })).toBe(false);
  });
});
