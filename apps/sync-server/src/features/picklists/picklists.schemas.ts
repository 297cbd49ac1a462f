import { pickPriorities, picklistStatuses, scanRejectionCodes } from '@fulfillment/domain/picklist/picklist-model';
import {
  adjustInput,
  assignPicklistInput,
  createPicklistInput,
  rebinInput,
  scanBatchInput,
  shortPickInput,
} from '@fulfillment/domain/picklist/picklist-schemas';
import { z } from '@hono/zod-openapi';
import { paginationQuery } from '../../platform/pagination.ts';
import { listOf, resourceBase } from '../../platform/schemas.ts';

const example = {
  picklist: 'pick_01JAAAAAAAAAAAAAAAAAAAAAAA',
  task: 'task_01JAAAAAAAAAAAAAAAAAAAAAAA',
  location: 'loc_01JAAAAAAAAAAAAAAAAAAAAAAA',
  fulfillment: 'ful_01JAAAAAAAAAAAAAAAAAAAAAAA',
};

export const CreatePicklistRequest = createPicklistInput.openapi('CreatePicklistRequest', {
  example: {
    warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA',
    fulfillment_ids: [example.fulfillment],
    priority: 'high',
    picker_group: 'zoneA',
  },
});
export const AssignPicklistRequest = assignPicklistInput.openapi('AssignPicklistRequest', {
  example: { worker_id: 'wkr_01JAAAAAAAAAAAAAAAAAAAAAAA', device_id: 'scanner_12' },
});
export const ScanRequest = scanBatchInput.openapi('PickScanRequest', {
  example: {
    scans: [
      {
        scan_id: '01JD0000000000000000000S01',
        location_id: example.location,
        barcode: ']C10109506000134352' + '10ABC123',
        qty: 1,
        timestamp: '2026-01-05T09:00:00.000Z',
      },
    ],
  },
});
export const ShortPickRequest = shortPickInput.openapi('ShortPickRequest', {
  example: { task_id: example.task, qty_short: 1, reason: 'bin empty' },
});
export const RebinRequest = rebinInput.openapi('RebinRequest', {
  example: { items: [{ task_id: example.task, qty: 2, to_location_id: example.location, reason: 'to staging' }] },
});
export const AdjustRequest = adjustInput.openapi('AdjustPicklistRequest', {
  example: { adjustments: [{ task_id: example.task, qty_short: 1, reason: 'damaged' }] },
});

export const PickTaskSchema = z
  .object({
    task_id: z.string().openapi({ example: example.task }),
    sequence: z.number().int().openapi({ description: 'Position along the pick path (1 = first).' }),
    location_id: z.string(),
    location_code: z.string(),
    location_barcode: z.string().openapi({ description: 'What the bin label scans as.' }),
    zone_code: z.string().nullable(),
    sku: z.string(),
    gtins: z.array(z.string()).openapi({ description: 'Item barcodes (GTIN-14) that also count as this SKU.' }),
    fulfillment_id: z.string(),
    fulfillment_line_id: z.string(),
    allocation_id: z.string(),
    lot: z.string().nullable().openapi({ description: 'The reserved lot: a scan of another lot is refused.' }),
    expiry: z.string().nullable().openapi({ description: 'YYYY-MM-DD of the reserved lot.' }),
    serial: z.string().nullable().openapi({ description: 'The reserved serial, if any.' }),
    serial_required: z.boolean(),
    qty_required: z.number().int(),
    qty_picked: z.number().int(),
    status: z.enum(['open', 'picked', 'short']),
    qty_short: z.number().int(),
    short_reason: z.string().nullable(),
  })
  .openapi('PickTask');

const Progress = z
  .object({
    tasks_total: z.number().int(),
    tasks_open: z.number().int(),
    tasks_picked: z.number().int(),
    tasks_short: z.number().int(),
    units_required: z.number().int(),
    units_picked: z.number().int(),
    units_short: z.number().int(),
    units_open: z.number().int(),
    done: z.boolean().openapi({ description: 'Every task picked or short: the picklist may be completed.' }),
  })
  .openapi('PickProgress');

const PickStop = z
  .object({
    location_id: z.string(),
    location_code: z.string(),
    location_barcode: z.string(),
    zone_code: z.string().nullable(),
    sequence: z.number().int(),
    items: z.array(PickTaskSchema),
  })
  .openapi('PickStop');

const summaryFields = {
  id: z.string().openapi({ example: example.picklist }),
  picklist_id: z.string().openapi({ description: 'Same as id.' }),
  warehouse_id: z.string(),
  fulfillment_ids: z.array(z.string()),
  status: z.enum(picklistStatuses),
  priority: z.enum(pickPriorities),
  picker_group: z.string().nullable(),
  assigned_worker_id: z.string().nullable(),
  assigned_device_id: z.string().nullable(),
  assigned_at: z.string().nullable(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
  timezone: z.string().openapi({ description: "The warehouse's time zone: scans are judged on its business date." }),
  progress: Progress,
  pick_confirmation_id: z.string().nullable(),
  inventory_confirmation: z.object({
    status: z.enum(['not_due', 'pending', 'confirmed', 'failed']),
    job_id: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
  }),
  ...resourceBase,
};

export const PicklistSummary = z.object(summaryFields).openapi('PicklistSummary');
export const Picklist = z
  .object({ ...summaryFields, tasks: z.array(PickStop).openapi({ description: 'Grouped by bin, in walking order.' }) })
  .openapi('Picklist');
export const PicklistList = listOf(PicklistSummary, 'PicklistList');

export const PicklistStateSchema = z
  .object({
    picklist_id: z.string(),
    status: z.enum(picklistStatuses),
    tasks: z.array(PickTaskSchema).openapi({ description: 'Flat, in walking order.' }),
    picked_serials: z.array(z.string()),
    judged_scan_ids: z.array(z.string()),
    version: z.number().int(),
    warehouse_id: z.string(),
    assigned_worker_id: z.string().nullable(),
    timezone: z.string(),
  })
  .openapi('PicklistState');

const PickSplit = z.object({ task_id: z.string(), qty: z.number().int() });

export const ScanResponse = z
  .object({
    results: z.array(
      z.object({
        scan_id: z.string(),
        status: z.enum(['accepted', 'rejected', 'duplicate']),
        verdict: z
          .enum(['accepted', 'rejected'])
          .openapi({ description: 'The verdict; for a duplicate, the one the scan id got the first time.' }),
        code: z.enum(scanRejectionCodes).optional(),
        message: z.string().optional(),
        task_id: z.string().optional(),
        qty: z.number().int().optional(),
        picks: z.array(PickSplit).optional().openapi({ description: 'How the units went to tasks.' }),
      }),
    ),
  })
  .openapi('PickScanResponse');

export const ShortPickResponse = z
  .object({ task: PickTaskSchema, adjustment_id: z.string() })
  .openapi('ShortPickResponse');

const PutBack = z.object({
  task_id: z.string(),
  location_id: z.string(),
  location_code: z.string(),
  sku: z.string(),
  qty: z.number().int(),
});

const Backorder = z.object({
  fulfillment_id: z.string().openapi({ description: 'The new fulfillment (status `created`).' }),
  backorder_of: z.string(),
  lines: z.array(z.object({ line_id: z.string(), order_line_id: z.string(), sku: z.string(), qty: z.number().int() })),
});

export const CompletionResponse = z
  .object({
    picklist_id: z.string(),
    pick_confirmation_id: z.string(),
    picked: z.array(
      z.object({
        fulfillment_id: z.string(),
        line_id: z.string(),
        sku: z.string(),
        qty_required: z.number().int(),
        qty_picked: z.number().int(),
      }),
    ),
    shorts: z.array(
      z.object({
        fulfillment_id: z.string(),
        line_id: z.string(),
        sku: z.string(),
        qty_short: z.number().int(),
        reasons: z.array(z.string()),
        backorder_fulfillment_id: z.string().nullable(),
      }),
    ),
    fulfillments: z.array(z.object({ fulfillment_id: z.string(), status: z.enum(['picked', 'cancelled', 'skipped']) })),
    backorders: z.array(Backorder),
    put_back: z
      .array(PutBack)
      .openapi({ description: 'Units picked for a fulfillment cancelled meanwhile: back to the bins they came from.' }),
    inventory_confirmation: z.object({ status: z.literal('pending'), job_id: z.string(), status_url: z.string() }),
  })
  .openapi('PickCompletion');

export const AdjustResponse = z
  .object({
    picklist_id: z.string(),
    adjustments: z.array(
      z.object({
        adjustment_id: z.string(),
        task_id: z.string(),
        kind: z.enum(['short', 'over']),
        qty: z.number().int(),
        reason: z.string(),
      }),
    ),
    backorders: z.array(Backorder),
    put_back: z.array(PutBack),
    inventory_release: z.object({ allocation_ids: z.array(z.string()), when: z.literal('after_completion') }),
  })
  .openapi('PicklistAdjustment');

export const RebinResponse = z
  .object({
    picklist_id: z.string(),
    moves: z.array(
      z.object({
        adjustment_id: z.string(),
        task_id: z.string(),
        kind: z.enum(['stage', 'put_back']),
        qty: z.number().int(),
        to_location_id: z.string(),
        to_location_code: z.string(),
      }),
    ),
  })
  .openapi('PicklistRebin');

export const TaskList = listOf(
  PickTaskSchema.extend({
    id: z.string().openapi({ description: 'Same as task_id.' }),
    staged_location_id: z.string().nullable().openapi({ description: 'Where its picked units were last re-binned.' }),
  }),
  'PickTaskList',
);

/** `a,b,c` of known values. */
const listOfValues = <T extends string>(values: readonly T[], example: string) =>
  z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const list = s.split(',').map((v) => v.trim());
      const bad = list.filter((v) => !(values as readonly string[]).includes(v));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `unknown ${bad.join(', ')}; one of ${values.join(', ')}` });
        return z.NEVER;
      }
      return list as T[];
    })
    .openapi({ description: 'One value or several separated by commas.', example, type: 'string' });

export const ListPicklistsQuery = z.strictObject({
  ...paginationQuery,
  status: listOfValues(picklistStatuses, 'assigned,in_progress').optional(),
  warehouse_id: z.string().min(1).max(64).optional(),
  assigned_worker_id: z.string().min(1).max(64).optional(),
});

export const ListTasksQuery = z.strictObject({
  ...paginationQuery,
  status: listOfValues(['open', 'picked', 'short'] as const, 'open').optional(),
  fulfillment_id: z.string().min(1).max(64).optional(),
});
