/**
 * What the picker hears and feels for a verdict, so they need not look at the screen: a short high
 * beep and a short buzz for accepted, a low double tone and a long buzz for rejected. Tones come
 * from an oscillator (WebAudio), so there are no audio files to cache for offline use.
 */

type Tone = { frequency: number; start: number; duration: number };

const ACCEPTED: Tone[] = [{ frequency: 1760, start: 0, duration: 0.09 }];
const REJECTED: Tone[] = [
  { frequency: 220, start: 0, duration: 0.18 },
  { frequency: 180, start: 0.24, duration: 0.3 },
];

let context: AudioContext | undefined;

function audio(): AudioContext | undefined {
  if (typeof AudioContext === 'undefined') return undefined;
  context ??= new AudioContext();
  return context;
}

/** Browsers start audio suspended until a user gesture: call from the first tap or key press. */
export function unlockAudio(): void {
  const ctx = audio();
  if (ctx?.state === 'suspended') void ctx.resume().catch(() => undefined);
}

function play(tones: Tone[]): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const t0 = ctx.currentTime + 0.01;
  for (const tone of tones) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = tone.frequency;
    // A quick fade in and out: no clicks, and loud enough for a warehouse.
    gain.gain.setValueAtTime(0.0001, t0 + tone.start);
    gain.gain.exponentialRampToValueAtTime(0.4, t0 + tone.start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + tone.start + tone.duration);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(t0 + tone.start);
    oscillator.stop(t0 + tone.start + tone.duration + 0.02);
  }
}

function vibrate(pattern: number | number[]): void {
  try {
    navigator.vibrate?.(pattern);
  } catch {
    // Not allowed before a user gesture in some browsers: the sound still plays.
  }
}

export function signalAccepted(): void {
  play(ACCEPTED);
  vibrate(80);
}

export function signalRejected(): void {
  play(REJECTED);
  vibrate([400, 100, 400]);
}
