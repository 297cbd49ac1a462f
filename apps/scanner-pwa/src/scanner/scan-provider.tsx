import { useEffect, useRef, useState, type ReactNode } from 'react';
import { unlockAudio } from '../lib/feedback.ts';
import { ScanStreamContext } from './scan-context.ts';
import { createScanStream } from './scan-stream.ts';
import { attachWedge } from './wedge-listener.ts';

/**
 * Owns the one scan stream and the keyboard wedge's hidden input. Focus goes back to that input
 * whenever nothing else that takes typing holds it, so the next trigger pull is always read.
 */
export function ScanProvider({ children }: { children: ReactNode }) {
  const [stream] = useState(createScanStream);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return undefined;
    const detach = attachWedge(window, input, (text) => stream.emit({ text, source: 'wedge', at: performance.now() }));
    const refocus = () => {
      const active = document.activeElement;
      const typing = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement;
      if (!typing || active === input) input.focus({ preventScroll: true });
    };
    // After a tap on a button, or when a dialog with a text field closes.
    const onFocusOut = () => window.setTimeout(refocus, 0);
    const onPointer = () => {
      unlockAudio();
      window.setTimeout(refocus, 0);
    };
    document.addEventListener('focusout', onFocusOut);
    document.addEventListener('pointerup', onPointer);
    window.addEventListener('keydown', unlockAudio, { once: true });
    refocus();
    return () => {
      detach();
      document.removeEventListener('focusout', onFocusOut);
      document.removeEventListener('pointerup', onPointer);
      window.removeEventListener('keydown', unlockAudio);
    };
  }, [stream]);

  return (
    <ScanStreamContext.Provider value={stream}>
      <input
        ref={inputRef}
        className="wedge-input"
        data-testid="wedge-input"
        aria-label="Scanner input"
        inputMode="none"
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        tabIndex={-1}
      />
      {children}
    </ScanStreamContext.Provider>
  );
}
