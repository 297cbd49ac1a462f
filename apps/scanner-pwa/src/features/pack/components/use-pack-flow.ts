import type { Dims } from '@fulfillment/domain/packaging/cartonize';
import { useRef, useState } from 'react';
import { db } from '../../../db/db.ts';
import { signalAccepted, signalRejected } from '../../../lib/feedback.ts';
import { linesToPack, sealLocalPackage } from '../engine/pack-actions.ts';
import { parseWeight } from '../engine/pack-box.ts';
import { unitsLeft } from '../engine/pack-remaining.ts';
import type { QueuedFulfillment } from '../engine/pack-tables.ts';
import { type DraftUnit, judgePackScan } from '../engine/pack-verify.ts';

export type PackStep =
  | { kind: 'order' }
  /** A tote (picklist) holding several waiting fulfillments: which one is on the bench. */
  | { kind: 'choose'; fulfillmentIds: string[] }
  | { kind: 'verify'; fulfillmentId: string; units: DraftUnit[] }
  | { kind: 'box'; fulfillmentId: string; units: DraftUnit[]; weight: number | null };

/** The last thing the packer heard a beep for, shown until the next scan. */
export type PackNotice = { tone: 'ok' | 'error'; title: string; detail?: string; code?: string };

/** Which waiting fulfillments a scan names: its id, its order id, or the tote (picklist) it was picked into. */
export function findWaiting(queue: readonly QueuedFulfillment[], text: string): QueuedFulfillment[] {
  const value = text.trim();
  const exact = queue.filter((q) => q.fulfillment_id === value || q.order_id === value);
  return exact.length > 0 ? exact : queue.filter((q) => q.picklist_id === value);
}

/**
 * The packer's bench as a small state machine: scan an order or tote, scan each unit (judged here by
 * the domain's checkPackContents, no network), choose the box, weigh, seal. Sealing queues the
 * package for the server in the same transaction as the local record.
 */
export function usePackFlow(stationId: string, workerId: string, queue: readonly QueuedFulfillment[]) {
  const [step, setStep] = useState<PackStep>({ kind: 'order' });
  const [notice, setNotice] = useState<PackNotice | null>(null);
  const [busy, setBusy] = useState(false);
  // Scans arrive faster than renders: judge each against the latest draft, not the rendered one.
  const latest = useRef(step);
  latest.current = step;
  // One scan at a time: each is judged after the one before it has landed in the draft.
  const queueRef = useRef<Promise<void>>(Promise.resolve());
  const go = (next: PackStep) => {
    latest.current = next;
    setStep(next);
  };
  const ok = (title: string, detail?: string) => {
    signalAccepted();
    setNotice({ tone: 'ok', title, ...(detail ? { detail } : {}) });
  };
  const refuse = (title: string, detail?: string, code?: string) => {
    signalRejected();
    setNotice({ tone: 'error', title, ...(detail ? { detail } : {}), ...(code ? { code } : {}) });
  };

  const open = async (entry: QueuedFulfillment) => {
    const lines = (await linesToPack(db, entry.fulfillment_id)) ?? [];
    if (unitsLeft(lines) === 0) return refuse(`Order ${entry.order_id} is packed already`);
    ok(`Order ${entry.order_id}`, 'Scan each item into the box');
    go({ kind: 'verify', fulfillmentId: entry.fulfillment_id, units: [] });
  };

  const scanOrder = async (text: string) => {
    const found = findWaiting(queue, text);
    if (found.length === 0) return refuse('Not waiting at this station', `${text} is no picked order or tote here`);
    if (found.length === 1) return open(found[0]!);
    ok(`Tote with ${found.length} orders`, 'Choose the one on the bench');
    go({ kind: 'choose', fulfillmentIds: found.map((f) => f.fulfillment_id) });
  };

  const scanItem = async (current: Extract<PackStep, { kind: 'verify' }>, text: string) => {
    const lines = (await linesToPack(db, current.fulfillmentId)) ?? [];
    const verdict = judgePackScan(lines, current.units, text, new Date().getFullYear());
    if (verdict.verdict === 'rejected') return refuse(verdict.title, verdict.detail, verdict.code);
    const units = [...current.units, verdict.unit];
    const line = lines.find((l) => l.line_id === verdict.unit.line_id);
    const count = units.filter((u) => u.line_id === verdict.unit.line_id).length;
    ok(`✓ ${verdict.unit.sku}`, line ? `${count} of ${line.qty}` : undefined);
    go({ ...current, units });
  };

  const onScan = async (text: string) => {
    const current = latest.current;
    if (busy) return;
    switch (current.kind) {
      case 'order':
      case 'choose':
        return scanOrder(text);
      case 'verify':
        return scanItem(current, text);
      case 'box': {
        // A scale on the wedge types the weight and Enter.
        const weight = parseWeight(text);
        if (weight === undefined) return refuse('Weigh the box', `${text} is not a weight in grams`);
        ok(`${weight} g`);
        return go({ ...current, weight });
      }
    }
  };

  const seal = async (dims: Dims, profile: { id: string; code: string } | null) => {
    const current = latest.current;
    if (current.kind !== 'box' || current.weight === null) return;
    setBusy(true);
    try {
      const outcome = await sealLocalPackage(
        { db, workerId, now: () => new Date() },
        {
          stationId,
          fulfillmentId: current.fulfillmentId,
          units: current.units,
          weightG: current.weight,
          dims,
          profile,
        },
      );
      if (!outcome.ok) {
        const first = outcome.refusals[0]!;
        refuse('Not sealed — check the items', first.message, first.code);
        return go({ kind: 'verify', fulfillmentId: current.fulfillmentId, units: [] });
      }
      ok('Sealed', 'The label comes once it is synced');
      const left = unitsLeft((await linesToPack(db, current.fulfillmentId)) ?? []);
      go(left > 0 ? { kind: 'verify', fulfillmentId: current.fulfillmentId, units: [] } : { kind: 'order' });
    } finally {
      setBusy(false);
    }
  };

  return {
    step,
    notice,
    busy,
    onScan: (text: string) => {
      queueRef.current = queueRef.current.then(() => onScan(text)).catch(() => undefined);
    },
    open: (entry: QueuedFulfillment) => void open(entry),
    dismiss: () => setNotice(null),
    toBox: () => {
      const current = latest.current;
      if (current.kind === 'verify' && current.units.length > 0) go({ ...current, kind: 'box', weight: null });
    },
    setWeight: (weight: number | null) => {
      const current = latest.current;
      if (current.kind === 'box') go({ ...current, weight });
    },
    backToItems: () => {
      const current = latest.current;
      if (current.kind === 'box') go({ kind: 'verify', fulfillmentId: current.fulfillmentId, units: current.units });
    },
    cancel: () => go({ kind: 'order' }),
    seal: (dims: Dims, profile: { id: string; code: string } | null) => void seal(dims, profile),
  };
}
