import type { PickTask, ScanVerdict } from '@fulfillment/domain/picklist/picklist-model';
import { remainingOf } from '@fulfillment/domain/picklist/validate-scan';
import { ScanControls } from '../../../scanner/scan-controls.tsx';
import { describeRejection } from '../engine/rejection-messages.ts';

/** The screens of one pick, each with one thing to do. */

/** Bin codes run to 14+ characters: a smaller size keeps them on one line at 360 px. */
const bigCodeClass = (code: string) => (code.length > 10 ? 'big-code big-code--long' : 'big-code');

function TaskFacts({ task, show }: { task: PickTask; show: 'bin' | 'item' }) {
  return (
    <dl className="facts">
      {show === 'bin' ? (
        <>
          <dt>Item</dt>
          <dd>{task.sku}</dd>
        </>
      ) : (
        <>
          <dt>Bin</dt>
          <dd>{task.location_code}</dd>
        </>
      )}
      <dt>Need</dt>
      <dd data-testid="need-qty">{remainingOf(task)}</dd>
      {task.lot && (
        <>
          <dt>Lot</dt>
          <dd>{task.lot}</dd>
        </>
      )}
      {task.serial_required && (
        <>
          <dt>Serial</dt>
          <dd>{task.serial ?? 'scan each unit'}</dd>
        </>
      )}
    </dl>
  );
}

export function LocationStep({ task, onShort }: { task: PickTask; onShort(): void }) {
  return (
    <section className="actions" data-testid="step-location" data-location={task.location_code}>
      <p className="prompt">Go to</p>
      <p className={bigCodeClass(task.location_code)} data-testid="location-code">
        {task.location_code}
      </p>
      <p className="prompt">Scan the bin label</p>
      <TaskFacts task={task} show="bin" />
      <ScanControls typeLabel="Bin label" />
      <button type="button" className="button button--secondary" onClick={onShort}>
        Can’t pick here (short)
      </button>
    </section>
  );
}

export function ItemStep({ task, onShort }: { task: PickTask; onShort(): void }) {
  return (
    <section className="actions" data-testid="step-item" data-sku={task.sku}>
      <p className="prompt">Scan the item</p>
      <p className={bigCodeClass(task.sku)}>{task.sku}</p>
      <TaskFacts task={task} show="item" />
      <ScanControls typeLabel="Item barcode or SKU" />
      <button type="button" className="button button--secondary" onClick={onShort}>
        Not enough here (short)
      </button>
    </section>
  );
}

type QtyProps = {
  preview: Extract<ScanVerdict, { verdict: 'accepted' }>;
  qty: number;
  need: number | undefined;
  busy: boolean;
  onQty(qty: number): void;
  onConfirm(): void;
};

export function QtyStep({ preview, qty, need, busy, onQty, onConfirm }: QtyProps) {
  return (
    <section className="actions" data-testid="step-qty">
      <p className="prompt">How many?</p>
      <dl className="facts" data-testid="scanned-item">
        <dt>Item</dt>
        <dd>{preview.sku}</dd>
        {preview.lot && (
          <>
            <dt>Lot</dt>
            <dd data-testid="scanned-lot">{preview.lot}</dd>
          </>
        )}
        {preview.expiry && (
          <>
            <dt>Expiry</dt>
            <dd data-testid="scanned-expiry">{preview.expiry}</dd>
          </>
        )}
        {preview.serial && (
          <>
            <dt>Serial</dt>
            <dd data-testid="scanned-serial">{preview.serial}</dd>
          </>
        )}
        {need !== undefined && (
          <>
            <dt>Need</dt>
            <dd>{need}</dd>
          </>
        )}
      </dl>
      <div className="qty">
        <button
          type="button"
          className="button button--secondary"
          aria-label="One less"
          onClick={() => onQty(qty - 1)}
          disabled={qty <= 1}
        >
          −
        </button>
        <output className="qty__value" data-testid="qty-value" aria-live="polite">
          {qty}
        </output>
        <button type="button" className="button button--secondary" aria-label="One more" onClick={() => onQty(qty + 1)}>
          +
        </button>
      </div>
      <button type="button" className="button" onClick={onConfirm} disabled={busy} data-testid="confirm-qty">
        Confirm {qty}
      </button>
    </section>
  );
}

export function VerdictPanel({
  verdict,
  task,
  onDismiss,
}: {
  verdict: ScanVerdict;
  task: PickTask | undefined;
  onDismiss(): void;
}) {
  if (verdict.verdict === 'accepted') {
    return (
      <section className="verdict verdict--accepted" role="status" data-testid="verdict" data-verdict="accepted">
        <h2 className="verdict__title">
          ✓ Picked {verdict.qty} × {verdict.sku}
        </h2>
        {verdict.lot && <p className="verdict__detail">Lot {verdict.lot}</p>}
        {verdict.serial && <p className="verdict__detail">Serial {verdict.serial}</p>}
        <button type="button" className="button button--secondary" onClick={onDismiss}>
          Next
        </button>
      </section>
    );
  }
  const text = describeRejection(verdict.code, task, verdict.message);
  return (
    <section
      className="verdict verdict--rejected"
      role="alert"
      data-testid="verdict"
      data-verdict="rejected"
      data-code={verdict.code}
    >
      <h2 className="verdict__title">✗ {text.title}</h2>
      {text.detail && <p className="verdict__detail">{text.detail}</p>}
      <button type="button" className="button button--secondary" onClick={onDismiss}>
        OK
      </button>
    </section>
  );
}
