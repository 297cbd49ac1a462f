import { useState } from 'react';
import type { SessionRow } from '../../../db/db-types.ts';
import { db } from '../../../db/db.ts';
import { useOnlineStatus } from '../../../hooks/use-online-status.ts';
import { signalAccepted } from '../../../lib/feedback.ts';
import { useLiveQuery } from '../../../lib/use-live-query.ts';
import { useOnScan } from '../../../scanner/scan-context.ts';
import { chooseStation } from '../engine/pack-actions.ts';
import { suggestBox } from '../engine/pack-box.ts';
import { remainingLines, uncountedUnits, unitsLeft } from '../engine/pack-remaining.ts';
import { type PackStationRow, packTables } from '../engine/pack-tables.ts';
import { packedUnits } from '../engine/pack-verify.ts';
import { BoxStep } from './box-step.tsx';
import { NoticePanel } from './notice-panel.tsx';
import { OrderStep } from './order-step.tsx';
import { PackagesList } from './packages-list.tsx';
import { StationStep } from './station-step.tsx';
import { usePackBackground } from './use-pack-background.ts';
import { usePackFlow } from './use-pack-flow.ts';
import { VerifyStep } from './verify-step.tsx';

type Props = { session: SessionRow; onSignOut(): void; onPick?: (() => void) | undefined };

/** Everything the bench shows, read from the local database only: it answers the same offline. */
async function readBench(workerId: string) {
  const t = packTables(db);
  const meta = await t.meta.get('current');
  const mine = meta?.worker_id === workerId ? meta : undefined;
  const stationId = mine?.station_id ?? null;
  const outboxRows = await db.outbox.toArray();
  const outbox = new Map(outboxRows.map((r) => [r.mutation_id, r.status]));
  const rejections = new Map(
    outboxRows.filter((r) => r.status === 'rejected').map((r) => [r.mutation_id, { code: r.code, message: r.message }]),
  );
  const packages = stationId ? await t.packages.where('station_id').equals(stationId).toArray() : [];
  const queue = stationId ? await t.queue.where('station_id').equals(stationId).sortBy('fulfillment_id') : [];
  const waiting = queue.map((entry) => {
    const lines = remainingLines(entry, uncountedUnits(entry, packages, outbox));
    return { entry, lines, left: unitsLeft(lines) };
  });
  return {
    meta: mine,
    stations: (await t.stations.toArray()).sort((x, y) => x.code.localeCompare(y.code)),
    profiles: await t.profiles.toArray(),
    waiting,
    packages,
    outbox,
    rejections,
  };
}

/** The pack station: sign in at a bench, then order by order: verify the items, box, weigh, seal. */
export function PackScreen({ session, onSignOut, onPick }: Props) {
  const online = useOnlineStatus() === 'online';
  const [changing, setChanging] = useState(false);
  const { data } = useLiveQuery(() => readBench(session.worker_id), [session.worker_id]);
  const stationId = changing ? null : (data?.meta?.station_id ?? null);
  const background = usePackBackground(session.worker_key, stationId, online);
  const waiting = data?.waiting ?? [];
  const flow = usePackFlow(
    stationId ?? '',
    session.worker_id,
    waiting.map((w) => w.entry),
  );
  useOnScan((scan) => flow.onScan(scan.text), stationId !== null);

  const station = data?.stations.find((s) => s.station_id === stationId);
  const choose = async (s: PackStationRow) => {
    await chooseStation({ db, workerId: session.worker_id, now: () => new Date() }, s);
    signalAccepted();
    setChanging(false);
    flow.cancel();
  };

  const body = () => {
    if (!data) return null;
    if (!stationId) {
      return (
        <StationStep
          stations={data.stations}
          loading={background.loading}
          error={background.error}
          onChoose={(s) => void choose(s)}
          onRefresh={background.refresh}
        />
      );
    }
    const step = flow.step;
    const current =
      step.kind === 'verify' || step.kind === 'box'
        ? waiting.find((w) => w.entry.fulfillment_id === step.fulfillmentId)
        : undefined;
    if (step.kind === 'verify' && current) {
      return (
        <VerifyStep
          orderId={current.entry.order_id}
          lines={current.lines}
          units={step.units}
          onDone={flow.toBox}
          onCancel={flow.cancel}
        />
      );
    }
    if (step.kind === 'box' && current) {
      return (
        <BoxStep
          suggestion={suggestBox(packedUnits(step.units), current.lines, data.profiles)}
          profiles={data.profiles}
          units={step.units.length}
          weight={step.weight}
          busy={flow.busy}
          onWeight={flow.setWeight}
          onSeal={flow.seal}
          onBack={flow.backToItems}
        />
      );
    }
    return (
      <OrderStep
        waiting={waiting}
        only={step.kind === 'choose' ? step.fulfillmentIds : undefined}
        fetchedAt={data.meta?.queue_fetched_at ?? null}
        onOpen={flow.open}
      />
    );
  };

  return (
    <main className="screen" data-testid="pack-screen">
      <header>
        <h1 className="screen__title">Packing</h1>
        <p className="screen__subtitle" data-testid="pack-station-name">
          {station ? `${station.code} · ${station.name}` : 'No station yet'} · {session.badge_id}
        </p>
      </header>
      {stationId && background.error && (
        <p className="error" role="alert">
          {background.error}
        </p>
      )}
      {flow.notice && <NoticePanel notice={flow.notice} onDismiss={flow.dismiss} />}
      {body()}
      {data && (
        <PackagesList
          packages={data.packages}
          outbox={data.outbox}
          rejections={data.rejections}
          token={session.worker_key}
          online={online}
        />
      )}
      <div className="actions">
        {stationId && (
          <button type="button" className="button button--secondary" onClick={() => setChanging(true)}>
            Change station
          </button>
        )}
        {onPick && (
          <button type="button" className="button button--secondary" onClick={onPick}>
            Picking
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </main>
  );
}
