import { StrictMode, type ReactNode } from 'react';
import { AppErrorBoundary } from '../components/errors/app-error-boundary.tsx';
import { SyncServiceContext } from '../features/sync/sync-context.ts';
import { ScanProvider } from '../scanner/scan-provider.tsx';
import { syncService } from './services.ts';

export function AppProvider({ children }: { children: ReactNode }) {
  return (
    <StrictMode>
      <AppErrorBoundary>
        <SyncServiceContext.Provider value={syncService}>
          <ScanProvider>{children}</ScanProvider>
        </SyncServiceContext.Provider>
      </AppErrorBoundary>
    </StrictMode>
  );
}
