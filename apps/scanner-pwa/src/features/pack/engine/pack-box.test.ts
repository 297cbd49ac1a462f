import { describe, expect, it } from 'vitest';
import { packageDimsOf, parseWeight, suggestBox } from './pack-box.ts';
import { remainingLines } from './pack-remaining.ts';
import type { PackagingProfileRow } from './pack-tables.ts';
import { entry, line } from './pack-test-fixtures.ts';

const profile = (id: string, inner: number, o: Partial<PackagingProfileRow> = {}): PackagingProfileRow => ({
  id,
  code: id.toUpperCase(),
  name: null,
  type: 'box',
  inner_mm: { l: inner, w: inner, h: inner },
  outer_mm: null,
  tare_g: 100,
  max_weight_g: 10_000,
  active: true,
  ...o,
});
const small = profile('s', 100);
const large = profile('l', 400, { outer_mm: { l: 410, w: 410, h: 410 } });

const withDims = remainingLines(
  entry({
    lines: [line({ line_id: 'fl_mug', sku: 'SKU-MUG', qty: 4, dims_mm: { l: 120, w: 90, h: 90 }, weight_g: 350 })],
  }),
  [],
);
const mugs = (qty: number) => [{ fulfillment_id: 'ful_1', line_id: 'fl_mug', sku: 'SKU-MUG', qty, serials: [] }];

describe('suggestBox', () => {
  it('suggests the smallest box the items fit, with the weight to expect', () => {
    const s = suggestBox(mugs(2), withDims, [large, small]);
    expect(s).toMatchObject({ kind: 'suggested', profile: { id: 'l' }, expected_weight_g: 800 });
    expect(packageDimsOf(large)).toEqual({ l: 410, w: 410, h: 410 });
    expect(packageDimsOf(small)).toEqual(small.inner_mm);
  });

  it('lets the packer choose when an item has no size, or nothing fits', () => {
    expect(suggestBox(mugs(1), remainingLines(entry(), []), [small])).toEqual({
      kind: 'unknown_dims',
      skus: ['SKU-MUG'],
    });
    expect(suggestBox(mugs(1), withDims, [small])).toMatchObject({ kind: 'no_fit' });
  });
});

describe('parseWeight', () => {
  it('reads whole grams as a scale or a person types them', () => {
    expect(['1250', ' 980 g', '0', '-5', '12.5', '', '12345678'].map(parseWeight)).toEqual([
      1250,
      980,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
