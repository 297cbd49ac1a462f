import { ScanControls } from '../../../scanner/scan-controls.tsx';
import type { RemainingLine } from '../engine/pack-remaining.ts';
import type { DraftUnit } from '../engine/pack-verify.ts';

type Props = {
  orderId: string;
  lines: readonly RemainingLine[];
  units: readonly DraftUnit[];
  onDone(): void;
  onCancel(): void;
};

/** The items to verify, each with how many are scanned into this box of how many are left to pack. */
export function VerifyStep({ orderId, lines, units, onDone, onCancel }: Props) {
  const open = lines.filter((l) => l.qty > 0);
  const all = open.length > 0 && open.every((l) => units.filter((u) => u.line_id === l.line_id).length >= l.qty);
  return (
    <section className="actions" data-testid="pack-verify-step" data-order-id={orderId}>
      <p className="prompt">Order {orderId}: scan each item into the box</p>
      <ul className="list" data-testid="pack-lines">
        {open.map((line) => {
          const scanned = units.filter((u) => u.line_id === line.line_id).length;
          return (
            <li
              key={line.line_id}
              className="list-item"
              data-testid="pack-line"
              data-sku={line.sku}
              data-scanned={scanned}
              data-qty={line.qty}
            >
              <span className="list-item__title">
                {scanned >= line.qty ? '✓ ' : ''}
                {line.sku}
              </span>
              <span className="list-item__detail">
                {scanned} of {line.qty} scanned
                {line.serials.length > 0 ? ' · scan each serial' : ''}
              </span>
            </li>
          );
        })}
      </ul>
      <ScanControls typeLabel="Item barcode, SKU or serial" />
      <button
        type="button"
        className="button"
        disabled={units.length === 0}
        onClick={onDone}
        data-testid="pack-items-done"
      >
        {all ? 'All items in: choose box' : `Box these ${units.length} (rest in another box)`}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Put back (cancel this box)
      </button>
    </section>
  );
}
