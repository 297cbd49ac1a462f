import type { PickedLine } from '@fulfillment/domain/packing/check-pack-contents';
import type { OutboxStatus } from '../../../db/db-types.ts';
import type { LocalPackage, PackedUnit, PackLine, QueuedFulfillment } from './pack-tables.ts';

/** A line as checkPackContents sees it, plus what the scanner and cartonization need. */
export type RemainingLine = PickedLine & Pick<PackLine, 'gtins' | 'dims_mm' | 'weight_g' | 'picked_qty'>;

/** What the packer sees of a package of theirs. */
export type PackageStatus = 'queued' | 'refused' | 'unanswered' | 'synced' | 'label_ready';

export function packageStatus(pkg: LocalPackage, outbox: OutboxStatus | undefined): PackageStatus {
  if (pkg.refused || outbox === 'rejected') return 'refused';
  if (outbox === 'pending') return 'queued';
  if (!pkg.package_id) return 'unanswered';
  return pkg.label?.pdf_url ? 'label_ready' : 'synced';
}

/**
 * Units of this device's packages that the server's numbers in `entry` do not count yet (rule 9 for
 * packing): queued ones, and applied ones the server had not seen when the queue was fetched. A
 * package whose answer is not known yet counts as packed: the goods are in the box either way, and
 * if the server refused it the packer is told and the units come back.
 */
export function uncountedUnits(
  entry: QueuedFulfillment,
  packages: readonly LocalPackage[],
  outbox: ReadonlyMap<string, OutboxStatus>,
): PackedUnit[] {
  return packages
    .filter((p) => p.fulfillment_ids.includes(entry.fulfillment_id))
    .filter((p) => packageStatus(p, outbox.get(p.mutation_id)) !== 'refused')
    .filter((p) => !(p.package_id && entry.package_ids.includes(p.package_id)))
    .flatMap((p) => p.items.filter((i) => i.fulfillment_id === entry.fulfillment_id));
}

/** The fulfillment's lines less what this device packed on top of the server's numbers. */
export function remainingLines(entry: QueuedFulfillment, uncounted: readonly PackedUnit[]): RemainingLine[] {
  return entry.lines.map((line) => {
    const mine = uncounted.filter((u) => u.line_id === line.line_id);
    const qty = mine.reduce((n, u) => n + u.qty, 0);
    const serials = new Set(mine.flatMap((u) => u.serials));
    return {
      fulfillment_id: entry.fulfillment_id,
      line_id: line.line_id,
      order_line_id: line.order_line_id,
      sku: line.sku,
      qty: Math.max(0, line.qty - qty),
      serials: line.serials.filter((s) => !serials.has(s)),
      packed_qty: line.packed_qty + qty,
      picked_qty: line.picked_qty,
      gtins: line.gtins,
      dims_mm: line.dims_mm,
      weight_g: line.weight_g,
    };
  });
}

/** Whether anything of the fulfillment is left to pack. */
export const unitsLeft = (lines: readonly RemainingLine[]) => lines.reduce((n, l) => n + l.qty, 0);
