import { lazy, Suspense, useEffect, useState } from 'react';
import { db } from '../db/db.ts';
import type { OutboxRow } from '../db/db-types.ts';
import { countPending } from '../db/outbox.ts';
import { revokeWorkerKey } from '../features/login/api/device-api.ts';
import { DeviceSetupScreen } from '../features/login/components/device-setup-screen.tsx';
import { SignInScreen } from '../features/login/components/sign-in-screen.tsx';
import { endSession, sessionIsLive } from '../features/login/session-actions.ts';
import { useDeviceKeyRenewal } from '../features/login/use-device-key-renewal.ts';
import { describeRejection } from '../features/pick/engine/rejection-messages.ts';
import { PickScreen } from '../features/pick/components/pick-screen.tsx';
import { PicklistsScreen } from '../features/pick/components/picklists-screen.tsx';
import { StatusBar } from '../features/sync/components/status-bar.tsx';
import { SyncScreen } from '../features/sync/components/sync-screen.tsx';
import { useSyncService } from '../features/sync/sync-context.ts';
import { useLiveQuery } from '../lib/use-live-query.ts';

// Packing loads when a packer opens it: a picker's handheld never downloads it (the service worker
// precaches it for offline use all the same).
const PackScreen = lazy(() =>
  import('../features/pack/components/pack-screen.tsx').then((m) => ({ default: m.PackScreen })),
);

type Route = { name: 'home' } | { name: 'pick'; picklistId: string } | { name: 'sync' } | { name: 'pack' };

/** A packer's home is the pack station; a worker who also picks switches between the two. */
const packs = (roles: readonly string[]) => roles.includes('packer');
const picks = (roles: readonly string[]) => roles.includes('picker');

const describeRow = (row: OutboxRow) => describeRejection(row.code ?? '', undefined, row.message ?? '');

/**
 * Which screen: set up the handheld → sign in → picklists → pick. The status bar sits on top of
 * every one of them. Everything is read from the local database, so this works offline.
 */
export function AppRoutes() {
  const sync = useSyncService();
  const [route, setRoute] = useState<Route>({ name: 'home' });
  const { data, loading } = useLiveQuery(
    async () => ({ device: await db.device.toCollection().first(), session: await db.session.get('current') }),
    [],
  );
  useEffect(() => sync.start(), [sync]);
  useDeviceKeyRenewal(db);

  if (loading) return null;
  const device = data?.device;
  const session = data?.session;
  const home = () => setRoute({ name: 'home' });

  const signOut = async () => {
    if (!session) return;
    const pending = await countPending(db);
    if (
      pending > 0 &&
      !window.confirm(`${pending} picks are not sent yet. They stay on this handheld and go out later. Sign out?`)
    ) {
      return;
    }
    const { revoke } = await endSession(db);
    // Revoked only when nothing of theirs waits: otherwise the key still has picks to deliver.
    if (revoke) await revokeWorkerKey(session).catch(() => undefined);
    home();
  };

  const screen = () => {
    if (route.name === 'sync') return <SyncScreen onBack={home} describe={describeRow} />;
    if (!device) return <DeviceSetupScreen />;
    if (!sessionIsLive(session)) {
      return (
        <SignInScreen
          device={device}
          onSignedIn={() => {
            home();
            sync.request('sign-in');
          }}
        />
      );
    }
    if (route.name === 'pick')
      return <PickScreen picklistId={route.picklistId} workerId={session.worker_id} onBack={home} />;
    if (route.name === 'pack' || (packs(session.roles) && !picks(session.roles))) {
      return (
        <Suspense fallback={<p className="notice">Opening the pack station…</p>}>
          <PackScreen
            session={session}
            onSignOut={() => void signOut()}
            onPick={picks(session.roles) ? home : undefined}
          />
        </Suspense>
      );
    }
    return (
      <>
        <PicklistsScreen
          workerId={session.worker_id}
          badgeId={session.badge_id}
          onOpen={(picklistId) => setRoute({ name: 'pick', picklistId })}
          onRefresh={() => sync.request('refresh')}
          onSignOut={() => void signOut()}
        />
        {packs(session.roles) && (
          <div className="screen">
            <button type="button" className="button button--secondary" onClick={() => setRoute({ name: 'pack' })}>
              Packing
            </button>
          </div>
        )}
      </>
    );
  };

  return (
    <div className="app">
      <div className="app__status">
        <StatusBar onOpen={() => setRoute({ name: 'sync' })} />
      </div>
      {screen()}
    </div>
  );
}
