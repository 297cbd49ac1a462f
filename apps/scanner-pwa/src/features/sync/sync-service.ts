import { liveQuery } from 'dexie';
import { countPending } from '../../db/outbox.ts';
import type { ScannerDb } from '../../db/scanner-db.ts';
import { createHttpSyncTransport } from './api/http-sync-transport.ts';
import { createSyncEngine } from './engine/sync-engine.ts';
import { createSyncRunner, type SyncRunner } from './engine/sync-runner.ts';
import { createDexieSyncStore, type PicklistAdapter } from './engine/sync-store.ts';
import type { FlushResult } from './engine/sync-types.ts';

export type SyncActivity = { syncing: boolean; last: FlushResult | null };

export interface SyncService {
  start(): void;
  /** After each enqueue, sign-in, and whenever a screen wants fresh data. */
  request(reason: string): void;
  subscribe(onChange: () => void): () => void;
  getSnapshot(): SyncActivity;
}

/**
 * The sync client in the page: engine + runner + the triggers of rule 7 (start, online, page shown
 * again, every enqueue, and the runner's always re-armed timer). On 401 the worker key is dead
 * (expired, revoked): the session is dropped so the screens ask for the badge again; the outbox
 * stays and goes out under the next worker key.
 */
export function createSyncService(db: ScannerDb, picklists: PicklistAdapter): SyncService {
  const now = () => new Date();
  // Sent even past its expiry: the server's 401 is what ends a session (see sessionIsLive).
  const workerKey = async () => (await db.session.get('current'))?.worker_key;
  const transport = createHttpSyncTransport({
    async push(workerId) {
      const current = await db.session.get('current');
      if (workerId === null || current?.worker_id === workerId) return current?.worker_key;
      return (await db.workerKeys.get(workerId))?.worker_key ?? current?.worker_key;
    },
    pull: async () => (await workerKey()) ?? (await db.device.toCollection().first())?.key_token,
  });

  /**
   * 401: the key is dead. The signed-in worker's → ask for the badge again. An earlier worker's →
   * forget it; their rows go out under the current key, each naming its own worker, and the server
   * applies them as that worker since they were signed in on this handheld when they did them.
   */
  const onUnauthorized = async (workerId: string | null | undefined) => {
    const current = await db.session.get('current');
    if (workerId && current?.worker_id !== workerId && (await db.workerKeys.get(workerId))) {
      await db.workerKeys.delete(workerId);
      void runner.request('key dropped');
      return;
    }
    await db.session.delete('current');
  };
  const engine = createSyncEngine(createDexieSyncStore(db, picklists, now), transport);

  let activity: SyncActivity = { syncing: false, last: null };
  const listeners = new Set<() => void>();
  const publish = (next: SyncActivity) => {
    activity = next;
    listeners.forEach((l) => l());
  };

  const runner: SyncRunner = createSyncRunner({
    engine: {
      async flush() {
        publish({ ...activity, syncing: true });
        return engine.flush();
      },
    },
    locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
    setTimer: (run, ms) => window.setTimeout(run, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    isOnline: () => navigator.onLine,
    onResult: (result) => {
      publish({ syncing: false, last: result });
      if (!result.ok && result.reason === 'auth' && result.status === 401) void onUnauthorized(result.workerId);
    },
  });

  let started = false;
  return {
    start() {
      if (started) return;
      started = true;
      window.addEventListener('online', () => void runner.request('online'));
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void runner.request('visible');
      });
      // "After each enqueue", from any feature and any tab: watch the pending count rather than
      // relying on every caller to remember.
      let lastPending = 0;
      liveQuery(() => countPending(db)).subscribe({
        next: (pending) => {
          if (pending > lastPending) void runner.request('enqueue');
          lastPending = pending;
        },
      });
      void runner.request('start');
    },
    request(reason) {
      void runner.request(reason);
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot: () => activity,
  };
}
