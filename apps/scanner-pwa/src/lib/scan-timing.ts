/**
 * User Timing marks for the scan → verdict latency (bench/pwa-scan-latency.bench.ts reads them). Only the
 * latest scan's pair is kept, so a long shift does not grow the performance timeline.
 */
export const SCAN_ENTER_MARK = 'scan:enter';
export const SCAN_VERDICT_MARK = 'scan:verdict';

/** The key that ended a scan arrived; `at` is its event timeStamp (same clock as performance.now()). */
export function markScanEnter(at: number): void {
  try {
    performance.clearMarks(SCAN_ENTER_MARK);
    performance.clearMarks(SCAN_VERDICT_MARK);
    performance.mark(SCAN_ENTER_MARK, { startTime: at });
  } catch {
    // User Timing missing or refusing: timing is optional.
  }
}

/** The scan's outcome is committed to the DOM: marks once the frame that shows it has been painted. */
export function markScanVerdictAfterPaint(): void {
  if (typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return;
  requestAnimationFrame(() => {
    // rAF runs just before the paint; a message posted from it is handled just after that paint.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      try {
        performance.clearMarks(SCAN_VERDICT_MARK);
        performance.mark(SCAN_VERDICT_MARK);
      } catch {
        // As above.
      }
    };
    channel.port2.postMessage(null);
  });
}
