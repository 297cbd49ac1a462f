import { prefixedId } from '@fulfillment/domain/common/common-schemas';
import { scanBatchInput, shortPickInput } from '@fulfillment/domain/picklist/picklist-schemas';
import type { PickMutationName } from '@fulfillment/domain/sync/sync-schemas';
import { z } from 'zod';
import { pickAccessOf } from '../picklists/picklist-access.ts';
import { completePicklist } from '../picklists/picklist-completion.ts';
import { declareShortPick, recordPickScans, startPicklist } from '../picklists/picklists.commands.ts';
import type { MutationHandler } from './mutations.ts';

/**
 * The handheld's pick work as sync mutations: the same commands, the same arg schemas and the same
 * permission (`picklists:pick`) as the REST pick routes, so a pick is one thing whichever door it
 * came in by.
 */

const picklistRef = { picklist_id: prefixedId('pick') };
const define = <A>(handler: MutationHandler<A>) => handler as MutationHandler;

export const pickMutations = {
  /**
   * `applied` whenever the scans were judged: a scan that validateScan refuses (wrong item,
   * over-pick…) is recorded with its verdict and answered in `result.scans`, and does not roll back
   * the scans around it. Only a refusal of the whole call (no such picklist, not this worker's) is a
   * rejection of the mutation.
   */
  'pick.scan': define({
    // Compiled (zod's `z.compile`): the same schema, issues and output, checked by generated code
    // first; every mutation of a push parses its args, and the interpreted parse was about 7 % of a
    // one-scan mutation's CPU. A schema it cannot compile stays on the interpreted parser.
    args: z.compile(z.strictObject({ ...picklistRef, scans: scanBatchInput.shape.scans })),
    permission: 'picklists:pick',
    apply: (tx, actor, args, { principal }) => ({
      scans: recordPickScans(tx, actor, args.picklist_id, args.scans, pickAccessOf(principal)),
    }),
  }),
  'pick.start': define({
    args: z.strictObject(picklistRef),
    permission: 'picklists:pick',
    apply: (tx, actor, args, { principal }) => {
      startPicklist(tx, actor, args.picklist_id, pickAccessOf(principal));
      return { picklist_id: args.picklist_id, status: 'in_progress' };
    },
  }),
  'pick.short': define({
    args: shortPickInput.extend(picklistRef),
    permission: 'picklists:pick',
    apply: (tx, actor, { picklist_id, ...input }, { principal }) =>
      declareShortPick(tx, actor, picklist_id, input, pickAccessOf(principal)),
  }),
  'pick.complete': define({
    args: z.strictObject(picklistRef),
    permission: 'picklists:pick',
    apply: (tx, actor, args, { principal }) => completePicklist(tx, actor, args.picklist_id, pickAccessOf(principal)),
  }),
} satisfies Record<PickMutationName, MutationHandler>;
