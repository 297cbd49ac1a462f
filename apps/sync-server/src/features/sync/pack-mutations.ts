import {
  packCloseSessionArgs,
  type PackMutationName,
  packOpenSessionArgs,
  packSealPackageArgs,
  type PackSealPackageResult,
} from '@fulfillment/domain/sync/sync-schemas';
import { closePackSession, openPackSession, packItems, sealPackage } from '../pack-stations/pack-stations.commands.ts';
import { findPackageRow } from '../pack-stations/pack-stations.queries.ts';
import type { MutationHandler } from './mutations.ts';

/**
 * The pack station's work as sync mutations: the same commands and the same permission
 * (`packing:pack`) as the REST pack-station routes, so a package is one thing whichever door it
 * came in by. A refusal of those commands (422 `pack_contents_refused`, 409 `no_open_session`, …)
 * becomes a `rejected` mutation, and the push rolls back everything it wrote.
 */

const define = <A>(handler: MutationHandler<A>) => handler as MutationHandler;

export const packMutations = {
  /** The signed-in worker's session at the station; asking again for an open one of theirs is applied too. */
  'pack.open_session': define({
    args: packOpenSessionArgs,
    permission: 'packing:pack',
    apply: (tx, actor, args) => {
      // No worker or device named: the command takes both from the worker key.
      const { session, created } = openPackSession(tx, actor, args.station_id, {
        ...(args.take_over ? { take_over: true } : {}),
      });
      return { session_id: session.id, station_id: session.stationId, created };
    },
  }),
  /** The worker leaves the station: their open session there ends (409 `no_open_session` when none). */
  'pack.close_session': define({
    args: packCloseSessionArgs,
    permission: 'packing:pack',
    apply: (tx, actor, args) => {
      const session = closePackSession(tx, actor, args.station_id);
      return { session_id: session.id, station_id: session.stationId, closed_at: session.closedAt };
    },
  }),
  /**
   * REST pack (into a new package) and seal, in the mutation's one transaction: offline, the handheld
   * cannot learn the package id between the two, and a package left open by a half-applied pair
   * would block nothing but confuse everyone. Sealing refused means nothing was packed either.
   */
  'pack.seal_package': define({
    args: packSealPackageArgs,
    permission: 'packing:pack',
    apply: (tx, actor, args): PackSealPackageResult => {
      const { station_id, fulfillment_ids, weight, dims, packaging_profile_id, items } = args;
      const packed = packItems(tx, actor, station_id, {
        fulfillment_ids,
        packages: [{ weight, dims, items, ...(packaging_profile_id ? { packaging_profile_id } : {}) }],
      });
      const packageId = packed.packageIds[0]!;
      const sealed = sealPackage(tx, actor, station_id, packageId);
      const sscc = findPackageRow(tx, actor.tenantId, packageId)!.sscc!;
      return { package_id: packageId, sscc, fulfillment_ids: sealed.fulfillmentIds };
    },
  }),
} satisfies Record<PackMutationName, MutationHandler>;
