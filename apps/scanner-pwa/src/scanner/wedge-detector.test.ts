import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GS, WedgeDetector } from './wedge-detector.ts';

let scans: string[];
let detector: WedgeDetector;

const timers = {
  now: () => Date.now(),
  setTimer: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimer: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Types `text` one character every `gapMs` (fake time); the clock stops at the last character. */
function type(text: string, gapMs: number) {
  [...text].forEach((char, i) => {
    if (i > 0) vi.advanceTimersByTime(gapMs);
    detector.key(char);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  scans = [];
  detector = new WedgeDetector(timers, (text) => scans.push(text), { maxKeyGapMs: 40, idleMs: 80, minLength: 3 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WedgeDetector', () => {
  it('takes a fast burst ended by Enter as one scan and swallows the Enter', () => {
    type('LON1-A-01-01-1', 5);
    expect(detector.terminator()).toBe(true);
    expect(scans).toEqual(['LON1-A-01-01-1']);
  });

  it('accepts gaps right at the threshold and ends on Tab as well', () => {
    type('ABC123', 40);
    vi.advanceTimersByTime(40);
    expect(detector.terminator()).toBe(true);
    expect(scans).toEqual(['ABC123']);
  });

  it('ignores a person typing: gaps above the threshold never build a scan', () => {
    type('BADGE-1001', 120);
    expect(detector.terminator()).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(scans).toEqual([]);
  });

  it('still takes the scan when the scanner pauses before its Enter suffix', () => {
    type('LON1-A-01-01-1', 5);
    vi.advanceTimersByTime(70);
    expect(detector.terminator()).toBe(true);
    expect(scans).toEqual(['LON1-A-01-01-1']);
  });

  it('measures gaps by when keys were pressed, not when a busy page got round to them', () => {
    const pressedAt = Date.now();
    // Three key events handled 200 ms late but pressed 4 ms apart.
    vi.advanceTimersByTime(200);
    'SKU'.split('').forEach((char, i) => detector.key(char, pressedAt + i * 4));
    expect(detector.terminator()).toBe(true);
    expect(scans).toEqual(['SKU']);
  });

  it('a burst ended by the idle gap is not repeated by a late Enter', () => {
    type('SKU-MUG', 5);
    vi.advanceTimersByTime(20);
    // The idle gap already ended the scan without a suffix.
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(scans).toEqual(['SKU-MUG']);
    expect(detector.terminator()).toBe(false);
    expect(scans).toEqual(['SKU-MUG']);
  });

  it('ends a scan on a short idle gap when the scanner sends no suffix', () => {
    type('0109506000134352', 3);
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(79);
    expect(scans).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(scans).toEqual(['0109506000134352']);
  });

  it('keeps the GS separator inside the scan', () => {
    type(`0109506000134352${GS}10ABC123${GS}21SN1`, 2);
    detector.terminator();
    expect(scans).toEqual([`0109506000134352${GS}10ABC123${GS}21SN1`]);
    expect(scans[0]).toContain('\u001d');
  });

  it('splits two suffix-less scans separated by the idle gap', () => {
    type('AAA111', 5);
    vi.advanceTimersByTime(100);
    type('BBB222', 5);
    vi.advanceTimersByTime(200);
    expect(scans).toEqual(['AAA111', 'BBB222']);
  });

  it('a slow stray key before a scan does not end up in it', () => {
    detector.key('x');
    vi.advanceTimersByTime(500);
    type('LOC-9', 4);
    detector.terminator();
    expect(scans).toEqual(['LOC-9']);
  });

  it('ignores a fast typist too: 70 ms a key is still a person', () => {
    type('BADGE-1001', 70);
    expect(detector.terminator()).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(scans).toEqual([]);
  });

  it('keeps a scan whole through one stall once the scanner is known to end with Enter', () => {
    const learned: boolean[] = [];
    detector = new WedgeDetector(timers, (text) => scans.push(text), {
      maxKeyGapMs: 40,
      idleMs: 80,
      suffixIdleMs: 1_000,
      onSuffixSeen: () => learned.push(true),
    });
    type('FIRST', 3);
    detector.terminator();
    expect(learned).toEqual([true]);
    // A 300 ms hiccup in the middle: longer than the suffix-less idle gap, yet one scan.
    type('LON1-A', 3);
    vi.advanceTimersByTime(300);
    type('-01-01-1', 3);
    detector.terminator();
    expect(scans).toEqual(['FIRST', 'LON1-A-01-01-1']);
  });

  it('tolerates a stall by the median: one slow gap among fast ones', () => {
    detector = new WedgeDetector(timers, (text) => scans.push(text), { maxKeyGapMs: 40, idleMs: 150 });
    type('LON1', 3);
    vi.advanceTimersByTime(120);
    type('-A-01', 3);
    detector.terminator();
    expect(scans).toEqual(['LON1-A-01']);
  });

  it('ignores bursts shorter than the minimum length', () => {
    type('ab', 5);
    expect(detector.terminator()).toBe(false);
    vi.advanceTimersByTime(500);
    expect(scans).toEqual([]);
  });

  it('reports a burst in progress so Enter and Space can be kept from buttons', () => {
    expect(detector.inBurst).toBe(false);
    detector.key('A');
    expect(detector.inBurst).toBe(true);
    vi.advanceTimersByTime(41);
    expect(detector.inBurst).toBe(false);
  });

  it('reset() forgets a half-read scan', () => {
    type('PARTIAL', 5);
    detector.reset();
    vi.advanceTimersByTime(500);
    expect(detector.terminator()).toBe(false);
    expect(scans).toEqual([]);
  });
});
