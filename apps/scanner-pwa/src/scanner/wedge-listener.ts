import { markScanEnter } from '../lib/scan-timing.ts';
import { GS, WedgeDetector, type WedgeOptions } from './wedge-detector.ts';

const SUFFIX_KEY = 'scanner.wedge.suffix-seen';

/** Whether this handheld's scanner was seen ending scans with Enter/Tab: remembered across loads. */
function rememberedSuffix(win: Window): WedgeOptions {
  let seen = false;
  try {
    seen = win.localStorage.getItem(SUFFIX_KEY) === '1';
  } catch {
    // Storage blocked: learn it again on the first scan.
  }
  return {
    suffixSeen: seen,
    onSuffixSeen: () => {
      try {
        win.localStorage.setItem(SUFFIX_KEY, '1');
      } catch {
        // As above.
      }
    },
  };
}

/** Marks text fields where typing is meant as typing (manual entry, setup forms): the wedge stays out. */
export const TYPING_ATTRIBUTE = 'data-typing';

function isTypingField(target: EventTarget | null, wedgeInput: HTMLElement): boolean {
  if (!(target instanceof HTMLElement) || target === wedgeInput) return false;
  if (target.closest(`[${TYPING_ATTRIBUTE}]`)) return true;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement;
}

/** Keyboard wedges send GS (FNC1) as the control character itself, as Ctrl+], or as a key named so. */
function isGroupSeparator(event: KeyboardEvent): boolean {
  if (event.key === GS) return true;
  if (event.ctrlKey && !event.altKey && !event.metaKey && (event.key === ']' || event.code === 'BracketRight'))
    return true;
  return event.key === 'GroupSeparator';
}

/**
 * Feeds a keyboard-wedge scanner's keystrokes to the detector. Listens on the window in the capture
 * phase, so a scan is read whatever has focus (a button the picker just tapped included) except a
 * text field meant for typing. The hidden wedge input (inputmode="none": the soft keyboard stays
 * closed) holds focus for scanners and IMEs that commit text instead of sending key events.
 */
export function attachWedge(
  win: Window,
  wedgeInput: HTMLInputElement,
  onScan: (text: string) => void,
  options: WedgeOptions = rememberedSuffix(win),
): () => void {
  const detector = new WedgeDetector(
    {
      now: () => win.performance.now(),
      setTimer: (run, ms) => win.setTimeout(run, ms),
      clearTimer: (handle) => win.clearTimeout(handle as number),
    },
    onScan,
    options,
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || isTypingField(event.target, wedgeInput)) return;
    if (isGroupSeparator(event)) {
      detector.key(GS, event.timeStamp);
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      const inBurst = detector.inBurst;
      const ended = detector.terminator();
      if (ended) markScanEnter(event.timeStamp);
      // Swallow it when it ends a scan, so it neither presses the focused button nor moves focus.
      if (ended || inBurst || event.target === wedgeInput) event.preventDefault();
      return;
    }
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
    // A space on a focused button is a press, unless it comes in the middle of a scan.
    const onButton = event.target instanceof HTMLElement && event.target !== wedgeInput && event.key === ' ';
    if (!onButton || detector.inBurst) event.preventDefault();
    detector.key(event.key, event.timeStamp);
  };

  // Text that arrived without key events (IME commits, Android wedges in text mode, insertText).
  const onInput = (event: Event) => {
    const data = (event as InputEvent).data ?? wedgeInput.value;
    wedgeInput.value = '';
    for (const char of data ?? '') {
      if (char === '\n' || char === '\r') detector.terminator();
      else detector.key(char, event.timeStamp);
    }
  };

  win.addEventListener('keydown', onKeyDown, true);
  wedgeInput.addEventListener('input', onInput);
  return () => {
    win.removeEventListener('keydown', onKeyDown, true);
    wedgeInput.removeEventListener('input', onInput);
    detector.reset();
  };
}
