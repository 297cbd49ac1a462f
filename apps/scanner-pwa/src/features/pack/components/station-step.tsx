import { signalRejected } from '../../../lib/feedback.ts';
import { useOnScan } from '../../../scanner/scan-context.ts';
import { ScanControls } from '../../../scanner/scan-controls.tsx';
import type { PackStationRow } from '../engine/pack-tables.ts';

type Props = {
  stations: readonly PackStationRow[];
  loading: boolean;
  error: string | null;
  onChoose(station: PackStationRow): void;
  onRefresh(): void;
};

/** Which bench: scan the station's label (its code or id) or tap it. Listed from the cache, so it works offline. */
export function StationStep({ stations, loading, error, onChoose, onRefresh }: Props) {
  useOnScan((scan) => {
    const text = scan.text.trim();
    const station = stations.find((s) => s.code === text || s.station_id === text);
    if (station) onChoose(station);
    else signalRejected();
  });
  return (
    <section className="actions" data-testid="pack-station-step">
      <p className="prompt prompt--big">Scan your pack station</p>
      {loading && stations.length === 0 && <p className="notice">Loading pack stations…</p>}
      {!loading && stations.length === 0 && (
        <p className="notice">No pack stations on this device yet. Connect to the network and refresh.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="list">
        {stations.map((s) => (
          <li key={s.station_id}>
            <button
              type="button"
              className="list-item"
              onClick={() => onChoose(s)}
              data-testid="pack-station"
              data-station-id={s.station_id}
            >
              <span className="list-item__title">{s.code}</span>
              <span className="list-item__detail">
                {s.name} · {s.warehouse_code}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ScanControls typeLabel="Station code" />
      <button type="button" className="button button--secondary" onClick={onRefresh}>
        Refresh stations
      </button>
    </section>
  );
}
