import {
  MAX_MUTATIONS_PER_PUSH,
  MAX_PULL_CHANGES,
  MAX_PUSH_BYTES,
  mutationNames,
  mutationSchema,
  mutationStatuses,
  pushRequestSchema,
} from '@fulfillment/domain/sync/sync-schemas';
import { z } from '@hono/zod-openapi';

/**
 * The envelope is checked here; a mutation's `name` and `args` are judged per mutation by the
 * registry, so an unknown name or bad args is acknowledged as `rejected: invalid_mutation` and never
 * blocks the device's queue (a 400 would refuse the whole batch, over and over).
 */
const PushMutation = mutationSchema
  .extend({
    name: z
      .string()
      .min(1)
      .max(100)
      .openapi({ description: `One of ${mutationNames.map((n) => `\`${n}\``).join(', ')}.`, example: 'pick.scan' }),
    args: z.unknown().openapi({ type: 'object', description: "The mutation's arguments; see its name." }),
  })
  .openapi('SyncMutation');

export const PushRequest = pushRequestSchema
  .extend({ mutations: z.array(PushMutation).min(1).max(MAX_MUTATIONS_PER_PUSH) })
  .openapi('SyncPushRequest', {
    example: {
      device_id: 'scanner_12',
      mutations: [
        {
          mutation_id: '01JD0000000000000000000001',
          seq: 1,
          name: 'pick.scan',
          args: {
            picklist_id: 'pick_01JAAAAAAAAAAAAAAAAAAAAAAA',
            scans: [
              {
                scan_id: '01JD0000000000000000000S01',
                location_id: 'loc_01JAAAAAAAAAAAAAAAAAAAAAAA',
                sku: 'SKU-1',
                qty: 1,
                timestamp: '2026-01-05T09:00:00.000Z',
              },
            ],
          },
          created_at: '2026-01-05T09:00:00.000Z',
        },
      ],
    },
  });

const MutationResult = z
  .object({
    mutation_id: z.string(),
    seq: z.number().int(),
    status: z.enum(mutationStatuses),
    code: z.string().optional().openapi({ description: 'For `rejected` (and a replayed rejection): the rule.' }),
    message: z.string().optional(),
    result: z.unknown().optional().openapi({ description: 'What the mutation produced, e.g. per-scan verdicts.' }),
    original_status: z
      .enum(['applied', 'rejected'])
      .optional()
      .openapi({ description: 'For `duplicate`: the first answer.' }),
  })
  .openapi('SyncMutationResult');

export const PushResponse = z
  .object({
    results: z.array(MutationResult),
    last_seq: z.number().int(),
    expected_seq: z.number().int().optional().openapi({
      description: 'Present when the batch stopped at a seq gap after answering some of it: resend from here.',
    }),
  })
  .openapi('SyncPushResponse');

export const PullQuery = z.strictObject({
  cursor: z
    .string()
    .max(32)
    .optional()
    .openapi({ description: '`next_cursor` of the previous pull; omit to start from the beginning.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PULL_CHANGES)
    .default(MAX_PULL_CHANGES)
    .openapi({ description: `At most this many changes, 1-${MAX_PULL_CHANGES} (default ${MAX_PULL_CHANGES}).` }),
});

export const PullResponse = z
  .object({
    changes: z.array(
      z.object({
        cursor: z.string(),
        entity: z.enum(['picklist']),
        id: z.string(),
        op: z.enum(['upsert', 'delete']),
        data: z.unknown(),
      }),
    ),
    next_cursor: z.string(),
    has_more: z.boolean(),
    last_seq: z.number().int(),
  })
  .openapi('SyncPullResponse');

export { MAX_PUSH_BYTES };
