import type { PicklistState } from '@fulfillment/domain/picklist/picklist-model';
import type { MutationName } from '@fulfillment/domain/sync/sync-schemas';

/** This handheld, as registered with the server by a supervisor. One row. */
export type DeviceRow = {
  id: string;
  name: string;
  /** The device key: signs workers in on this handheld and nothing else. */
  key_id: string;
  key_token: string;
  key_expires_at: string;
  registered_at: string;
};

/** The worker signed in now. One row, key `current`. */
export type SessionRow = {
  key: 'current';
  worker_key_id: string;
  worker_key: string;
  worker_id: string;
  badge_id: string;
  roles: string[];
  expires_at: string;
};

/**
 * A worker key kept for pushing that worker's own queued picks after they signed out offline: the
 * server lets a picker act only on their own picklists, so the next worker's key would not do.
 */
export type WorkerKeyRow = {
  worker_id: string;
  worker_key: string;
  expires_at: string;
};

/** What the list screen shows besides the state validateScan needs. */
export type PicklistDisplay = {
  name: string | null;
  warehouse_id: string | null;
  assigned_worker_id: string | null;
  priority: string | null;
  /** The warehouse's IANA time zone: expiry is judged against the business date there. */
  timezone: string | null;
};

export type CachedPicklist = {
  picklist_id: string;
  /** What the server last sent (rule 9): the base local pending work is re-applied on. */
  server_state: PicklistState;
  /** server_state plus every pending outbox row for this picklist: what the screens show. */
  state: PicklistState;
  display: PicklistDisplay;
  /** Server cursor of the change that brought `server_state`. */
  server_cursor: string | null;
  updated_at: string;
};

export type OutboxStatus = 'pending' | 'rejected';

export type OutboxRow = {
  mutation_id: string;
  /** Gap-free and increasing per device (rule 1); renumbered only when the server proves it never saw it. */
  seq: number;
  name: MutationName;
  args: Record<string, unknown>;
  created_at: string;
  status: OutboxStatus;
  code: string | null;
  message: string | null;
  /** Local bookkeeping, never sent: which picklist to re-apply on, and who did it. */
  picklist_id: string | null;
  worker_id: string | null;
  rejected_at: string | null;
};

export type SyncMeta = {
  key: 'sync';
  /** The seq the next enqueued mutation gets. */
  next_seq: number;
  /** The server's last_seq for this device, as last answered. */
  last_seq_acked: number;
  pull_cursor: string | null;
  last_sync_at: string | null;
  last_error: string | null;
};

export const initialSyncMeta: SyncMeta = {
  key: 'sync',
  next_seq: 1,
  last_seq_acked: 0,
  pull_cursor: null,
  last_sync_at: null,
  last_error: null,
};
