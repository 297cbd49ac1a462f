import { useState } from 'react';
import type { DeviceRow } from '../../../db/db-types.ts';
import { db } from '../../../db/db.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { signalAccepted, signalRejected } from '../../../lib/feedback.ts';
import { useOnScan } from '../../../scanner/scan-context.ts';
import { ScanControls } from '../../../scanner/scan-controls.tsx';
import { signInWorker } from '../api/device-api.ts';
import { startSession } from '../session-actions.ts';
import { describeLoginError } from './login-errors.ts';

type Props = { device: DeviceRow; onSignedIn(): void };

/** One action: scan your badge. Typing it is the fallback. */
export function SignInScreen({ device, onSignedIn }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; resetDevice: boolean } | null>(null);

  const signIn = async (badge: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const session = await signInWorker(device, badge.trim());
      await startSession(db, session);
      signalAccepted();
      onSignedIn();
    } catch (e) {
      signalRejected();
      setError({ text: describeLoginError(e, 'sign-in'), resetDevice: e instanceof ApiError && e.status === 401 });
    } finally {
      setBusy(false);
    }
  };

  useOnScan((scan) => void signIn(scan.text));

  return (
    <main className="screen" data-testid="sign-in">
      <h1 className="screen__title">Sign in</h1>
      <p className="prompt prompt--big">Scan your badge</p>
      <p className="screen__subtitle">
        Handheld {device.name} ({device.id})
      </p>
      {busy && <p className="notice">Signing in…</p>}
      {error && (
        <p className="error" role="alert">
          {error.text}
        </p>
      )}
      {error?.resetDevice && (
        <button type="button" className="button button--danger" onClick={() => void db.device.clear()}>
          Set up this handheld again
        </button>
      )}
      <ScanControls typeLabel="Badge number" />
    </main>
  );
}
