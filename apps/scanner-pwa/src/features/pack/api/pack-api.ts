import { apiFetch } from '../../../lib/api-client.ts';
import { newUlid } from '../../../lib/ids.ts';
import type { PackagingProfileRow, PackLine, PackStationRow, QueuedFulfillment } from '../engine/pack-tables.ts';

/** The REST reads a pack station makes while online (the writes go through the sync outbox). */

type Page<T> = { data: T[]; next_cursor: string | null };

/** Lists are bounded: a pack station's queue runs to a few hundred fulfillments, not thousands. */
const MAX_PAGES = 10;

async function allPages<T>(path: string, token: string, fetchImpl?: typeof fetch): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const url: string = cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path;
    const { body }: { body: Page<T> } = await apiFetch<Page<T>>(url, { token, ...(fetchImpl ? { fetchImpl } : {}) });
    out.push(...body.data);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return out;
}

type Warehouse = { id: string; code: string };
type Workstation = { id: string; code: string; name: string; warehouse_id: string; type: string; status: string };

/** Every active pack station of the tenant, with its warehouse's code (for the picker on screen). */
export async function fetchPackStations(token: string, fetchImpl?: typeof fetch): Promise<PackStationRow[]> {
  const warehouses = await allPages<Warehouse>('/warehouses?limit=200', token, fetchImpl);
  const stations: PackStationRow[] = [];
  for (const w of warehouses) {
    const list = await allPages<Workstation>(
      `/warehouses/${encodeURIComponent(w.id)}/workstations?type=pack_station&status=active&limit=200`,
      token,
      fetchImpl,
    );
    for (const s of list) {
      stations.push({ station_id: s.id, code: s.code, name: s.name, warehouse_id: w.id, warehouse_code: w.code });
    }
  }
  return stations;
}

type QueueEntry = Omit<QueuedFulfillment, 'station_id' | 'fetched_at'> & { lines: PackLine[] };

export async function fetchPackQueue(
  token: string,
  stationId: string,
  now: Date,
  fetchImpl?: typeof fetch,
): Promise<QueuedFulfillment[]> {
  const entries = await allPages<QueueEntry>(
    `/pack-stations/${encodeURIComponent(stationId)}/queue?limit=200`,
    token,
    fetchImpl,
  );
  return entries.map((e) => ({ ...e, station_id: stationId, fetched_at: now.toISOString() }));
}

type ProfileResource = PackagingProfileRow & { created_at?: string };

export async function fetchPackagingProfiles(token: string, fetchImpl?: typeof fetch): Promise<PackagingProfileRow[]> {
  const rows = await allPages<ProfileResource>('/packaging-profiles?active=true&limit=200', token, fetchImpl);
  return rows.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    type: p.type,
    inner_mm: p.inner_mm,
    outer_mm: p.outer_mm,
    tare_g: p.tare_g,
    max_weight_g: p.max_weight_g,
    active: p.active,
  }));
}

/** The contract of `GET /shipments?package_id=`: only what the pack station shows. */
export type ShipmentSummary = {
  id: string;
  status: string;
  carrier_tracking_number: string | null;
  label_url: string | null;
  label_format: string | null;
};

/** The shipment carrying a package (not a cancelled one), or undefined while there is none. */
export async function fetchShipmentOfPackage(
  token: string,
  packageId: string,
  fetchImpl?: typeof fetch,
): Promise<ShipmentSummary | undefined> {
  const { body } = await apiFetch<Page<ShipmentSummary>>(`/shipments?package_id=${encodeURIComponent(packageId)}`, {
    token,
    ...(fetchImpl ? { fetchImpl } : {}),
  });
  return body.data.find((s) => s.status !== 'cancelled');
}

export type GeneratedLabel = { label_url: string; label_format: string; carrier_tracking_number: string | null };

/** The shipment's label in this format: the first one makes it, later ones come from storage (same tracking number). */
export async function generateLabel(
  token: string,
  shipmentId: string,
  format: 'pdf' | 'zpl',
  fetchImpl?: typeof fetch,
): Promise<GeneratedLabel> {
  const { body } = await apiFetch<GeneratedLabel>(`/shipments/${encodeURIComponent(shipmentId)}/generate-label`, {
    token,
    idempotencyKey: newUlid(),
    body: { label_format: format },
    ...(fetchImpl ? { fetchImpl } : {}),
  });
  return body;
}
