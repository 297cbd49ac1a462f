import { useSyncExternalStore } from 'react';
import { createOnlineStatusStore, type ConnectionStatus } from '../lib/online-status.ts';

const store = createOnlineStatusStore(window, () => navigator.onLine);

/** The browser's network state, updated on `online`/`offline` events. */
export function useOnlineStatus(): ConnectionStatus {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
