import { db } from '../../../db/db.ts';
import { countPending, readMeta } from '../../../db/outbox.ts';
import { useOnlineStatus } from '../../../hooks/use-online-status.ts';
import { formatTime } from '../../../lib/format-time.ts';
import { useLiveQuery } from '../../../lib/use-live-query.ts';
import { useSyncActivity } from '../sync-context.ts';

/**
 * On every screen: online or not, how much is waiting to go, when it last went, and how many
 * problems need the picker's attention. Tapping it opens the list of problems and pending work.
 */
export function StatusBar({ onOpen }: { onOpen(): void }) {
  const status = useOnlineStatus();
  const activity = useSyncActivity();
  const { data } = useLiveQuery(
    async () => ({
      pending: await countPending(db),
      rejected: await db.outbox.where('status').equals('rejected').count(),
      meta: await readMeta(db),
    }),
    [],
  );
  const pending = data?.pending ?? 0;
  const rejected = data?.rejected ?? 0;
  const sync = activity.syncing ? 'Sending…' : `Synced ${formatTime(data?.meta.last_sync_at)}`;
  return (
    <button
      type="button"
      className="status-bar"
      onClick={onOpen}
      data-testid="status-bar"
      data-pending={pending}
      data-rejected={rejected}
      aria-label={`Sync status: ${status}, ${pending} waiting to send, ${rejected} problems`}
    >
      <span className={`connection connection--${status}`} data-testid="connection-status" data-status={status}>
        <span className="connection__dot" aria-hidden="true" />
        <strong>{status === 'online' ? 'Online' : 'Offline'}</strong>
      </span>
      <span className="status-bar__sync">
        <span data-testid="pending-count">{pending}</span> to send · {sync}
      </span>
      {rejected > 0 ? (
        <span className="status-bar__problems" data-testid="rejected-count">
          {rejected} ⚠
        </span>
      ) : (
        <span />
      )}
    </button>
  );
}
