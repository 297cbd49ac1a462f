import type { PickTask, PicklistState, ScanVerdict } from '@fulfillment/domain/picklist/picklist-model';
import { validateScan } from '@fulfillment/domain/picklist/validate-scan';
import { useCallback, useEffect, useRef, useState } from 'react';
import { db } from '../../../db/db.ts';
import { signalAccepted, signalRejected } from '../../../lib/feedback.ts';
import { newUlid } from '../../../lib/ids.ts';
import { recordScan, recordShort } from '../engine/pick-actions.ts';
import { checkLocation, guideTask, isAtLocation, isKnownLocation } from '../engine/pick-guide.ts';
import { scanOptionsAt } from '../engine/scan-options.ts';

type Accepted = Extract<ScanVerdict, { verdict: 'accepted' }>;

export type PickStep =
  | { kind: 'location' }
  | { kind: 'item'; location: string }
  | { kind: 'qty'; location: string; barcode: string; scanId: string; preview: Accepted; qty: number }
  | { kind: 'verdict'; verdict: ScanVerdict; location: string | null; task: PickTask | undefined }
  | { kind: 'short'; location: string | null; task: PickTask };

const ACCEPTED_PAUSE_MS = 1_200;

/**
 * The guided pick as a small state machine over the cached picklist. Every verdict comes from the
 * domain's validateScan, run here on the handheld: no network on the way from trigger to beep.
 */
export function usePickFlow(
  picklistId: string,
  state: PicklistState | undefined,
  workerId: string,
  timeZone: string | null,
) {
  const [step, setStep] = useState<PickStep>({ kind: 'location' });
  const [busy, setBusy] = useState(false);
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  });
  const ctx = { db, workerId, now: () => new Date() };

  /** Where to go once a verdict has been seen: stay at the bin while it has work, else walk on. */
  const after = useCallback((verdict: ScanVerdict, location: string | null): PickStep => {
    const current = latest.current;
    if (!current || !location) return { kind: 'location' };
    if (verdict.verdict === 'rejected' && verdict.code === 'wrong_location') return { kind: 'location' };
    const here = guideTask(current, location);
    return here && isAtLocation(here, location) ? { kind: 'item', location } : { kind: 'location' };
  }, []);

  const showVerdict = (verdict: ScanVerdict, location: string | null, task: PickTask | undefined) => {
    if (verdict.verdict === 'accepted') signalAccepted();
    else signalRejected();
    setStep({ kind: 'verdict', verdict, location, task });
  };

  const scanLocation = (text: string) => {
    const current = latest.current;
    if (!current) return;
    const refused = checkLocation(current, text, scanOptionsAt(new Date(), timeZone));
    if (refused) showVerdict(refused, null, guideTask(current));
    else setStep({ kind: 'item', location: text });
  };

  const commit = async (location: string, barcode: string, scanId: string, qty: number) => {
    const task = latest.current ? guideTask(latest.current, location) : undefined;
    setBusy(true);
    try {
      const scan = { scan_id: scanId, location_id: location, barcode, qty, timestamp: new Date().toISOString() };
      const verdict = await recordScan(ctx, picklistId, scan, scanOptionsAt(new Date(), timeZone));
      showVerdict(verdict, location, task);
    } finally {
      setBusy(false);
    }
  };

  const scanItem = (location: string, text: string) => {
    const current = latest.current;
    if (!current) return;
    // A bin label at the item step: the picker moved to another bin.
    if (isKnownLocation(current, text) && !current.tasks.some((t) => t.sku === text)) return scanLocation(text);
    const scanId = newUlid();
    const preview = validateScan(
      current,
      { scan_id: scanId, location_id: location, barcode: text, qty: 1, timestamp: new Date().toISOString() },
      scanOptionsAt(new Date(), timeZone),
    );
    const task = guideTask(current, location);
    if (preview.verdict === 'rejected') return showVerdict(preview, location, task);
    // A serial is one unit: nothing to count.
    if (preview.serial !== null) return void commit(location, text, scanId, 1);
    setStep({ kind: 'qty', location, barcode: text, scanId, preview, qty: 1 });
  };

  const onScan = (text: string) => {
    if (busy) return;
    switch (step.kind) {
      case 'location':
        return scanLocation(text);
      case 'item':
        return scanItem(step.location, text);
      case 'qty':
        if (text === step.barcode) return setStep({ ...step, qty: step.qty + 1 });
        return scanItem(step.location, text);
      case 'verdict': {
        const next = after(step.verdict, step.location);
        if (next.kind === 'item') return scanItem(next.location, text);
        return scanLocation(text);
      }
      case 'short':
        return undefined;
    }
  };

  // An accepted verdict moves on by itself; a rejected one waits for the picker.
  useEffect(() => {
    if (step.kind !== 'verdict' || step.verdict.verdict !== 'accepted') return undefined;
    const timer = window.setTimeout(() => setStep(after(step.verdict, step.location)), ACCEPTED_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [step, after]);

  return {
    step,
    busy,
    onScan,
    setQty: (qty: number) => step.kind === 'qty' && setStep({ ...step, qty: Math.max(1, qty) }),
    confirmQty: () => step.kind === 'qty' && void commit(step.location, step.barcode, step.scanId, step.qty),
    dismiss: () => step.kind === 'verdict' && setStep(after(step.verdict, step.location)),
    startShort: (task: PickTask, location: string | null) => setStep({ kind: 'short', task, location }),
    cancelShort: () =>
      step.kind === 'short' &&
      setStep(step.location ? { kind: 'item', location: step.location } : { kind: 'location' }),
    declareShort: async (qty: number, reason: string) => {
      if (step.kind !== 'short') return;
      const refused = await recordShort(ctx, picklistId, step.task.task_id, qty, reason);
      if (refused) {
        signalRejected();
        setStep({
          kind: 'verdict',
          verdict: { verdict: 'rejected', scan_id: 'short', code: refused.code as never, message: refused.message },
          location: step.location,
          task: step.task,
        });
      } else {
        signalAccepted();
        setStep({ kind: 'location' });
      }
    },
  };
}
