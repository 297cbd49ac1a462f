export type ScanSource = 'wedge' | 'camera' | 'manual';

export type ScanEvent = {
  /** Exactly what was read, GS (0x1D) separators included; suffixes (CR/LF/Tab) already dropped. */
  text: string;
  source: ScanSource;
  /** performance.now() of the read, for latency measurement; never used for order. */
  at: number;
};

export type ScanListener = (scan: ScanEvent) => void;

export interface ScanStream {
  emit(scan: ScanEvent): void;
  subscribe(listener: ScanListener): () => void;
}

/**
 * The ONE place scans come from: the hardware scanner (keyboard wedge), the camera and typed entry
 * all emit here, and a screen subscribes without caring which it was.
 */
export function createScanStream(): ScanStream {
  const listeners = new Set<ScanListener>();
  return {
    emit(scan) {
      if (scan.text.length === 0) return;
      for (const listener of [...listeners]) listener(scan);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
