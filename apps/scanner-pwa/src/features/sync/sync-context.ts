import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SyncActivity, SyncService } from './sync-service.ts';

export const SyncServiceContext = createContext<SyncService | null>(null);

export function useSyncService(): SyncService {
  const service = useContext(SyncServiceContext);
  if (!service) throw new Error('useSyncService needs SyncServiceContext above it');
  return service;
}

export function useSyncActivity(): SyncActivity {
  const service = useSyncService();
  return useSyncExternalStore(service.subscribe, service.getSnapshot);
}
