import { useEffect, useRef, useState } from 'react';
import { openCameraStream, startReader, type CameraReader } from './barcode-reader.ts';

type Props = {
  onRead(text: string): void;
  onClose(): void;
};

/** Full-screen viewfinder; closes itself on the first code read. */
export function CameraView({ onRead, onClose }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [engine, setEngine] = useState<CameraReader['engine'] | null>(null);
  const done = useRef(false);
  const latestOnRead = useRef(onRead);
  useEffect(() => {
    latestOnRead.current = onRead;
  });

  useEffect(() => {
    let stream: MediaStream | undefined;
    let reader: CameraReader | undefined;
    let cancelled = false;
    (async () => {
      try {
        stream = await openCameraStream();
        if (cancelled || !videoRef.current) return;
        reader = await startReader(stream, videoRef.current, (text) => {
          if (done.current) return;
          done.current = true;
          latestOnRead.current(text);
        });
        if (cancelled) reader.stop();
        else setEngine(reader.engine);
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        setProblem(
          name === 'NotAllowedError'
            ? 'The camera is blocked. Allow the camera for this app in the browser settings.'
            : 'The camera could not start. Use the scanner trigger or type the code.',
        );
      }
    })();
    return () => {
      cancelled = true;
      reader?.stop();
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div
      className="camera"
      role="dialog"
      aria-label="Camera scanner"
      data-testid="camera-view"
      data-engine={engine ?? ''}
    >
      <video ref={videoRef} className="camera__video" muted playsInline autoPlay />
      <div className="camera__frame" aria-hidden="true" />
      <p className="camera__hint" role="status">
        {problem ?? 'Point the camera at the barcode'}
      </p>
      <button type="button" className="button button--secondary camera__close" onClick={onClose}>
        Close camera
      </button>
    </div>
  );
}
