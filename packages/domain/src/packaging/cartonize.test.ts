import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CartonItem,
  type CartonProfile,
  compareProfiles,
  fitsInside,
  PACKING_EFFICIENCY,
  profileFits,
  suggestCarton,
  totalsOf,
  volumeOf,
} from './cartonize.ts';
import { createPackagingProfileInput, updatePackagingProfileInput } from './packaging-schemas.ts';

const profile = (code: string, l: number, w: number, h: number, extra: Partial<CartonProfile> = {}): CartonProfile => ({
  id: `pp_${code}`,
  code,
  inner_mm: { l, w, h },
  tare_g: 100,
  max_weight_g: 20_000,
  active: true,
  ...extra,
});

const item = (sku: string, l: number, w: number, h: number, weight_g = 100, qty = 1): CartonItem => ({
  sku,
  qty,
  dims_mm: { l, w, h },
  weight_g,
});

const small = profile('S', 200, 150, 100);
const medium = profile('M', 300, 200, 150);
const large = profile('L', 600, 400, 400);
const all = [large, small, medium];

describe('fitsInside', () => {
  it('turns the item to fit', () => {
    expect(fitsInside({ l: 100, w: 300, h: 50 }, { l: 300, w: 100, h: 60 })).toBe(true);
    expect(fitsInside({ l: 100, w: 300, h: 70 }, { l: 300, w: 100, h: 60 })).toBe(false);
  });
});

describe('suggestCarton', () => {
  it.each<[string, CartonItem[], CartonProfile[], Record<string, unknown>]>([
    ['a small item goes in the small box', [item('A', 100, 100, 50)], all, { fits: true, code: 'S' }],
    [
      'an item turned on its side still fits',
      [item('A', 140, 190, 90)],
      all,
      { fits: true, code: 'S', fill_ratio: 0.798, total_weight_g: 200 },
    ],
    ['an item longer than the small box needs the medium', [item('A', 250, 50, 50)], all, { fits: true, code: 'M' }],
    [
      'many small items add up to the medium box',
      [item('A', 100, 100, 100, 100, 3)],
      all,
      { fits: true, code: 'M', fill_ratio: 0.3333, total_weight_g: 400 },
    ],
    ['volume at exactly 85% fits', [item('A', 200, 150, 85)], [small], { fits: true, code: 'S', fill_ratio: 0.85 }],
    ['volume past 85% does not', [item('A', 200, 150, 86)], [small], { fits: false, reason: 'too_much_volume' }],
    [
      'weight over the small box limit moves up',
      [item('A', 100, 100, 50, 5_000)],
      [small, profile('M', 300, 200, 150, { max_weight_g: 10_000 })].map((p) =>
        p.code === 'S' ? { ...p, max_weight_g: 5_000 } : p,
      ),
      { fits: true, code: 'M', total_weight_g: 5_100 },
    ],
    ['tare counts against the limit', [item('A', 10, 10, 10, 19_901)], [small], { fits: false, reason: 'too_heavy' }],
    [
      'tare exactly to the limit fits',
      [item('A', 10, 10, 10, 19_900)],
      [small],
      { fits: true, total_weight_g: 20_000 },
    ],
    ['an item larger than every box', [item('POLE', 2_000, 10, 10)], all, { fits: false, reason: 'item_too_large' }],
    ['no profiles at all', [item('A', 10, 10, 10)], [], { fits: false, reason: 'no_profiles' }],
    [
      'only inactive profiles',
      [item('A', 10, 10, 10)],
      [{ ...small, active: false }],
      { fits: false, reason: 'no_profiles' },
    ],
    ['inactive profiles are skipped', [item('A', 10, 10, 10)], [{ ...small, active: false }, medium], { code: 'M' }],
    [
      'same volume: lower tare wins',
      [item('A', 10, 10, 10)],
      [profile('X', 200, 150, 100, { tare_g: 300 }), profile('Y', 100, 150, 200, { tare_g: 50 })],
      { code: 'Y' },
    ],
    [
      'same volume and tare: code decides',
      [item('A', 10, 10, 10)],
      [profile('B', 200, 150, 100), profile('A', 100, 150, 200)],
      { code: 'A' },
    ],
  ])('%s', (_, items, profiles, expected) => {
    expect(suggestCarton(items, profiles)).toMatchObject(expected);
  });

  it('names the item that fits nowhere', () => {
    const res = suggestCarton([item('OK', 10, 10, 10), item('POLE', 2_000, 10, 10)], all);
    expect(res).toMatchObject({ fits: false, reason: 'item_too_large' });
    expect(res.fits === false && res.detail).toContain('POLE');
  });

  it('says item_too_large when no one box takes every item even though each fits some box', () => {
    const long = profile('LONG', 1_000, 50, 50);
    const flat = profile('FLAT', 300, 300, 20);
    const res = suggestCarton([item('ROD', 900, 40, 40), item('TILE', 290, 290, 10)], [long, flat]);
    expect(res).toMatchObject({ fits: false, reason: 'item_too_large' });
  });
});

const dims = fc.record({
  l: fc.integer({ min: 1, max: 800 }),
  w: fc.integer({ min: 1, max: 800 }),
  h: fc.integer({ min: 1, max: 800 }),
});
const itemArb = fc.record({
  sku: fc.constantFrom('A', 'B', 'C'),
  qty: fc.integer({ min: 1, max: 5 }),
  dims_mm: dims,
  weight_g: fc.integer({ min: 0, max: 10_000 }),
});
const profileArb = fc
  .record({
    code: fc.string({ minLength: 1, maxLength: 3 }),
    inner_mm: dims,
    tare_g: fc.integer({ min: 0, max: 2_000 }),
    max_weight_g: fc.integer({ min: 1, max: 60_000 }),
    active: fc.boolean(),
  })
  .map((p) => ({ ...p, id: `pp_${p.code}` }));
// Profile ids are unique, as they are in a tenant's table.
const profilesArb = fc.uniqueArray(profileArb, { selector: (p) => p.id, maxLength: 8 });
const itemsArb = fc.array(itemArb, { minLength: 1, maxLength: 6 });

describe('suggestCarton properties', () => {
  it('a suggestion satisfies every rule', () => {
    fc.assert(
      fc.property(itemsArb, profilesArb, (items, profiles) => {
        const res = suggestCarton(items, profiles);
        if (!res.fits) return;
        const chosen = profiles.find((p) => p.id === res.profile_id && p.code === res.code)!;
        expect(chosen.active).toBe(true);
        for (const i of items) expect(fitsInside(i.dims_mm, chosen.inner_mm)).toBe(true);
        const totals = totalsOf(items);
        expect(totals.volume_mm3).toBeLessThanOrEqual(volumeOf(chosen.inner_mm) * PACKING_EFFICIENCY);
        expect(res.total_weight_g).toBe(totals.weight_g + chosen.tare_g);
        expect(res.total_weight_g).toBeLessThanOrEqual(chosen.max_weight_g);
      }),
    );
  });

  it('no active profile that fits is preferred to the suggestion, and "nothing fits" means none does', () => {
    fc.assert(
      fc.property(itemsArb, profilesArb, (items, profiles) => {
        const res = suggestCarton(items, profiles);
        const fitting = profiles.filter((p) => p.active && profileFits(items, p));
        if (!res.fits) {
          expect(fitting).toEqual([]);
          return;
        }
        const chosen = profiles.find((p) => p.id === res.profile_id)!;
        for (const p of fitting) {
          expect(volumeOf(p.inner_mm)).toBeGreaterThanOrEqual(volumeOf(chosen.inner_mm));
          expect(compareProfiles(p, chosen)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('adding an item never makes a smaller box fit', () => {
    fc.assert(
      fc.property(itemsArb, itemArb, profilesArb, (items, extra, profiles) => {
        const before = suggestCarton(items, profiles);
        const after = suggestCarton([...items, extra], profiles);
        if (!before.fits) {
          expect(after.fits).toBe(false);
          return;
        }
        if (!after.fits) return;
        const volume = (id: string) => volumeOf(profiles.find((p) => p.id === id)!.inner_mm);
        expect(volume(after.profile_id)).toBeGreaterThanOrEqual(volume(before.profile_id));
      }),
    );
  });

  it('does not depend on the order of the profiles', () => {
    fc.assert(
      fc.property(itemsArb, profilesArb, (items, profiles) => {
        expect(suggestCarton(items, [...profiles].reverse())).toEqual(suggestCarton(items, profiles));
      }),
    );
  });
});

describe('packaging profile schemas', () => {
  const valid = { code: 'BOX-S', type: 'box', inner_mm: { l: 200, w: 150, h: 100 }, tare_g: 120, max_weight_g: 5_000 };

  it('accepts a profile and refuses a tare at or above the limit or an outer smaller than the inner', () => {
    expect(createPackagingProfileInput.safeParse(valid).success).toBe(true);
    const heavy = createPackagingProfileInput.safeParse({ ...valid, tare_g: 5_000 });
    expect(heavy.error?.issues.map((i) => i.path.join('.'))).toEqual(['max_weight_g']);
    const outer = createPackagingProfileInput.safeParse({ ...valid, outer_mm: { l: 210, w: 140, h: 110 } });
    expect(outer.error?.issues.map((i) => i.path.join('.'))).toEqual(['outer_mm.w']);
    for (const bad of [{ inner_mm: { l: 0, w: 1, h: 1 } }, { type: 'crate' }, { tare_g: 1.5 }, { id: 'x' }]) {
      expect(createPackagingProfileInput.safeParse({ ...valid, ...bad }).success).toBe(false);
    }
  });

  it('needs at least one change in a patch', () => {
    expect(updatePackagingProfileInput.safeParse({ version: 1 }).success).toBe(false);
    expect(updatePackagingProfileInput.safeParse({ active: false }).success).toBe(true);
    expect(updatePackagingProfileInput.safeParse({ outer_mm: null }).success).toBe(true);
  });
});
