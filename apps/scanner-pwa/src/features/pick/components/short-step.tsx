import type { PickTask } from '@fulfillment/domain/picklist/picklist-model';
import { remainingOf } from '@fulfillment/domain/picklist/validate-scan';
import { useState } from 'react';

const REASONS = ['Bin empty', 'Not enough in bin', 'Damaged', 'Can’t reach'];

/** A short pick: how many are missing (default: all that is left) and why, one tap each. */
export function ShortStep({
  task,
  onDeclare,
  onCancel,
}: {
  task: PickTask;
  onDeclare(qty: number, reason: string): void;
  onCancel(): void;
}) {
  const left = remainingOf(task);
  const [qty, setQty] = useState(left);
  return (
    <section className="actions" data-testid="step-short">
      <p className="prompt">
        Short: {task.sku} at {task.location_code}
      </p>
      <p className="screen__subtitle">How many are missing?</p>
      <div className="qty">
        <button
          type="button"
          className="button button--secondary"
          aria-label="One less"
          onClick={() => setQty(Math.max(1, qty - 1))}
          disabled={qty <= 1}
        >
          −
        </button>
        <output className="qty__value">{qty}</output>
        <button
          type="button"
          className="button button--secondary"
          aria-label="One more"
          onClick={() => setQty(Math.min(left, qty + 1))}
          disabled={qty >= left}
        >
          +
        </button>
      </div>
      <p className="screen__subtitle">Why?</p>
      {REASONS.map((reason) => (
        <button key={reason} type="button" className="button" onClick={() => onDeclare(qty, reason)}>
          {reason}
        </button>
      ))}
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
