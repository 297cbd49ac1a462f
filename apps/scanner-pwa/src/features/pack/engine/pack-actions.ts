import type { Dims } from '@fulfillment/domain/packaging/cartonize';
import { checkPackContents, type PackRefusal } from '@fulfillment/domain/packing/check-pack-contents';
import type {
  PackCloseSessionArgs,
  PackOpenSessionArgs,
  PackSealPackageArgs,
} from '@fulfillment/domain/sync/sync-schemas';
import type { OutboxStatus } from '../../../db/db-types.ts';
import { appendToOutbox } from '../../../db/outbox.ts';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { newUlid } from '../../../lib/ids.ts';
import { remainingLines, type RemainingLine, uncountedUnits } from './pack-remaining.ts';
import { type LocalPackage, type PackStationRow, packTables, type PackedUnit } from './pack-tables.ts';
import { draftItems, type DraftUnit, packedUnits } from './pack-verify.ts';

export type PackContext = { db: ScannerDb; workerId: string; now: () => Date };

/** Outbox status per mutation id: what the pack screens need to tell queued from refused. */
export async function outboxStatuses(db: ScannerDb): Promise<Map<string, OutboxStatus>> {
  const rows = await db.outbox.toArray();
  return new Map(rows.map((r) => [r.mutation_id, r.status]));
}

/** A fulfillment's lines as they stand on this device: the server's numbers less its own packages. */
export async function linesToPack(db: ScannerDb, fulfillmentId: string): Promise<RemainingLine[] | undefined> {
  const t = packTables(db);
  const entry = await t.queue.get(fulfillmentId);
  if (!entry) return undefined;
  const packages = await t.packages.where('station_id').equals(entry.station_id).toArray();
  return remainingLines(entry, uncountedUnits(entry, packages, await outboxStatuses(db)));
}

/**
 * The packer takes a station: remembered on the device, and in the same transaction (rule 5) a
 * `pack.close_session` for the station this worker leaves and a `pack.open_session` for this one,
 * taking it over from whoever left a session open there (the packer is standing at it). Nothing is
 * queued when this worker already holds it here.
 */
export async function chooseStation(ctx: PackContext, station: PackStationRow): Promise<void> {
  const t = packTables(ctx.db);
  await ctx.db.transaction('rw', [ctx.db.outbox, ctx.db.meta, t.meta], async () => {
    const current = await t.meta.get('current');
    if (current?.station_id === station.station_id && current.worker_id === ctx.workerId) return;
    const now = ctx.now().toISOString();
    const queue = async (
      ...[name, args]: ['pack.open_session', PackOpenSessionArgs] | ['pack.close_session', PackCloseSessionArgs]
    ) =>
      appendToOutbox(ctx.db, {
        mutation_id: newUlid(),
        name,
        args,
        created_at: now,
        picklist_id: null,
        worker_id: ctx.workerId,
      });
    if (current && current.worker_id === ctx.workerId)
      await queue('pack.close_session', { station_id: current.station_id });
    await t.meta.put({
      key: 'current',
      station_id: station.station_id,
      worker_id: ctx.workerId,
      opened_at: now,
      queue_fetched_at: null,
    });
    await queue('pack.open_session', { station_id: station.station_id, take_over: true });
  });
}

export type SealInput = {
  stationId: string;
  fulfillmentId: string;
  units: readonly DraftUnit[];
  weightG: number;
  dims: Dims;
  profile: { id: string; code: string } | null;
};

export type SealOutcome = { ok: true; pkg: LocalPackage } | { ok: false; refusals: PackRefusal[] };

/** The mutation's args from a package: also how an unanswered one is asked again, unchanged. */
export function sealArgs(pkg: LocalPackage): PackSealPackageArgs {
  return {
    station_id: pkg.station_id,
    fulfillment_ids: pkg.fulfillment_ids,
    weight: pkg.weight_g,
    dims: pkg.dims_mm,
    ...(pkg.packaging_profile_id ? { packaging_profile_id: pkg.packaging_profile_id } : {}),
    items: pkg.items.map((i) => ({
      fulfillment_id: i.fulfillment_id,
      line_id: i.line_id,
      qty: i.qty,
      ...(i.serials.length > 0 ? { serials: i.serials } : {}),
    })),
  };
}

/** What a package sealed on the handheld knows of the server's answer before the sync: nothing yet. */
export const NOT_YET_SYNCED = {
  package_id: null,
  sscc: null,
  refused: null,
  label: null,
  label_attempts: 0,
  next_label_check_at: null,
  unanswered_since: null,
  asked_again_at: null,
} as const satisfies Partial<LocalPackage>;

/**
 * Seals the package: judged once more with checkPackContents on the state read inside the
 * transaction (another tab may have packed meanwhile), then the local package and its
 * `pack.seal_package` outbox row are written together, or neither is.
 */
export async function sealLocalPackage(ctx: PackContext, input: SealInput): Promise<SealOutcome> {
  const t = packTables(ctx.db);
  return ctx.db.transaction('rw', [ctx.db.outbox, ctx.db.meta, t.queue, t.packages], async () => {
    const entry = await t.queue.get(input.fulfillmentId);
    const lines = (await linesToPack(ctx.db, input.fulfillmentId)) ?? [];
    const check = checkPackContents(lines, draftItems(input.units));
    if (!check.ok) return { ok: false as const, refusals: check.refusals };
    const items: PackedUnit[] = packedUnits(input.units);
    const now = ctx.now().toISOString();
    const pkg: LocalPackage = {
      mutation_id: newUlid(),
      station_id: input.stationId,
      worker_id: ctx.workerId,
      fulfillment_ids: [input.fulfillmentId],
      order_ids: entry ? [entry.order_id] : [],
      items,
      weight_g: input.weightG,
      dims_mm: input.dims,
      packaging_profile_id: input.profile?.id ?? null,
      box_code: input.profile?.code ?? null,
      created_at: now,
      ...NOT_YET_SYNCED,
    };
    await t.packages.add(pkg);
    await appendToOutbox(ctx.db, {
      mutation_id: pkg.mutation_id,
      name: 'pack.seal_package',
      args: sealArgs(pkg),
      created_at: now,
      picklist_id: null,
      worker_id: ctx.workerId,
    });
    return { ok: true as const, pkg };
  });
}
