import { pickProgress } from '@fulfillment/domain/picklist/apply-scan';
import type { CachedPicklist } from '../../../db/db-types.ts';
import { db } from '../../../db/db.ts';
import { useLiveQuery } from '../../../lib/use-live-query.ts';
import { picklistLabel } from '../engine/picklist-label.ts';

type Props = {
  workerId: string;
  onOpen(picklistId: string): void;
  onRefresh(): void;
  onSignOut(): void;
  badgeId: string;
};

const statusWords: Record<string, string> = {
  assigned: 'Not started',
  in_progress: 'In progress',
  completed: 'Done',
  cancelled: 'Cancelled',
  draft: 'Draft',
};

const rank = (p: CachedPicklist) => (p.state.status === 'in_progress' ? 0 : p.state.status === 'assigned' ? 1 : 2);

/** "My picklists", from the local cache only: it opens at once, online or not. */
export function PicklistsScreen({ workerId, badgeId, onOpen, onRefresh, onSignOut }: Props) {
  const { data, loading } = useLiveQuery(() => db.picklists.toArray(), []);
  const mine = (data ?? [])
    .filter((p) => p.display.assigned_worker_id === null || p.display.assigned_worker_id === workerId)
    .sort((a, b) => rank(a) - rank(b) || a.picklist_id.localeCompare(b.picklist_id));
  return (
    <main className="screen" data-testid="picklists">
      <h1 className="screen__title">My picklists</h1>
      <p className="screen__subtitle">Signed in with {badgeId}</p>
      {!loading && mine.length === 0 && (
        <p className="notice">No picklists for you yet. They appear here when a supervisor assigns one.</p>
      )}
      <ul className="list">
        {mine.map((p) => {
          const progress = pickProgress(p.state);
          return (
            <li key={p.picklist_id}>
              <button
                type="button"
                className="list-item"
                onClick={() => onOpen(p.picklist_id)}
                data-testid="picklist-item"
                data-picklist-id={p.picklist_id}
              >
                <span className="list-item__title">{picklistLabel(p)}</span>
                <span className="list-item__detail">
                  {statusWords[p.state.status] ?? p.state.status} · {progress.units_picked} of {progress.units_required}{' '}
                  picked · {progress.tasks_total} {progress.tasks_total === 1 ? 'bin' : 'stops'}
                  {p.display.priority && p.display.priority !== 'normal' ? ` · ${p.display.priority}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={onRefresh}>
          Refresh
        </button>
        <button type="button" className="button button--secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </main>
  );
}
