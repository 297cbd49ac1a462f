import { toGtin14 } from '../barcode/check-digit.ts';
import { type ClassifyScanOptions, classifyScan } from '../barcode/classify-scan.ts';
import type { PickScan, PickSplit, PickTask, PicklistState, ScanRejectionCode, ScanVerdict } from './picklist-model.ts';

/**
 * Judges one scan against a picklist, on the handheld (at once, offline) and on the server (again,
 * trusting nothing the handheld concluded). Pure: the same state and scan give the same verdict
 * everywhere, including after the state has been through JSON (Dexie, the network).
 *
 * Replays: the verdict of a scan id already judged is the server's to return (it stores every
 * verdict), so this function does not look at `judged_scan_ids`; it judges the scan against the state
 * as it is. What keeps a replay from picking twice is `applyScan`, which ignores a verdict whose scan
 * id is already in `judged_scan_ids`. Callers therefore look a scan id up first (`isJudged`) and only
 * judge scans that are new.
 */

export const MAX_SCAN_QTY = 10_000;

export type ValidateScanOptions = {
  /** The current year, for the GS1 century rule. Overrides `classify.referenceYear`. */
  referenceYear: number;
  /** YYYY-MM-DD in the warehouse's time zone: a GS1 expiry before it is refused (`businessDateOf`). */
  businessDate: string;
  /** Label prefixes, group separator, ...: how this warehouse's scanners are set up. */
  classify?: ClassifyScanOptions;
};

/** Units still to pick on a task: what is required less what is picked and what was declared short. */
export function remainingOf(task: PickTask): number {
  return Math.max(0, task.qty_required - task.qty_picked - task.qty_short);
}

/** Whether a scan id already has a verdict on this picklist (its first verdict stands). */
export function isJudged(state: PicklistState, scanId: string): boolean {
  return state.judged_scan_ids.includes(scanId);
}

/** The date in a time zone (YYYY-MM-DD): the business date that expiry is judged against. */
// Building an Intl formatter costs far more than using one, and every scan asks: one per time zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function businessDateOf(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  const parts = format
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** What the scan says the item is. */
type ScannedItem = {
  sku: string | null;
  gtin: string | null;
  lot: string | null;
  serial: string | null;
  /** Only from a GS1 barcode (AI 17): the date printed on the goods. */
  expiry: string | null;
  shown: string;
};

type Read = { ok: true; item: ScannedItem } | { ok: false; code: ScanRejectionCode; message: string };

const blankToNull = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === '' ? null : s);

/*
 * The items below are built with the spread last: `{ ...fields, more }` (a spread, then keys it does
 * not have) takes V8 (Node 20) about 2 µs and leaves a slow object; `{ more, ...fields }` is as fast
 * as a literal. A scan is judged on every handheld keystroke's verdict and again on the server.
 */
function readItem(scan: PickScan, options: ValidateScanOptions): Read {
  const fields = { lot: blankToNull(scan.lot), serial: blankToNull(scan.serial), expiry: null };
  const barcode = blankToNull(scan.barcode);
  if (barcode !== null) {
    const result = classifyScan(barcode, { ...options.classify, referenceYear: options.referenceYear });
    if (!result.ok) return { ok: false, code: 'unreadable_barcode', message: result.error.message };
    const value = result.value;
    switch (value.kind) {
      case 'gs1': {
        const d = value.data;
        if (!d.gtin) return { ok: false, code: 'wrong_item', message: 'the GS1 code names no item (no GTIN, AI 01)' };
        // What the barcode carries wins over what was typed beside it: it is printed on this unit.
        return {
          ok: true,
          item: {
            sku: null,
            gtin: d.gtin,
            lot: d.lot ?? fields.lot,
            serial: d.serial ?? fields.serial,
            expiry: d.expiry ?? null,
            shown: `GTIN ${d.gtin}`,
          },
        };
      }
      case 'gtin':
        return { ok: true, item: { sku: null, gtin: value.gtin, shown: `GTIN ${value.gtin}`, ...fields } };
      case 'free':
        return { ok: true, item: { sku: value.text, gtin: null, shown: value.text, ...fields } };
      case 'sscc':
        return { ok: false, code: 'wrong_item', message: `SSCC ${value.sscc} names a pallet or parcel, not an item` };
      case 'prefixed':
        return { ok: false, code: 'wrong_item', message: `${value.text} is a ${value.type} label, not an item` };
    }
  }
  const sku = blankToNull(scan.sku)?.trim() ?? null;
  if (sku === null)
    return { ok: false, code: 'wrong_item', message: 'nothing names the item: send a sku or a barcode' };
  // A GTIN typed as text still counts as that GTIN.
  return { ok: true, item: { sku, gtin: /^\d+$/.test(sku) ? (toGtin14(sku) ?? null) : null, shown: sku, ...fields } };
}

function isItem(task: PickTask, item: ScannedItem): boolean {
  if (item.sku !== null && task.sku === item.sku) return true;
  if (item.gtin === null) return false;
  return toGtin14(task.sku) === item.gtin || task.gtins.some((g) => (toGtin14(g) ?? g) === item.gtin);
}

const bySequence = (a: PickTask, b: PickTask) =>
  a.sequence - b.sequence || (a.task_id < b.task_id ? -1 : a.task_id > b.task_id ? 1 : 0);

/** The bin a scan names: by id, or by the barcode on its label (what a keyboard-wedge scanner types). */
const isAt = (task: PickTask, location: string) => task.location_id === location || task.location_barcode === location;

/** The one value all of these share, or null. */
function common(values: (string | null)[]): string | null {
  const first = values[0] ?? null;
  return values.every((v) => v === first) ? first : null;
}

/** A module function, not a closure per call: the server's tsx names every closure it makes (Object.defineProperty). */
const rejection = (scan: PickScan, code: ScanRejectionCode, message: string): ScanVerdict => ({
  verdict: 'rejected',
  scan_id: scan.scan_id,
  code,
  message,
});

export function validateScan(state: PicklistState, scan: PickScan, options: ValidateScanOptions): ScanVerdict {
  if (state.status !== 'in_progress') {
    return rejection(scan, 'picklist_not_active', `the picklist is ${state.status}, not in progress`);
  }
  if (!Number.isInteger(scan.qty) || scan.qty < 1 || scan.qty > MAX_SCAN_QTY) {
    return rejection(scan, 'invalid_qty', `qty must be a whole number from 1 to ${MAX_SCAN_QTY}, not ${scan.qty}`);
  }

  const open = state.tasks.filter((t) => t.status === 'open' && remainingOf(t) > 0).sort(bySequence);
  const here = open.filter((t) => isAt(t, scan.location_id));
  if (here.length === 0) {
    const next = open[0];
    return rejection(
      scan,
      'wrong_location',
      next
        ? `nothing is left to pick at ${scan.location_id}; next: ${next.location_code}`
        : 'nothing is left to pick on this picklist',
    );
  }

  const read = readItem(scan, options);
  if (!read.ok) return rejection(scan, read.code, read.message);
  const item = read.item;

  const same = here.filter((t) => isItem(t, item));
  if (same.length === 0) {
    const wanted = [...new Set(here.map((t) => t.sku))].join(', ');
    return rejection(
      scan,
      'wrong_item',
      `${item.shown} is not to be picked at ${here[0]!.location_code}: pick ${wanted}`,
    );
  }
  if (item.expiry !== null && item.expiry < options.businessDate) {
    return rejection(scan, 'expired_lot', `the item expired on ${item.expiry}`);
  }
  // An unreserved lot takes any lot; a scan that shows no lot cannot be checked and takes the reserved one.
  const ofLot = item.lot === null ? same : same.filter((t) => t.lot === null || t.lot === item.lot);
  if (ofLot.length === 0) {
    const reserved = [...new Set(same.map((t) => t.lot))].join(', ');
    return rejection(scan, 'lot_mismatch', `lot ${item.lot} was scanned; lot ${reserved} is reserved`);
  }

  let candidates: PickTask[];
  if (item.serial !== null) {
    if (state.picked_serials.includes(item.serial)) {
      return rejection(scan, 'duplicate_serial', `serial ${item.serial} has already been picked`);
    }
    candidates = ofLot.filter((t) => t.serial === null || t.serial === item.serial);
    if (candidates.length === 0) {
      const reserved = ofLot.map((t) => t.serial).join(', ');
      return rejection(scan, 'wrong_item', `serial ${item.serial} is not the reserved unit: take ${reserved}`);
    }
    if (scan.qty !== 1)
      return rejection(scan, 'invalid_qty', `a serial names one unit: qty must be 1, not ${scan.qty}`);
  } else {
    candidates = ofLot.filter((t) => !t.serial_required && t.serial === null);
    if (candidates.length === 0) {
      return rejection(scan, 'serial_required', `scan the serial number of each ${ofLot[0]!.sku}`);
    }
  }

  const left = candidates.reduce((sum, t) => sum + remainingOf(t), 0);
  if (scan.qty > left) {
    return rejection(scan, 'over_pick', `${scan.qty} scanned, only ${left} of ${candidates[0]!.sku} left to pick here`);
  }

  const picks: PickSplit[] = [];
  let rest = scan.qty;
  for (const task of candidates) {
    if (rest === 0) break;
    const qty = Math.min(rest, remainingOf(task));
    picks.push({ task_id: task.task_id, qty });
    rest -= qty;
  }
  const filled = candidates.filter((t) => picks.some((p) => p.task_id === t.task_id));
  return {
    verdict: 'accepted',
    scan_id: scan.scan_id,
    task_id: picks[0]!.task_id,
    sku: filled[0]!.sku,
    qty: scan.qty,
    lot: item.lot ?? common(filled.map((t) => t.lot)),
    serial: item.serial ?? common(filled.map((t) => t.serial)),
    expiry: item.expiry ?? common(filled.map((t) => t.expiry)),
    picks,
  };
}
