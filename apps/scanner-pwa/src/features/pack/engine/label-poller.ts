import type { ScannerDb } from '../../../db/scanner-db.ts';
import { fetchShipmentOfPackage, generateLabel, type ShipmentSummary } from '../api/pack-api.ts';
import { type LabelState, type LocalPackage, packTables } from './pack-tables.ts';

/** First retry after 2 s, doubling, at most a minute apart: a label job takes seconds, a shipment waits for the order's last package. */
export function labelBackoffMs(attempts: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, attempts));
}

/** Signed label links expire; links older than this are asked for again before they are shown. */
export const LABEL_LINK_MAX_AGE_MS = 10 * 60_000;

export type LabelReads = {
  shipmentOf: (token: string, packageId: string) => Promise<ShipmentSummary | undefined>;
  generate: typeof generateLabel;
};

export const restLabelReads: LabelReads = { shipmentOf: fetchShipmentOfPackage, generate: generateLabel };

const isDue = (pkg: LocalPackage, now: Date) =>
  pkg.package_id !== null &&
  !(pkg.label?.pdf_url && pkg.label.zpl_url) &&
  (pkg.next_label_check_at === null || Date.parse(pkg.next_label_check_at) <= now.getTime());

/**
 * Both renderings of a shipment's label once its first one exists: the PDF to print from the page
 * and the ZPL for a thermal printer (the server renders another format with the same tracking
 * number, and answers a format it has from storage). A rendering that fails now is asked for later.
 */
async function linksOf(
  token: string,
  shipment: ShipmentSummary,
  known: LabelState | null,
  now: Date,
  reads: LabelReads,
): Promise<LabelState> {
  const format = shipment.label_format ?? 'pdf';
  const link = async (wanted: 'pdf' | 'zpl', have: string | null) => {
    if (shipment.label_url && format === wanted) return shipment.label_url;
    if (!shipment.label_url) return have;
    try {
      return (await reads.generate(token, shipment.id, wanted)).label_url;
    } catch {
      return have;
    }
  };
  return {
    shipment_id: shipment.id,
    status: shipment.status,
    tracking_number: shipment.carrier_tracking_number,
    pdf_url: await link('pdf', known?.pdf_url ?? null),
    zpl_url: await link('zpl', known?.zpl_url ?? null),
    fetched_at: now.toISOString(),
  };
}

/**
 * Asks the server for the shipment of every synced package still without its labels, each on its
 * own backoff. Call only while online: nothing here is queued, a failed ask simply waits its turn.
 * Returns how many packages got their PDF label.
 */
export async function pollLabels(
  db: ScannerDb,
  token: string,
  now: Date,
  reads: LabelReads = restLabelReads,
): Promise<number> {
  const t = packTables(db);
  const due = (await t.packages.toArray()).filter((p) => isDue(p, now));
  let arrived = 0;
  for (const pkg of due) {
    let label = pkg.label;
    try {
      const shipment = await reads.shipmentOf(token, pkg.package_id!);
      if (shipment) label = await linksOf(token, shipment, pkg.label, now, reads);
    } catch {
      // Offline again, or the server is busy: the backoff decides when to ask next.
    }
    const done = Boolean(label?.pdf_url && label.zpl_url);
    if (label?.pdf_url && !pkg.label?.pdf_url) arrived++;
    const attempts = done ? pkg.label_attempts : pkg.label_attempts + 1;
    await t.packages.update(pkg.mutation_id, {
      label,
      label_attempts: attempts,
      next_label_check_at: done ? null : new Date(now.getTime() + labelBackoffMs(attempts - 1)).toISOString(),
    });
  }
  return arrived;
}

/**
 * The label with links young enough to use; older ones are made anew (online only): the server
 * answers a rendering it already has from storage, with a new signed link.
 */
export async function freshLabel(
  db: ScannerDb,
  token: string,
  pkg: LocalPackage,
  now: Date,
  reads: LabelReads = restLabelReads,
): Promise<LabelState | null> {
  const label = pkg.label;
  if (!label) return label;
  if (now.getTime() - Date.parse(label.fetched_at) < LABEL_LINK_MAX_AGE_MS) return label;
  const again = async (format: 'pdf' | 'zpl', have: string | null) => {
    try {
      return (await reads.generate(token, label.shipment_id, format)).label_url;
    } catch {
      return have;
    }
  };
  const fresh: LabelState = {
    ...label,
    pdf_url: await again('pdf', label.pdf_url),
    zpl_url: await again('zpl', label.zpl_url),
    fetched_at: now.toISOString(),
  };
  await packTables(db).packages.update(pkg.mutation_id, { label: fresh });
  return fresh;
}
