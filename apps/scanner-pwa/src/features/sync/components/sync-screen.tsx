import { db } from '../../../db/db.ts';
import { dismissRejected, listRejected, pendingRows, readMeta } from '../../../db/outbox.ts';
import type { OutboxRow } from '../../../db/db-types.ts';
import { formatTime } from '../../../lib/format-time.ts';
import { useLiveQuery } from '../../../lib/use-live-query.ts';
import { useSyncActivity, useSyncService } from '../sync-context.ts';

type Props = {
  onBack(): void;
  /** Plain words for a rejection code, from the feature that owns the mutation. */
  describe(row: OutboxRow): { title: string; detail: string };
};

const label = (row: OutboxRow) => {
  const scans = (row.args.scans as { barcode?: string; sku?: string; qty?: number }[] | undefined) ?? [];
  const scan = scans[0];
  if (row.name === 'pick.scan' && scan) return `Scan ${scan.barcode ?? scan.sku ?? ''} × ${scan.qty ?? 1}`;
  if (row.name === 'pick.short') return `Short pick: ${String(row.args.reason ?? '')}`;
  if (row.name === 'pick.start') return 'Start picklist';
  return 'Complete picklist';
};

/** Every problem the server sent back, and what still waits to be sent. */
export function SyncScreen({ onBack, describe }: Props) {
  const sync = useSyncService();
  const activity = useSyncActivity();
  const { data } = useLiveQuery(
    async () => ({ rejected: await listRejected(db), pending: await pendingRows(db), meta: await readMeta(db) }),
    [],
  );
  const rejected = data?.rejected ?? [];
  const pending = data?.pending ?? [];
  const last = activity.last;
  return (
    <main className="screen" data-testid="sync-screen">
      <h1 className="screen__title">Sync</h1>
      <p className="screen__subtitle">
        Last sync {formatTime(data?.meta.last_sync_at)}
        {last && !last.ok ? ` · last try failed: ${last.message}` : ''}
      </p>
      <button type="button" className="button" onClick={() => sync.request('manual')} disabled={activity.syncing}>
        {activity.syncing ? 'Sending…' : 'Sync now'}
      </button>

      <h2 className="prompt">Problems ({rejected.length})</h2>
      {rejected.length === 0 ? (
        <p className="notice">No problems.</p>
      ) : (
        <ul className="list" data-testid="rejection-list">
          {rejected.map((row) => {
            const text = describe(row);
            return (
              <li key={row.mutation_id} className="list-item list-item--bad" data-code={row.code ?? ''}>
                <span className="list-item__title">{text.title}</span>
                <span className="list-item__detail">
                  {label(row)} · {formatTime(row.created_at)}
                </span>
                {text.detail && <span className="list-item__detail">{text.detail}</span>}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => void dismissRejected(db, row.mutation_id)}
                >
                  Got it
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <h2 className="prompt">Waiting to send ({pending.length})</h2>
      {pending.length > 0 && (
        <ul className="list" data-testid="pending-list">
          {pending.slice(0, 50).map((row) => (
            <li key={row.mutation_id} className="list-item">
              <span className="list-item__title">{label(row)}</span>
              <span className="list-item__detail">
                #{row.seq} · {formatTime(row.created_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--secondary" onClick={onBack}>
        Back
      </button>
    </main>
  );
}
