export const GS = '\u001d';

export type WedgeTimers = {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
};

export type WedgeOptions = {
  /**
   * The typical (median) gap between two characters of a scan. Scanners type a character every
   * 1-15 ms; people, even fast typists, take 60 ms and more. 30-50 ms separates the two.
   */
  maxKeyGapMs?: number;
  /** Silence that ends a scan when the scanner sends no Enter/Tab suffix. */
  idleMs?: number;
  /**
   * Once the scanner has shown it ends scans with Enter/Tab, silence ends nothing for this long:
   * a scanner that stalls mid-scan (Bluetooth, a busy page) is not cut in two.
   */
  suffixIdleMs?: number;
  /** Shorter bursts are key mashing, not barcodes. */
  minLength?: number;
  /** Whether this scanner is already known to send a suffix (remembered across page loads). */
  suffixSeen?: boolean;
  onSuffixSeen?: () => void;
};

export const defaultWedgeOptions = { maxKeyGapMs: 50, idleMs: 150, suffixIdleMs: 1_000, minLength: 3 };

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Tells a keyboard-wedge scanner from a person by timing alone. A scan is a burst whose typical
 * (median) gap between characters is machine-fast, ended by Enter/Tab or by silence. Judging the
 * median rather than every gap lets a scanner stall once mid-scan (Bluetooth, a busy page) without
 * being cut in two, while slow typing never builds up: a long gap after person-speed characters
 * throws them away. Pure logic with injected time, so the timing rules are unit-tested with fake
 * timers.
 */
export class WedgeDetector {
  private readonly options: typeof defaultWedgeOptions;
  private buffer = '';
  private gaps: number[] = [];
  private lastAt = 0;
  private idle: unknown;
  private suffixSeen: boolean;

  constructor(
    private readonly timers: WedgeTimers,
    private readonly onScan: (text: string) => void,
    private readonly config: WedgeOptions = {},
  ) {
    const { maxKeyGapMs, idleMs, suffixIdleMs, minLength } = { ...defaultWedgeOptions, ...config };
    this.options = { maxKeyGapMs, idleMs, suffixIdleMs, minLength };
    this.suffixSeen = config.suffixSeen ?? false;
  }

  private get idleLimit(): number {
    return this.suffixSeen ? this.options.suffixIdleMs : this.options.idleMs;
  }

  private get machineSpeed(): boolean {
    return this.gaps.length === 0 || median(this.gaps) <= this.options.maxKeyGapMs;
  }

  private get isScan(): boolean {
    return this.buffer.length >= this.options.minLength && this.gaps.length > 0 && this.machineSpeed;
  }

  /** Whether a scan is being typed now: Enter and Space then belong to the scanner, not a button. */
  get inBurst(): boolean {
    return (
      this.buffer.length > 0 &&
      this.machineSpeed &&
      this.timers.now() - this.lastAt <= Math.max(this.options.maxKeyGapMs, this.gaps.length > 0 ? this.idleLimit : 0)
    );
  }

  /**
   * One typed character (GS included). `at` is when the key was pressed (the event's timeStamp),
   * which a busy page may handle later: the gap between presses is what tells a scanner apart.
   */
  key(char: string, at: number = this.timers.now()): void {
    if (this.buffer.length > 0) {
      const gap = Math.max(0, at - this.lastAt);
      if (gap > this.idleLimit) this.end();
      // A pause after person-speed typing: whatever came before is not part of a scan.
      else if (gap > this.options.maxKeyGapMs && !this.machineSpeed) this.clear();
      else this.gaps.push(gap);
    }
    this.buffer += char;
    this.lastAt = at;
    this.armIdle();
  }

  /**
   * Enter or Tab. True when it ended a scan: the caller then swallows the key so it does not also
   * press the focused button or move focus.
   */
  terminator(): boolean {
    const scan = this.isScan;
    const text = this.buffer;
    this.clear();
    if (!scan) return false;
    if (!this.suffixSeen) {
      this.suffixSeen = true;
      this.config.onSuffixSeen?.();
    }
    this.onScan(text);
    return true;
  }

  reset(): void {
    this.clear();
  }

  private end(): void {
    const scan = this.isScan;
    const text = this.buffer;
    this.clear();
    if (scan) this.onScan(text);
  }

  private armIdle(): void {
    if (this.idle !== undefined) this.timers.clearTimer(this.idle);
    this.idle = this.timers.setTimer(() => {
      this.idle = undefined;
      this.end();
    }, this.idleLimit);
  }

  private clear(): void {
    if (this.idle !== undefined) this.timers.clearTimer(this.idle);
    this.idle = undefined;
    this.buffer = '';
    this.gaps = [];
  }
}
