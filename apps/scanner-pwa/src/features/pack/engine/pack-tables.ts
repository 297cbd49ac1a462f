import type { CartonProfile, Dims } from '@fulfillment/domain/packaging/cartonize';
import type { ScannerDb } from '../../../db/scanner-db.ts';

/**
 * The pack station's part of the handheld's database (version 2 of ScannerDb): what was prefetched
 * while online, so a packer can verify and seal offline, and the packages sealed on this device.
 */

/** A pack station of the tenant, as `GET /warehouses/{id}/workstations` lists it. */
export type PackStationRow = {
  station_id: string;
  code: string;
  name: string;
  warehouse_id: string;
  warehouse_code: string;
};

/** One line of a fulfillment waiting at the station (`GET /pack-stations/{id}/queue`). */
export type PackLine = {
  line_id: string;
  order_line_id: string;
  sku: string;
  picked_qty: number;
  packed_qty: number;
  /** Picked and not in any package the server knew of when this was fetched. */
  qty: number;
  serials: string[];
  gtins: string[];
  dims_mm: Dims | null;
  weight_g: number | null;
};

export type QueuedFulfillment = {
  fulfillment_id: string;
  station_id: string;
  order_id: string;
  status: 'picked' | 'packing';
  warehouse_id: string;
  picklist_id: string | null;
  /** The packages the server's numbers already count: local packages among them are not subtracted again. */
  package_ids: string[];
  lines: PackLine[];
  fetched_at: string;
};

export type PackagingProfileRow = CartonProfile & {
  name: string | null;
  type: string;
  outer_mm: Dims | null;
};

/** One unit group in a package: a fulfillment line, how many, which serials. */
export type PackedUnit = {
  fulfillment_id: string;
  line_id: string;
  sku: string;
  qty: number;
  serials: string[];
};

export type LabelState = {
  shipment_id: string;
  status: string;
  tracking_number: string | null;
  pdf_url: string | null;
  zpl_url: string | null;
  /** When pdf_url was handed out: signed links expire, so an old one is asked for again. */
  fetched_at: string;
};

/** A package sealed on this device. Keyed by the `pack.seal_package` mutation that carries it. */
export type LocalPackage = {
  mutation_id: string;
  station_id: string;
  worker_id: string;
  fulfillment_ids: string[];
  /** For the packer's eyes: orders, not fulfillment ids. */
  order_ids: string[];
  items: PackedUnit[];
  weight_g: number;
  dims_mm: Dims;
  packaging_profile_id: string | null;
  box_code: string | null;
  created_at: string;
  /** From the server's answer to the mutation; null until it is known. */
  package_id: string | null;
  sscc: string | null;
  /** The server refused the mutation (kept after the outbox row is dismissed). */
  refused: { code: string; message: string } | null;
  label: LabelState | null;
  /** Label polling backoff (only while online). */
  label_attempts: number;
  next_label_check_at: string | null;
  /** The outbox row is gone but no answer was recorded: since when, and whether it was asked again. */
  unanswered_since: string | null;
  asked_again_at: string | null;
};

/** The station this device packs at now, and for whom the session was opened. */
export type PackMeta = {
  key: 'current';
  station_id: string;
  worker_id: string;
  opened_at: string;
  queue_fetched_at: string | null;
};

export const packTables = (db: ScannerDb) => ({
  stations: db.table<PackStationRow, string>('packStations'),
  queue: db.table<QueuedFulfillment, string>('packQueue'),
  profiles: db.table<PackagingProfileRow, string>('packProfiles'),
  packages: db.table<LocalPackage, string>('packPackages'),
  meta: db.table<PackMeta, string>('packMeta'),
});

export type PackTables = ReturnType<typeof packTables>;
