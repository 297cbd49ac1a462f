export type ConnectionStatus = 'online' | 'offline';

export interface OnlineStatusStore {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): ConnectionStatus;
}

/**
 * A store for React's useSyncExternalStore that follows the browser's network state.
 * `target` receives the `online`/`offline` events (the window); `readOnLine` reads
 * `navigator.onLine`. Both are parameters so the logic runs in tests without a DOM.
 */
export function createOnlineStatusStore(target: EventTarget, readOnLine: () => boolean): OnlineStatusStore {
  return {
    subscribe(onChange) {
      target.addEventListener('online', onChange);
      target.addEventListener('offline', onChange);
      return () => {
        target.removeEventListener('online', onChange);
        target.removeEventListener('offline', onChange);
      };
    },
    getSnapshot() {
      return readOnLine() ? 'online' : 'offline';
    },
  };
}

export interface ConnectionDescription {
  label: string;
  detail: string;
}

/** The words shown for a status; colour is never the only signal. */
export function describeConnection(status: ConnectionStatus): ConnectionDescription {
  return status === 'online'
    ? { label: 'Online', detail: 'This device has a network connection.' }
    : { label: 'Offline', detail: 'This device has no network connection.' };
}
