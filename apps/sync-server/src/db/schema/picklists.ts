import type { PickPriority, PicklistStatus, PickSplit, PickTask } from '@fulfillment/domain/picklist/picklist-model';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { resourceColumns } from './columns.ts';
import { fulfillments } from './fulfillments.ts';

/** A wave: fulfillments of one warehouse picked together on one walk. */
export const picklists = sqliteTable(
  'picklists',
  {
    id: text('id').primaryKey(),
    warehouseId: text('warehouse_id').notNull(),
    status: text('status').$type<PicklistStatus>().notNull(),
    priority: text('priority').$type<PickPriority>().notNull(),
    pickerGroup: text('picker_group'),
    assignedWorkerId: text('assigned_worker_id'),
    assignedDeviceId: text('assigned_device_id'),
    assignedAt: text('assigned_at'),
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    pickConfirmationId: text('pick_confirmation_id'),
    /** Where telling the Inventory Service what was picked stands (a job does it after completion). */
    inventoryStatus: text('inventory_status', { enum: ['not_due', 'pending', 'confirmed', 'failed'] }).notNull(),
    inventoryJobId: text('inventory_job_id'),
    inventoryError: text('inventory_error', { mode: 'json' }).$type<{ code: string; message: string; at: string }>(),
    ...resourceColumns(),
  },
  (t) => [
    index('picklist_tenant').on(t.tenantId, t.id),
    index('picklist_status').on(t.tenantId, t.status, t.id),
    index('picklist_worker').on(t.tenantId, t.assignedWorkerId, t.id),
    index('picklist_warehouse').on(t.tenantId, t.warehouseId, t.id),
  ],
);

export const picklistFulfillments = sqliteTable(
  'picklist_fulfillments',
  {
    picklistId: text('picklist_id')
      .notNull()
      .references(() => picklists.id),
    fulfillmentId: text('fulfillment_id')
      .notNull()
      .references(() => fulfillments.id),
    allocationId: text('allocation_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.picklistId, t.fulfillmentId] }), index('picklist_fulfillment').on(t.fulfillmentId)],
);

/** One reserved allocation unit to pick. Ids are made in pick-path order, so id order is walking order. */
export const pickTasks = sqliteTable(
  'pick_tasks',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    picklistId: text('picklist_id')
      .notNull()
      .references(() => picklists.id),
    sequence: integer('sequence').notNull(),
    locationId: text('location_id').notNull(),
    locationCode: text('location_code').notNull(),
    locationBarcode: text('location_barcode').notNull(),
    zoneCode: text('zone_code'),
    sku: text('sku').notNull(),
    gtins: text('gtins', { mode: 'json' }).$type<string[]>().notNull(),
    fulfillmentId: text('fulfillment_id').notNull(),
    fulfillmentLineId: text('fulfillment_line_id').notNull(),
    allocationId: text('allocation_id').notNull(),
    allocationUnitId: text('allocation_unit_id').notNull(),
    lotId: text('lot_id'),
    lot: text('lot'),
    expiry: text('expiry'),
    serial: text('serial'),
    serialRequired: integer('serial_required', { mode: 'boolean' }).notNull(),
    qtyRequired: integer('qty_required').notNull(),
    qtyPicked: integer('qty_picked').notNull().default(0),
    qtyShort: integer('qty_short').notNull().default(0),
    shortReason: text('short_reason'),
    status: text('status').$type<PickTask['status']>().notNull(),
    /** Serials captured by accepted scans of this task. */
    serials: text('serials', { mode: 'json' }).$type<string[]>().notNull(),
    /** Where the task's picked units were last re-binned to (a staging location), if anywhere. */
    stagedLocationId: text('staged_location_id'),
  },
  (t) => [index('pick_task_picklist').on(t.picklistId, t.id), index('pick_task_fulfillment').on(t.fulfillmentId)],
);

/**
 * Every scan judged on a picklist, accepted or rejected, once: the scan id is unique per picklist, so
 * a replayed scan finds its first verdict here and is never counted twice.
 */
export const pickScans = sqliteTable(
  'pick_scans',
  {
    picklistId: text('picklist_id')
      .notNull()
      .references(() => picklists.id),
    scanId: text('scan_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    verdict: text('verdict', { enum: ['accepted', 'rejected'] }).notNull(),
    code: text('code'),
    message: text('message'),
    taskId: text('task_id'),
    picks: text('picks', { mode: 'json' }).$type<PickSplit[]>().notNull(),
    qty: integer('qty'),
    sku: text('sku'),
    lot: text('lot'),
    serial: text('serial'),
    expiry: text('expiry'),
    /** What the handheld sent, as sent. */
    scan: text('scan', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    scannedAt: text('scanned_at').notNull(),
    workerId: text('worker_id'),
    deviceId: text('device_id'),
    requestId: text('request_id').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.picklistId, t.scanId] })],
);

/** Shorts, over-picks and re-bins: what was reconciled on a picklist, by whom, and what it caused. */
export const pickAdjustments = sqliteTable(
  'pick_adjustments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    picklistId: text('picklist_id')
      .notNull()
      .references(() => picklists.id),
    taskId: text('task_id').notNull(),
    kind: text('kind', { enum: ['short', 'over', 'stage', 'put_back'] }).notNull(),
    qty: integer('qty').notNull(),
    reason: text('reason').notNull(),
    toLocationId: text('to_location_id'),
    /** The fulfillment made for what a short left missing, once made. */
    backorderFulfillmentId: text('backorder_fulfillment_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    workerId: text('worker_id'),
    deviceId: text('device_id'),
    requestId: text('request_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('pick_adjustment_picklist').on(t.picklistId, t.id)],
);
