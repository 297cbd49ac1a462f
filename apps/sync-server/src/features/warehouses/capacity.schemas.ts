import {
  openFulfillmentStatuses,
  THROUGHPUT_WINDOW_MINUTES,
  throughputEventTypes,
} from '@fulfillment/domain/warehouse/warehouse-load';
import { warehouseStatusSchema } from '@fulfillment/domain/warehouse/warehouse-schemas';
import { workerRoleSchema } from '@fulfillment/domain/warehouse/worker-schemas';
import { workstationTypeSchema } from '@fulfillment/domain/warehouse/workstation-schemas';
import { z } from '@hono/zod-openapi';

const openStatusSchema = z.enum(openFulfillmentStatuses);
const int = (description: string) => z.number().int().openapi({ description });

export const WarehouseCapacity = z
  .object({
    warehouse_id: z.string(),
    status: warehouseStatusSchema,
    as_of: z.string().openapi({ description: 'When these numbers were read.' }),
    targets: z
      .object({
        picks_per_hour: z.number().int().nullable(),
        packs_per_hour: z.number().int().nullable(),
        max_open_fulfillments: z.number().int().nullable(),
      })
      .openapi({ description: "The warehouse's configured `capacity`; null where no target is set." }),
    workers: z.object({
      active: int('Workers with status `active`.'),
      by_role: z.record(workerRoleSchema, z.number().int()).openapi({
        description: 'Active workers holding each role; a worker with several roles counts once per role.',
      }),
    }),
    workstations: z.object({
      active_pack_stations: int('Workstations of type `pack_station` with status `active`.'),
      active_by_type: z
        .record(workstationTypeSchema, z.number().int())
        .openapi({ description: 'Active workstations per type.' }),
    }),
    backlog: z.object({
      open_fulfillments: int('Fulfillments at this warehouse that are neither `closed` nor `cancelled`.'),
      by_status: z
        .record(openStatusSchema, z.number().int())
        .openapi({ description: 'The open fulfillments per status.' }),
      utilization: z.number().nullable().openapi({
        description: '`open_fulfillments / targets.max_open_fulfillments` (4 decimals); null without that target.',
      }),
    }),
    throughput: z
      .object({
        window_start: z.string().openapi({ description: 'Exclusive.' }),
        window_end: z.string().openapi({ description: 'Inclusive: `as_of`.' }),
        picks_last_hour: int(
          `Timeline entries of type ${throughputEventTypes.picks.join(', ')} for this warehouse's fulfillments in the window.`,
        ),
        packs_last_hour: int(
          `Timeline entries of type ${throughputEventTypes.packs.join(', ')} for this warehouse's fulfillments in the window.`,
        ),
      })
      .openapi({
        description: `Observed over the last ${THROUGHPUT_WINDOW_MINUTES} minutes; 0 when nothing was recorded.`,
      }),
  })
  .openapi('WarehouseCapacity');
