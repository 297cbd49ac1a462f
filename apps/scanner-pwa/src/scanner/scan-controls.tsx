import { lazy, Suspense, useState } from 'react';
import { useScanStream } from './scan-context.ts';
import { ManualEntry } from './manual-entry.tsx';

// The camera screen (and ZXing behind it) loads only when the picker opens it.
const CameraView = lazy(() => import('./camera/camera-view.tsx').then((m) => ({ default: m.CameraView })));

/**
 * The two other ways into the scan stream besides the trigger: the camera and typing. Whatever
 * they read goes to the same stream as a wedge scan would.
 */
export function ScanControls({ typeLabel }: { typeLabel: string }) {
  const stream = useScanStream();
  const [mode, setMode] = useState<'idle' | 'camera' | 'type'>('idle');
  const emit = (text: string, source: 'camera' | 'manual') => {
    setMode('idle');
    stream.emit({ text, source, at: performance.now() });
  };
  if (mode === 'type')
    return <ManualEntry label={typeLabel} onSubmit={(t) => emit(t, 'manual')} onCancel={() => setMode('idle')} />;
  return (
    <>
      <div className="actions actions--row">
        <button type="button" className="button button--secondary" onClick={() => setMode('camera')}>
          Camera
        </button>
        <button type="button" className="button button--secondary" onClick={() => setMode('type')}>
          Type it
        </button>
      </div>
      {mode === 'camera' && (
        <Suspense fallback={<p className="notice">Starting camera…</p>}>
          <CameraView onRead={(t) => emit(t, 'camera')} onClose={() => setMode('idle')} />
        </Suspense>
      )}
    </>
  );
}
