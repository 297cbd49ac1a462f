import { createContext, useContext, useEffect, useRef } from 'react';
import type { ScanEvent, ScanStream } from './scan-stream.ts';

export const ScanStreamContext = createContext<ScanStream | null>(null);

export function useScanStream(): ScanStream {
  const stream = useContext(ScanStreamContext);
  if (!stream) throw new Error('useScanStream needs a <ScanProvider> above it');
  return stream;
}

/** Calls `handler` for every scan while the component is mounted (and `enabled`). */
export function useOnScan(handler: (scan: ScanEvent) => void, enabled = true): void {
  const stream = useScanStream();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    return stream.subscribe((scan) => latest.current(scan));
  }, [stream, enabled]);
}
