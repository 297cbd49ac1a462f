/**
 * What a pack station may put in packages: only units that were picked for the fulfillments packed,
 * not already packed, with the serials that were picked. Pure, so the station's client can check a
 * package before sending it.
 */

export type PickedLine = {
  fulfillment_id: string;
  line_id: string;
  order_line_id: string;
  sku: string;
  /** Units picked and not yet in a package. */
  qty: number;
  /** Picked serials not yet in a package; empty for a line without serials. */
  serials: readonly string[];
  /** Units already in packages: packing more of a line whose picked units are all packed is over-packing. */
  packed_qty?: number;
};

export type PackedItem = {
  /** Where the item sits in the request, e.g. `packages[0].items[1]`. */
  path: string;
  fulfillment_id?: string | undefined;
  line_id: string;
  qty: number;
  serials?: readonly string[] | undefined;
};

export type PackRefusalCode = 'not_picked' | 'over_packed' | 'wrong_serial';

export type PackRefusal = { path: string; code: PackRefusalCode; message: string };

export type PackCheck =
  | { ok: true; items: { path: string; line: PickedLine; qty: number; serials: string[] }[] }
  | { ok: false; refusals: PackRefusal[] };

const keyOf = (l: PickedLine) => `${l.fulfillment_id}\u0000${l.line_id}`;

function resolveLine(picked: readonly PickedLine[], item: PackedItem): PickedLine | undefined | 'ambiguous' {
  const matches = picked.filter(
    (l) =>
      (item.fulfillment_id === undefined || l.fulfillment_id === item.fulfillment_id) &&
      (l.line_id === item.line_id || l.order_line_id === item.line_id),
  );
  if (matches.length > 1) return 'ambiguous';
  return matches[0];
}

/** Checks every packed item against what remains picked and unpacked; all refusals, not just the first. */
export function checkPackContents(picked: readonly PickedLine[], packed: readonly PackedItem[]): PackCheck {
  const refusals: PackRefusal[] = [];
  const items: { path: string; line: PickedLine; qty: number; serials: string[] }[] = [];
  const used = new Map<string, number>();
  const usedSerials = new Set<string>();
  for (const item of packed) {
    const line = resolveLine(picked, item);
    if (line === 'ambiguous') {
      refusals.push({
        path: `${item.path}.line_id`,
        code: 'not_picked',
        message: `line ${item.line_id} is on several fulfillments packed: name its fulfillment_id`,
      });
      continue;
    }
    if (line && line.qty === 0 && (line.packed_qty ?? 0) > 0) {
      refusals.push({
        path: `${item.path}.qty`,
        code: 'over_packed',
        message: `every picked unit of line ${item.line_id} (${line.sku}) is already packed`,
      });
      continue;
    }
    if (!line || line.qty === 0) {
      refusals.push({
        path: `${item.path}.line_id`,
        code: 'not_picked',
        message: line
          ? `nothing of line ${item.line_id} (${line.sku}) is picked and left to pack`
          : `line ${item.line_id} was not picked for the fulfillments packed`,
      });
      continue;
    }
    const key = keyOf(line);
    const total = (used.get(key) ?? 0) + item.qty;
    used.set(key, total);
    if (total > line.qty) {
      refusals.push({
        path: `${item.path}.qty`,
        code: 'over_packed',
        message: `line ${item.line_id} (${line.sku}) has ${line.qty} picked unit(s) left to pack; this packs ${total}`,
      });
      continue;
    }
    const serials = [...(item.serials ?? [])];
    const serialised = line.serials.length > 0;
    let serialProblem: string | undefined;
    if (serialised && serials.length !== item.qty) {
      serialProblem = `line ${item.line_id} (${line.sku}) is serialised: give one serial per unit (${item.qty})`;
    } else if (!serialised && serials.length > 0) {
      serialProblem = `no serials were picked for line ${item.line_id} (${line.sku})`;
    } else {
      const bad = serials.filter((s) => !line.serials.includes(s) || usedSerials.has(`${key}\u0000${s}`));
      if (bad.length > 0)
        serialProblem = `serial(s) ${bad.join(', ')} not picked for line ${item.line_id}, or packed twice`;
    }
    if (serialProblem) {
      refusals.push({ path: `${item.path}.serials`, code: 'wrong_serial', message: serialProblem });
      continue;
    }
    for (const s of serials) usedSerials.add(`${key}\u0000${s}`);
    items.push({ path: item.path, line, qty: item.qty, serials });
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, items };
}
