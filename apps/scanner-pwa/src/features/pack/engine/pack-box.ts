import { type CartonItem, type Dims, suggestCarton } from '@fulfillment/domain/packaging/cartonize';
import type { RemainingLine } from './pack-remaining.ts';
import type { PackagingProfileRow, PackedUnit } from './pack-tables.ts';

export type BoxSuggestion =
  | { kind: 'suggested'; profile: PackagingProfileRow; fill_ratio: number; expected_weight_g: number }
  | { kind: 'unknown_dims'; skus: string[] }
  | { kind: 'no_fit'; detail: string };

/**
 * Which box the package should go in: the domain's cartonization (the server's suggestion too) over
 * the unit dimensions and weights the fulfillment lines carry. Lines without dimensions cannot be
 * cartonized: the packer chooses the box.
 */
export function suggestBox(
  units: readonly PackedUnit[],
  lines: readonly RemainingLine[],
  profiles: readonly PackagingProfileRow[],
): BoxSuggestion {
  const items: CartonItem[] = [];
  const unknown: string[] = [];
  for (const unit of units) {
    const line = lines.find((l) => l.line_id === unit.line_id && l.fulfillment_id === unit.fulfillment_id);
    if (!line?.dims_mm) {
      unknown.push(unit.sku);
      continue;
    }
    items.push({ sku: unit.sku, qty: unit.qty, dims_mm: line.dims_mm, weight_g: line.weight_g ?? 0 });
  }
  if (unknown.length > 0) return { kind: 'unknown_dims', skus: [...new Set(unknown)] };
  const suggestion = suggestCarton(items, profiles);
  if (!suggestion.fits) return { kind: 'no_fit', detail: suggestion.detail };
  const profile = profiles.find((p) => p.id === suggestion.profile_id)!;
  return {
    kind: 'suggested',
    profile,
    fill_ratio: suggestion.fill_ratio,
    expected_weight_g: suggestion.total_weight_g,
  };
}

/** What a carrier measures: the outer dimensions when the profile has them, else the inner ones. */
export const packageDimsOf = (profile: PackagingProfileRow): Dims => profile.outer_mm ?? profile.inner_mm;

/** A scale typing into the wedge, or a packer typing: whole grams, at least 1. */
export function parseWeight(text: string): number | undefined {
  const trimmed = text.trim().replace(/\s*g$/i, '');
  if (!/^\d{1,7}$/.test(trimmed)) return undefined;
  const grams = Number(trimmed);
  return grams >= 1 ? grams : undefined;
}
