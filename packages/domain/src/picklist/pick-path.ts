import type { PickTask } from './picklist-model.ts';

/**
 * The order a picker walks: zone by zone in the zones' pick sequence, then aisle, bay, level and
 * position, each compared naturally ("2" before "10"), then the bin code, then the SKU. A part that is
 * unknown (a bin named outside the aisle-bay-level scheme) sorts after the known ones, and the bin
 * code then decides.
 */
export type PickPathPosition = {
  zone_sequence: number | null;
  aisle: string | null;
  bay: string | null;
  level: string | null;
  position: string | null;
  location_code: string;
  sku: string;
};

const CHUNK = /\d+|\D+/g;
const isDigit = (s: string) => s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57;
const raw = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareNumber(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return x.length - y.length || raw(x, y);
}

/**
 * Natural order: runs of digits compare by value and before letters, letters compare regardless of
 * case. Only equal strings compare equal (ties such as "02"/"2" or "a"/"A" fall back to code units),
 * so sorting is deterministic whatever order the input came in.
 */
export function naturalCompare(a: string, b: string): number {
  const xs = a.match(CHUNK) ?? [];
  const ys = b.match(CHUNK) ?? [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    const dx = isDigit(x);
    const dy = isDigit(y);
    if (dx !== dy) return dx ? -1 : 1;
    const c = dx ? compareNumber(x, y) : raw(x.toUpperCase(), y.toUpperCase());
    if (c !== 0) return Math.sign(c);
  }
  if (xs.length !== ys.length) return xs.length < ys.length ? -1 : 1;
  return raw(a, b);
}

function compareOptional(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return naturalCompare(a, b);
}

export function comparePickPath(a: PickPathPosition, b: PickPathPosition): number {
  const za = a.zone_sequence;
  const zb = b.zone_sequence;
  if (za !== zb) {
    if (za === null) return 1;
    if (zb === null) return -1;
    return za < zb ? -1 : 1;
  }
  return (
    compareOptional(a.aisle, b.aisle) ||
    compareOptional(a.bay, b.bay) ||
    compareOptional(a.level, b.level) ||
    compareOptional(a.position, b.position) ||
    naturalCompare(a.location_code, b.location_code) ||
    naturalCompare(a.sku, b.sku)
  );
}

/**
 * Sorts along the pick path (a new array). `tiebreak` orders items at the same stop with the same SKU
 * (two fulfillments' units in one bin), so the result never depends on the input order.
 */
export function sortByPickPath<T>(
  items: readonly T[],
  positionOf: (item: T) => PickPathPosition,
  tiebreak: (item: T) => string = () => '',
): T[] {
  return items
    .map((item) => ({ item, at: positionOf(item), tie: tiebreak(item) }))
    .sort((x, y) => comparePickPath(x.at, y.at) || raw(x.tie, y.tie))
    .map((x) => x.item);
}

/** One stop on the pick path: a bin and what to take from it. */
export type PickStop = {
  location_id: string;
  location_code: string;
  location_barcode: string;
  zone_code: string | null;
  /** The sequence of the stop's first task. */
  sequence: number;
  items: PickTask[];
};

/** Tasks grouped by bin, stops in the order of their first task's sequence, items in sequence order. */
export function groupByLocation(tasks: readonly PickTask[]): PickStop[] {
  const stops = new Map<string, PickStop>();
  const ordered = [...tasks].sort((a, b) => a.sequence - b.sequence || raw(a.task_id, b.task_id));
  for (const task of ordered) {
    const stop = stops.get(task.location_id);
    if (stop) stop.items.push(task);
    else
      stops.set(task.location_id, {
        location_id: task.location_id,
        location_code: task.location_code,
        location_barcode: task.location_barcode,
        zone_code: task.zone_code,
        sequence: task.sequence,
        items: [task],
      });
  }
  return [...stops.values()];
}
