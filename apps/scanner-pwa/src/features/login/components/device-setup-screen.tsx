import { useState, type FormEvent } from 'react';
import { db } from '../../../db/db.ts';
import { useOnScan } from '../../../scanner/scan-context.ts';
import { ScanControls } from '../../../scanner/scan-controls.tsx';
import { TYPING_ATTRIBUTE } from '../../../scanner/wedge-listener.ts';
import { registerDevice } from '../api/device-api.ts';
import { saveDevice } from '../session-actions.ts';
import { describeLoginError } from './login-errors.ts';

const suggestId = () => `scanner-${Math.random().toString(36).slice(2, 6)}`;

/**
 * First run: a supervisor registers this handheld. The setup code is the supervisor's token,
 * pasted, typed, or scanned from a QR code on their screen (wedge or camera).
 */
export function DeviceSetupScreen({ previousId }: { previousId?: string | undefined }) {
  const [deviceId, setDeviceId] = useState(previousId ?? suggestId);
  const [name, setName] = useState('Handheld');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useOnScan((scan) => setToken(scan.text.trim()));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const device = await registerDevice({
        deviceId: deviceId.trim(),
        name: name.trim(),
        setupToken: token.trim(),
        now: new Date(),
      });
      await saveDevice(db, device);
    } catch (e) {
      setError(describeLoginError(e, 'setup'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="screen" data-testid="device-setup">
      <h1 className="screen__title">Set up this handheld</h1>
      <p className="screen__subtitle">A supervisor does this once per handheld.</p>
      <form className="manual" onSubmit={submit} {...{ [TYPING_ATTRIBUTE]: '' }}>
        <label className="field">
          <span className="field__label">Handheld id (on its label)</span>
          <input
            className="field__input"
            value={deviceId}
            onChange={(e) => setDeviceId(e.target.value)}
            name="device_id"
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span className="field__label">Name</span>
          <input
            className="field__input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            name="device_name"
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span className="field__label">Supervisor setup code</span>
          <textarea
            className="field__input"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            name="setup_token"
            placeholder="Paste, type, or scan the code"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button" disabled={busy || !deviceId.trim() || !name.trim() || !token.trim()}>
          {busy ? 'Setting up…' : 'Set up handheld'}
        </button>
      </form>
      <ScanControls typeLabel="Setup code" />
    </main>
  );
}
