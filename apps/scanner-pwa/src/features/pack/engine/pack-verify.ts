import { toGtin14 } from '@fulfillment/domain/barcode/check-digit';
import { classifyScan } from '@fulfillment/domain/barcode/classify-scan';
import {
  checkPackContents,
  type PackedItem,
  type PackRefusalCode,
} from '@fulfillment/domain/packing/check-pack-contents';
import type { RemainingLine } from './pack-remaining.ts';
import type { PackedUnit } from './pack-tables.ts';

/** One unit scanned into the package being packed. */
export type DraftUnit = { fulfillment_id: string; line_id: string; sku: string; serial: string | null };

export type PackScanVerdict =
  | { verdict: 'accepted'; unit: DraftUnit }
  | {
      verdict: 'rejected';
      /** checkPackContents' code, or `unreadable` when the scan names nothing. */
      code: PackRefusalCode | 'unreadable';
      title: string;
      detail: string;
    };

type Scanned = { sku: string | null; gtin: string | null; serial: string | null; shown: string };

function read(text: string, lines: readonly RemainingLine[], referenceYear: number): Scanned | string {
  const result = classifyScan(text, { referenceYear });
  if (!result.ok) return result.error.message;
  const value = result.value;
  switch (value.kind) {
    case 'gs1':
      if (!value.data.gtin) return 'the GS1 code names no item (no GTIN, AI 01)';
      return { sku: null, gtin: value.data.gtin, serial: value.data.serial ?? null, shown: `GTIN ${value.data.gtin}` };
    case 'gtin':
      return { sku: null, gtin: value.gtin, serial: null, shown: `GTIN ${value.gtin}` };
    case 'sscc':
      return `SSCC ${value.sscc} names a parcel, not an item`;
    case 'prefixed':
      return `${value.text} is a ${value.type} label, not an item`;
    case 'free': {
      // A serial label on a serialised unit names the unit, and through it its line.
      const serialOf = lines.find((l) => l.serials.includes(value.text));
      if (serialOf) return { sku: serialOf.sku, gtin: null, serial: value.text, shown: value.text };
      return { sku: value.text, gtin: null, serial: null, shown: value.text };
    }
  }
}

function isItem(line: RemainingLine, item: Scanned): boolean {
  if (item.serial !== null && line.serials.includes(item.serial)) return true;
  if (item.sku !== null && line.sku === item.sku) return true;
  if (item.gtin === null) return false;
  return toGtin14(line.sku) === item.gtin || line.gtins.some((g) => (toGtin14(g) ?? g) === item.gtin);
}

/** The draft as checkPackContents reads a package: one item per unit, each with its serial. */
export function draftItems(units: readonly DraftUnit[]): PackedItem[] {
  return units.map((u, i) => ({
    path: `units[${i}]`,
    fulfillment_id: u.fulfillment_id,
    line_id: u.line_id,
    qty: 1,
    serials: u.serial === null ? [] : [u.serial],
  }));
}

/** The draft grouped per line, as the seal mutation sends it. */
export function packedUnits(units: readonly DraftUnit[]): PackedUnit[] {
  const out = new Map<string, PackedUnit>();
  for (const u of units) {
    const key = `${u.fulfillment_id}\u0000${u.line_id}`;
    const cur = out.get(key) ?? {
      fulfillment_id: u.fulfillment_id,
      line_id: u.line_id,
      sku: u.sku,
      qty: 0,
      serials: [],
    };
    out.set(key, { ...cur, qty: cur.qty + 1, serials: u.serial === null ? cur.serials : [...cur.serials, u.serial] });
  }
  return [...out.values()];
}

const countOf = (units: readonly DraftUnit[], line: RemainingLine) =>
  units.filter((u) => u.line_id === line.line_id && u.fulfillment_id === line.fulfillment_id).length;

function extraUnitTitle(line: RemainingLine | undefined, sku: string): string {
  if (!line) return `Extra unit of ${sku}`;
  return (line.packed_qty ?? 0) > 0
    ? `Extra unit — only ${line.qty} × ${sku} left to pack`
    : `Extra unit — only ${line.qty} × ${sku} were picked`;
}

function reject(code: PackRefusalCode | 'unreadable', title: string, detail: string): PackScanVerdict {
  return { verdict: 'rejected', code, title, detail };
}

/**
 * Judges one scan at the pack station against what was picked and is left to pack, with the units
 * already scanned into this package: the domain's checkPackContents, the very rule the server
 * applies to the package when it arrives, so a package the handheld accepts is one the server takes.
 */
export function judgePackScan(
  lines: readonly RemainingLine[],
  draft: readonly DraftUnit[],
  text: string,
  referenceYear: number,
): PackScanVerdict {
  const scanned = read(text, lines, referenceYear);
  if (typeof scanned === 'string') {
    return reject('unreadable', 'Not an item — scan the item’s barcode', scanned);
  }
  const matches = lines.filter((l) => isItem(l, scanned));
  // Two lines of the same item: the first with room left takes the unit.
  const line = matches.find((l) => countOf(draft, l) < l.qty) ?? matches[0];
  const unit: DraftUnit = {
    fulfillment_id: line?.fulfillment_id ?? lines[0]?.fulfillment_id ?? '',
    // Not a line of this order: an id no line has, so checkPackContents refuses it as not picked.
    line_id: line?.line_id ?? `\u0000${scanned.shown}`,
    sku: line?.sku ?? scanned.shown,
    serial: line && line.serials.length > 0 ? scanned.serial : null,
  };
  // A serialised line scanned by its SKU has no serial: checkPackContents says what is missing.
  const candidate = { ...draftItems([unit])[0]!, path: 'scan' };
  const check = checkPackContents(lines, [...draftItems(draft), candidate]);
  if (check.ok) return { verdict: 'accepted', unit };
  const refusal = check.refusals.find((r) => r.path.startsWith('scan')) ?? check.refusals[0]!;
  switch (refusal.code) {
    case 'not_picked':
      return line
        ? reject('not_picked', `Nothing of ${line.sku} left to pack`, refusal.message)
        : reject('not_picked', `Wrong item — ${scanned.shown} is not in this order`, refusal.message);
    case 'over_packed':
      return reject('over_packed', extraUnitTitle(line, unit.sku), refusal.message);
    case 'wrong_serial':
      return reject(
        'wrong_serial',
        line && scanned.serial === null ? `Scan the serial number of ${line.sku}` : 'Wrong serial — not one picked',
        refusal.message,
      );
  }
}
