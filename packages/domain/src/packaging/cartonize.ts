/**
 * Cartonization: which of the tenant's packaging profiles a set of items should ship in.
 * Pure and deterministic, so the handheld and the server suggest the same box.
 */

export type Dims = { l: number; w: number; h: number };

export type CartonItem = { sku: string; qty: number; dims_mm: Dims; weight_g: number };

export type CartonProfile = {
  id: string;
  code: string;
  inner_mm: Dims;
  tare_g: number;
  /** Gross: the items and the empty packaging together. */
  max_weight_g: number;
  active: boolean;
};

export type NoFitReason = 'too_heavy' | 'item_too_large' | 'too_much_volume' | 'no_profiles';

export type CartonSuggestion =
  | { fits: true; profile_id: string; code: string; fill_ratio: number; total_weight_g: number }
  | { fits: false; reason: NoFitReason; detail: string };

/**
 * Share of a box's inner volume that items can really fill: rigid items never tessellate perfectly
 * and void fill takes room, so a box is "full" at 85 % of its inner volume.
 */
export const PACKING_EFFICIENCY = 0.85;

export const volumeOf = (d: Dims): number => d.l * d.w * d.h;

const sortedDesc = (d: Dims): [number, number, number] => {
  const s = [d.l, d.w, d.h].sort((a, b) => b - a);
  return [s[0]!, s[1]!, s[2]!];
};

/** Whether an item fits inside a box in some axis-aligned orientation: compare sorted dimensions. */
export function fitsInside(item: Dims, box: Dims): boolean {
  const i = sortedDesc(item);
  const b = sortedDesc(box);
  return i[0] <= b[0] && i[1] <= b[1] && i[2] <= b[2];
}

/** Total item volume (mm³) and weight (g), quantities included. */
export function totalsOf(items: readonly CartonItem[]): { volume_mm3: number; weight_g: number } {
  let volume = 0;
  let weight = 0;
  for (const item of items) {
    volume += volumeOf(item.dims_mm) * item.qty;
    weight += item.weight_g * item.qty;
  }
  return { volume_mm3: volume, weight_g: weight };
}

const present = (items: readonly CartonItem[]) => items.filter((i) => i.qty > 0);

/** Each single item fits the box in some orientation (items with qty 0 are ignored). */
export function itemsFitDims(items: readonly CartonItem[], profile: CartonProfile): boolean {
  return present(items).every((i) => fitsInside(i.dims_mm, profile.inner_mm));
}

export function volumeFits(items: readonly CartonItem[], profile: CartonProfile): boolean {
  return totalsOf(items).volume_mm3 <= volumeOf(profile.inner_mm) * PACKING_EFFICIENCY;
}

export function weightFits(items: readonly CartonItem[], profile: CartonProfile): boolean {
  return totalsOf(items).weight_g + profile.tare_g <= profile.max_weight_g;
}

/** All three rules: every item fits, the volume fits at PACKING_EFFICIENCY, the gross weight fits. */
export function profileFits(items: readonly CartonItem[], profile: CartonProfile): boolean {
  return itemsFitDims(items, profile) && volumeFits(items, profile) && weightFits(items, profile);
}

/** Preference order: smallest inner volume, then lowest tare, then code, then id. */
export function compareProfiles(a: CartonProfile, b: CartonProfile): number {
  const byVolume = volumeOf(a.inner_mm) - volumeOf(b.inner_mm);
  if (byVolume !== 0) return byVolume;
  if (a.tare_g !== b.tare_g) return a.tare_g - b.tare_g;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const fmt = (d: Dims) => `${d.l}×${d.w}×${d.h} mm`;

/**
 * The smallest active profile that holds all the items, or why none does. When nothing fits the
 * reason is the first rule that rules out every candidate, checked in this order:
 * `no_profiles` (no active profile), `item_too_large` (no profile takes every single item),
 * `too_much_volume` (those that do are too small in volume), `too_heavy` (those left cannot carry the weight).
 */
export function suggestCarton(items: readonly CartonItem[], profiles: readonly CartonProfile[]): CartonSuggestion {
  const active = profiles.filter((p) => p.active).sort(compareProfiles);
  if (active.length === 0)
    return { fits: false, reason: 'no_profiles', detail: 'there is no active packaging profile' };

  const { volume_mm3, weight_g } = totalsOf(items);
  const byDims = active.filter((p) => itemsFitDims(items, p));
  if (byDims.length === 0) {
    const lonely = present(items).find((i) => !active.some((p) => fitsInside(i.dims_mm, p.inner_mm)));
    const largest = active[active.length - 1]!;
    const detail = lonely
      ? `${lonely.sku} (${fmt(lonely.dims_mm)}) fits no active profile; the largest is ${largest.code} (${fmt(largest.inner_mm)} inside)`
      : 'no single active profile takes every item in any orientation';
    return { fits: false, reason: 'item_too_large', detail };
  }

  const byVolume = byDims.filter((p) => volumeFits(items, p));
  if (byVolume.length === 0) {
    const largest = byDims[byDims.length - 1]!;
    const usable = Math.floor(volumeOf(largest.inner_mm) * PACKING_EFFICIENCY);
    return {
      fits: false,
      reason: 'too_much_volume',
      detail: `the items take ${volume_mm3} mm³; the largest profile they fit, ${largest.code}, holds ${usable} mm³ at ${PACKING_EFFICIENCY * 100}% packing efficiency`,
    };
  }

  const chosen = byVolume.find((p) => weightFits(items, p));
  if (!chosen) {
    const strongest = Math.max(...byVolume.map((p) => p.max_weight_g - p.tare_g));
    return {
      fits: false,
      reason: 'too_heavy',
      detail: `the items weigh ${weight_g} g; the profiles large enough carry at most ${strongest} g besides their tare`,
    };
  }
  return {
    fits: true,
    profile_id: chosen.id,
    code: chosen.code,
    fill_ratio: Math.round((volume_mm3 / volumeOf(chosen.inner_mm)) * 10_000) / 10_000,
    total_weight_g: weight_g + chosen.tare_g,
  };
}
