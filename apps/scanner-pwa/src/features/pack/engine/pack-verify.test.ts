import { describe, expect, it } from 'vitest';
import { remainingLines } from './pack-remaining.ts';
import { entry, line } from './pack-test-fixtures.ts';
import { type DraftUnit, judgePackScan, packedUnits } from './pack-verify.ts';

const YEAR = 2026;
const lines = remainingLines(entry(), []);

/** Scans one after the other as the bench does, keeping the accepted units. */
function scanAll(texts: string[], start: DraftUnit[] = []) {
  let draft = start;
  const verdicts = texts.map((text) => {
    const verdict = judgePackScan(lines, draft, text, YEAR);
    if (verdict.verdict === 'accepted') draft = [...draft, verdict.unit];
    return verdict;
  });
  return { draft, verdicts };
}

const codes = (verdicts: ReturnType<typeof scanAll>['verdicts']) =>
  verdicts.map((v) => (v.verdict === 'accepted' ? 'ok' : v.code));

describe('judgePackScan', () => {
  it('accepts picked units by SKU, by GTIN and by serial, one scan per unit', () => {
    const { draft, verdicts } = scanAll(['SKU-MUG', '09506000134352', 'SN-2', '(01)09506000134352']);
    // The last one is a third mug: only two were picked.
    expect(codes(verdicts)).toEqual(['ok', 'ok', 'ok', 'over_packed']);
    expect(packedUnits(draft)).toEqual([
      { fulfillment_id: 'ful_1', line_id: 'fl_mug', sku: 'SKU-MUG', qty: 2, serials: [] },
      { fulfillment_id: 'ful_1', line_id: 'fl_phone', sku: 'SKU-PHONE', qty: 1, serials: ['SN-2'] },
    ]);
  });

  it('refuses a wrong item and an extra unit with the words the packer reads', () => {
    const { verdicts } = scanAll(['SKU-CAP', 'SKU-MUG', 'SKU-MUG', 'SKU-MUG']);
    expect(codes(verdicts)).toEqual(['not_picked', 'ok', 'ok', 'over_packed']);
    expect(verdicts[0]).toMatchObject({ title: 'Wrong item — SKU-CAP is not in this order' });
    expect(verdicts[3]).toMatchObject({ title: 'Extra unit — only 2 × SKU-MUG were picked' });
    // A label of the order's own line id is no item either.
    expect(judgePackScan(lines, [], 'fl_mug-order', YEAR)).toMatchObject({ verdict: 'rejected', code: 'not_picked' });
  });

  it('wants the serial of a serialised unit, once each, and tells what is left after earlier boxes', () => {
    const { verdicts } = scanAll(['SKU-PHONE', 'SN-1', 'SN-1', 'SN-9', 'LOC-12']);
    expect(codes(verdicts)).toEqual(['wrong_serial', 'ok', 'wrong_serial', 'not_picked', 'not_picked']);
    expect(verdicts[0]).toMatchObject({ title: 'Scan the serial number of SKU-PHONE' });

    const afterBox = remainingLines(
      entry({ lines: [line({ line_id: 'fl_mug', sku: 'SKU-MUG', qty: 1, packed_qty: 1, picked_qty: 2 })] }),
      [],
    );
    const first = judgePackScan(afterBox, [], 'SKU-MUG', YEAR);
    expect(first.verdict).toBe('accepted');
    const extra = judgePackScan(afterBox, first.verdict === 'accepted' ? [first.unit] : [], 'SKU-MUG', YEAR);
    expect(extra).toMatchObject({ code: 'over_packed', title: 'Extra unit — only 1 × SKU-MUG left to pack' });
  });

  it('fills the line with room first when an item is on two lines', () => {
    const twoLines = remainingLines(
      entry({
        lines: [line({ line_id: 'a', sku: 'SKU-MUG', qty: 1 }), line({ line_id: 'b', sku: 'SKU-MUG', qty: 1 })],
      }),
      [],
    );
    const first = judgePackScan(twoLines, [], 'SKU-MUG', YEAR);
    const second = judgePackScan(twoLines, first.verdict === 'accepted' ? [first.unit] : [], 'SKU-MUG', YEAR);
    expect([first, second].map((v) => (v.verdict === 'accepted' ? v.unit.line_id : v.code))).toEqual(['a', 'b']);
  });
});
