import { z } from 'zod';
import { MAX_ITEMS_PER_PACKAGE, MAX_PACK_FULFILLMENTS, packItemInput } from '../packing/packing-schemas.ts';
import { dimsSchema, MAX_WEIGHT_G } from '../packaging/packaging-schemas.ts';
import { MAX_MUTATIONS_PER_PUSH } from './sync-limits.ts';

/**
 * The handheld ⇄ server sync protocol (../shared/ARCHITECTURE.md, "The sync protocol"). Shared so the
 * PWA builds exactly what the server validates.
 */

export { MAX_MUTATIONS_PER_PUSH, MAX_PULL_CHANGES, MAX_PUSH_BYTES } from './sync-limits.ts';

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID');

/** The picker's mutations (server: pick-mutations.ts). */
export const pickMutationNames = ['pick.scan', 'pick.short', 'pick.start', 'pick.complete'] as const;
export type PickMutationName = (typeof pickMutationNames)[number];

/** The packer's mutations (server: pack-mutations.ts); their args are below. */
export const packMutationNames = ['pack.open_session', 'pack.close_session', 'pack.seal_package'] as const;
export type PackMutationName = (typeof packMutationNames)[number];

/** Mutation names the server applies; each has its own args schema (see the server's mutation registry). */
export const mutationNames = [...pickMutationNames, ...packMutationNames] as const;
export type MutationName = (typeof mutationNames)[number];

const stationId = z.string().min(1).max(100);

/** `pack.open_session`: the signed-in worker opens (or finds open) a session at the station. */
/** `take_over`: the packer is at the station, so a session someone left open there is closed first. */
export const packOpenSessionArgs = z.strictObject({ station_id: stationId, take_over: z.boolean().optional() });
export type PackOpenSessionArgs = z.infer<typeof packOpenSessionArgs>;

/** `pack.close_session`: the packer leaves the station (changes station, ends the shift). */
export const packCloseSessionArgs = z.strictObject({ station_id: stationId });
export type PackCloseSessionArgs = z.infer<typeof packCloseSessionArgs>;

/**
 * `pack.seal_package`: one NEW package with these items, sealed at once. The pack station's REST
 * pack + seal in one step, because a handheld offline cannot learn the package id between the two.
 */
export const packSealPackageArgs = z.strictObject({
  station_id: stationId,
  fulfillment_ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_PACK_FULFILLMENTS),
  /** Gross grams. */
  weight: z.number().int().min(1).max(MAX_WEIGHT_G),
  dims: dimsSchema,
  packaging_profile_id: z.string().min(1).max(100).optional(),
  items: z.array(packItemInput).min(1).max(MAX_ITEMS_PER_PACKAGE),
});
export type PackSealPackageArgs = z.infer<typeof packSealPackageArgs>;

/** What an applied `pack.seal_package` answers (stored, and replayed for a duplicate). */
export type PackSealPackageResult = { package_id: string; sscc: string; fulfillment_ids: string[] };

export const mutationSchema = z.strictObject({
  mutation_id: ulid,
  /** Gap-free and increasing per device, from 1. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  name: z.enum(mutationNames),
  args: z.record(z.string(), z.unknown()),
  /** Device time: data (when the worker did it), never order. */
  created_at: z.iso.datetime({ offset: true }),
  /**
   * The worker who did it. Needed only when another worker's key sends it (a shift change on a shared
   * handheld): the server applies it as this worker if they were signed in on the handheld then.
   */
  worker_id: z.string().min(1).max(100).optional(),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.strictObject({
  device_id: z.string().min(1).max(64),
  mutations: z.array(mutationSchema).min(1).max(MAX_MUTATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const mutationStatuses = ['applied', 'rejected', 'duplicate'] as const;

export type MutationResult = {
  mutation_id: string;
  seq: number;
  status: (typeof mutationStatuses)[number];
  /** For `rejected`: the business rule (e.g. `wrong_item`, `over_pick`); the mutation is acknowledged. */
  code?: string;
  message?: string;
  /** What the mutation produced (e.g. the scan verdict), replayed as stored for a duplicate. */
  result?: unknown;
  /** For `duplicate`: the first answer (a replayed rejection also carries its `code` and `message`). */
  original_status?: 'applied' | 'rejected';
};

export type PushResponse = {
  results: MutationResult[];
  last_seq: number;
  /**
   * Set when the batch stopped at a seq gap after answering some of it: the answered rows are done,
   * resend from here. (A gap at the batch's first mutation is a 409 `seq_gap` instead.)
   */
  expected_seq?: number;
};

/** 409 `seq_gap`: resend from `expected_seq`. */
export type SeqGapProblem = { code: 'seq_gap'; expected_seq: number };

export type SyncChange = {
  /** Server-assigned, monotonic: order comes from here, never from device clocks. */
  cursor: string;
  entity: 'picklist';
  id: string;
  op: 'upsert' | 'delete';
  data: unknown;
};

export type PullResponse = {
  changes: SyncChange[];
  next_cursor: string;
  has_more: boolean;
  /** The device's last applied seq: the PWA drops acknowledged outbox rows up to it. */
  last_seq: number;
};
