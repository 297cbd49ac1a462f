import { APP_NAME, APP_VERSION } from '../../../config/app-info.ts';
import { ConnectionStatus } from './connection-status.tsx';

export function HomeScreen() {
  return (
    <main className="screen">
      <header className="screen__header">
        <img className="screen__logo" src="/icons/icon-192.png" alt="" width="72" height="72" />
        <div>
          <h1 className="screen__title">{APP_NAME}</h1>
          <p className="screen__version">Version {APP_VERSION}</p>
        </div>
      </header>
      <ConnectionStatus />
      <p className="notice">Picking and packing arrive in the next release.</p>
    </main>
  );
}
