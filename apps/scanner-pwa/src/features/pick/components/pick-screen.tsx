import { pickProgress } from '@fulfillment/domain/picklist/apply-scan';
import { remainingOf } from '@fulfillment/domain/picklist/validate-scan';
import { useEffect, useRef, useState } from 'react';
import { db } from '../../../db/db.ts';
import { markScanVerdictAfterPaint } from '../../../lib/scan-timing.ts';
import { useLiveQuery } from '../../../lib/use-live-query.ts';
import { useOnScan } from '../../../scanner/scan-context.ts';
import { recordStatusChange } from '../engine/pick-actions.ts';
import { guideTask } from '../engine/pick-guide.ts';
import { picklistLabel } from '../engine/picklist-label.ts';
import { ItemStep, LocationStep, QtyStep, VerdictPanel } from './pick-steps.tsx';
import { ShortStep } from './short-step.tsx';
import { usePickFlow } from './use-pick-flow.ts';

type Props = { picklistId: string; workerId: string; onBack(): void };

/** One picklist, guided bin by bin, from the local cache. */
export function PickScreen({ picklistId, workerId, onBack }: Props) {
  const { data: cached, loading } = useLiveQuery(() => db.picklists.get(picklistId), [picklistId]);
  const state = cached?.state;
  const flow = usePickFlow(picklistId, state, workerId, cached?.display.timezone ?? null);
  const [busy, setBusy] = useState(false);
  const scanPending = useRef(false);
  useOnScan((scan) => {
    scanPending.current = true;
    flow.onScan(scan.text);
  }, state?.status === 'in_progress');
  // The scan's outcome (verdict or quantity screen) is rendered: time it once painted (lib/scan-timing.ts).
  useEffect(() => {
    if (!scanPending.current || flow.busy) return;
    scanPending.current = false;
    markScanVerdictAfterPaint();
  }, [flow.step, flow.busy]);

  const ctx = { db, workerId, now: () => new Date() };
  const change = async (name: 'pick.start' | 'pick.complete') => {
    setBusy(true);
    try {
      await recordStatusChange(ctx, picklistId, name);
    } finally {
      setBusy(false);
    }
  };

  const title = cached ? picklistLabel(cached) : 'Picklist';
  const header = (
    <header>
      <h1 className="screen__title">{title}</h1>
      {state && (
        <p className="progress" data-testid="pick-progress">
          {pickProgress(state).units_picked} of {pickProgress(state).units_required} picked
        </p>
      )}
    </header>
  );

  const body = () => {
    if (loading) return null;
    if (!state) return <p className="notice">This picklist is no longer on this handheld.</p>;
    if (state.status === 'assigned') {
      return (
        <div className="actions">
          <p className="notice">
            {state.tasks.length} {state.tasks.length === 1 ? 'stop' : 'stops'}, {pickProgress(state).units_required}{' '}
            items.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void change('pick.start')}
            data-testid="start-picklist"
          >
            Start picking
          </button>
        </div>
      );
    }
    if (state.status === 'completed') {
      return (
        <p className="notice" data-testid="picklist-completed">
          Picklist complete. Take the tote to packing.
        </p>
      );
    }
    if (state.status !== 'in_progress') return <p className="notice">This picklist is {state.status}.</p>;

    const step = flow.step;
    if (step.kind === 'verdict')
      return <VerdictPanel verdict={step.verdict} task={step.task} onDismiss={flow.dismiss} />;
    if (step.kind === 'short') {
      return (
        <ShortStep
          task={step.task}
          onDeclare={(qty, reason) => void flow.declareShort(qty, reason)}
          onCancel={flow.cancelShort}
        />
      );
    }
    const progress = pickProgress(state);
    if (progress.done) {
      return (
        <div className="actions" data-testid="step-done">
          <p className="notice">
            Everything is picked{progress.units_short > 0 ? ` (${progress.units_short} short)` : ''}.
          </p>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void change('pick.complete')}
            data-testid="complete-picklist"
          >
            Complete picklist
          </button>
        </div>
      );
    }
    if (step.kind === 'qty') {
      const task = guideTask(state, step.location);
      return (
        <QtyStep
          preview={step.preview}
          qty={step.qty}
          need={task ? remainingOf(task) : undefined}
          busy={flow.busy}
          onQty={flow.setQty}
          onConfirm={flow.confirmQty}
        />
      );
    }
    const location = step.kind === 'item' ? step.location : null;
    const task = guideTask(state, location);
    if (!task) return null;
    return step.kind === 'item' ? (
      <ItemStep task={task} onShort={() => flow.startShort(task, location)} />
    ) : (
      <LocationStep task={task} onShort={() => flow.startShort(task, null)} />
    );
  };

  return (
    <main className="screen" data-testid="pick-screen">
      {header}
      {body()}
      <button type="button" className="button button--secondary" onClick={onBack}>
        Back to list
      </button>
    </main>
  );
}
