import { ScanControls } from '../../../scanner/scan-controls.tsx';
import type { QueuedFulfillment } from '../engine/pack-tables.ts';

type Props = {
  waiting: readonly { entry: QueuedFulfillment; left: number }[];
  /** Only these (a tote holding several orders); all when undefined. */
  only?: readonly string[] | undefined;
  fetchedAt: string | null;
  onOpen(entry: QueuedFulfillment): void;
};

/** What waits at the bench, from the cache: scan an order's or a tote's label, or tap the order. */
export function OrderStep({ waiting, only, fetchedAt, onOpen }: Props) {
  const shown = waiting.filter((w) => w.left > 0 && (!only || only.includes(w.entry.fulfillment_id)));
  return (
    <section className="actions" data-testid="pack-order-step">
      <p className="prompt prompt--big">{only ? 'Which order is on the bench?' : 'Scan a tote or an order'}</p>
      {shown.length === 0 && (
        <p className="notice" data-testid="pack-queue-empty">
          Nothing waits to be packed here{fetchedAt ? '' : ' (not loaded yet: connect to the network)'}.
        </p>
      )}
      <ul className="list" data-testid="pack-queue">
        {shown.map(({ entry, left }) => (
          <li key={entry.fulfillment_id}>
            <button
              type="button"
              className="list-item"
              onClick={() => onOpen(entry)}
              data-testid="pack-queue-item"
              data-fulfillment-id={entry.fulfillment_id}
            >
              <span className="list-item__title">{entry.order_id}</span>
              <span className="list-item__detail">
                {left} {left === 1 ? 'item' : 'items'} to pack · {entry.lines.length}{' '}
                {entry.lines.length === 1 ? 'line' : 'lines'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ScanControls typeLabel="Order, fulfillment or tote" />
    </section>
  );
}
