import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/context.ts';
import { defineRoute, jsonBody, jsonResponse } from '../../platform/route.ts';
import { pickAccessOf } from './picklist-access.ts';
import { rebinPicklist } from './picklist-adjustments.ts';
import { completePicklist } from './picklist-completion.ts';
import { Params, tags, writePicklist } from './picklist-route-helpers.ts';
import { declareShortPick, recordPickScans, startPicklist } from './picklists.commands.ts';
import { getPicklist } from './picklists.queries.ts';
import {
  CompletionResponse,
  Picklist,
  RebinRequest,
  RebinResponse,
  ScanRequest,
  ScanResponse,
  ShortPickRequest,
  ShortPickResponse,
} from './picklists.schemas.ts';

const own =
  'A picker may act only on a picklist assigned to them (a worker key); supervisors, admins and integrations on any.';

/**
 * The floor's side of a picklist. The same commands serve the handhelds' sync mutations (`pick.start`,
 * `pick.scan`, `pick.short`, `pick.complete`): one way to pick, whichever door.
 */
export function pickWorkRoutes() {
  return new OpenAPIHono<AppEnv>()
    .openapi(
      defineRoute(
        {
          permission: 'picklists:pick',
          errors: {
            409: '`picklist_not_startable`: not assigned yet, completed or cancelled',
            412: 'If-Match names another version',
          },
        },
        {
          method: 'post',
          path: '/picklists/{picklistId}/start',
          tags,
          summary: 'Start picking: `assigned → in_progress`',
          description: `${own} Starting a picklist already in progress changes nothing.`,
          request: { params: Params },
          responses: { 200: jsonResponse(Picklist, 'The started picklist') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const access = pickAccessOf(c.var.principal);
        writePicklist(c, picklistId, (tx, actor) => startPicklist(tx, actor, picklistId, access));
        return c.json(getPicklist(c.var.deps.db, c.var.tenantId, picklistId)!, 200);
      },
    )
    .openapi(
      defineRoute(
        { permission: 'picklists:pick', errors: { 412: 'If-Match names another version' } },
        {
          method: 'post',
          path: '/picklists/{picklistId}/scan',
          tags,
          summary: 'Submit scans from a handheld; each gets its verdict',
          description: [
            `Up to 200 scans, judged in order in one transaction by \`validateScan\` (the handheld runs the same function offline). ${own}`,
            'Checks, in order: the picklist is in progress (`picklist_not_active`); qty a whole 1–10,000 (`invalid_qty`); the bin (id or label barcode) holds an open task (`wrong_location`); the item (SKU text, or a barcode: GS1 for GTIN, lot, serial and expiry; EAN/UPC for the GTIN; free text as SKU) is to be picked there (`wrong_item`, `unreadable_barcode`); a GS1 expiry is not before the warehouse’s business date (`expired_lot`); a reserved lot matches (`lot_mismatch`); a serial is not picked twice (`duplicate_serial`) and is given where required (`serial_required`); no more than is left there (`over_pick`).',
            'An accepted scan counts on the first matching open task in pick order and spills over to the next ones at that bin (`picks`). Every new `scan_id` is recorded with its verdict, rejected ones too; a `scan_id` seen before answers `duplicate` with its first verdict and picks nothing. Rejections are answers (200), not errors: the batch around them stands.',
          ].join('\n\n'),
          request: { params: Params, body: jsonBody(ScanRequest) },
          responses: { 200: jsonResponse(ScanResponse, 'One result per scan, in order') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const { scans } = c.req.valid('json');
        const access = pickAccessOf(c.var.principal);
        const results = writePicklist(c, picklistId, (tx, actor) =>
          recordPickScans(tx, actor, picklistId, scans, access),
        );
        return c.json({ results }, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'picklists:pick',
          errors: {
            409: '`picklist_not_active`, `task_not_open`',
            412: 'If-Match names another version',
            422: '`task_not_found`, `invalid_qty` (more than is left of the task)',
          },
        },
        {
          method: 'post',
          path: '/picklists/{picklistId}/short',
          tags,
          summary: 'Declare a short pick (the bin holds less than the task needs)',
          description: `Extension (the REST door of the \`pick.short\` sync mutation). ${own} Declared for all that is left, the task closes as \`short\`; for part of it, the rest stays to pick. Shorts are backordered at completion (or at once by \`POST /adjust\`).`,
          request: { params: Params, body: jsonBody(ShortPickRequest) },
          responses: { 200: jsonResponse(ShortPickResponse, 'The task after the short') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const input = c.req.valid('json');
        const access = pickAccessOf(c.var.principal);
        const result = writePicklist(c, picklistId, (tx, actor) =>
          declareShortPick(tx, actor, picklistId, input, access),
        );
        return c.json(result, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'picklists:pick',
          errors: {
            409: '`picklist_not_completable` (not in progress), `tasks_open` (tasks neither picked nor declared short)',
            412: 'If-Match names another version',
            422: 'A backorder refused (`warehouse_inactive`)',
          },
        },
        {
          method: 'post',
          path: '/picklists/{picklistId}/complete',
          tags,
          summary: 'Complete the picklist: picked quantities and `pick_confirmation_id`',
          description: [
            `Every task must be picked or declared short. ${own}`,
            'In one transaction: every short not yet backordered gets a backorder fulfillment; each fulfillment with anything picked moves to `picked`, one with nothing picked is cancelled (all of it is on the backorder); the picklist is `completed`. The picked totals go to the Inventory Service from a background job enqueued in that same transaction (`inventory_confirmation.job_id`): each allocation is confirmed with `confirm-pick` totals (idempotent), then, if a short left part of it reserved, released. The picklist’s `inventory_confirmation.status` becomes `confirmed` (or `failed`, with the reason).',
          ].join('\n\n'),
          request: { params: Params },
          responses: {
            200: jsonResponse(CompletionResponse, 'What was picked, what is short, what became of each fulfillment'),
          },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const access = pickAccessOf(c.var.principal);
        const result = writePicklist(c, picklistId, (tx, actor) => completePicklist(tx, actor, picklistId, access));
        return c.json(result, 200);
      },
    )
    .openapi(
      defineRoute(
        {
          permission: 'picklists:pick',
          errors: {
            409: '`picklist_not_active`, `put_back_after_completion`',
            412: 'If-Match names another version',
            422: '`task_not_found`, `location_not_found`, `rebin_exceeds_picked`, `rebin_location_not_allowed`, `serial_put_back_partial`',
          },
        },
        {
          method: 'post',
          path: '/picklists/{picklistId}/rebin',
          tags,
          summary: 'Re-bin picked units: to staging, or back to their bin',
          description: [
            `${own}`,
            '**To a staging location** (a `staging` or `tote_wall` bin, or any bin of a staging, pack or shipping zone; picklist in progress or completed): the units stay picked for their fulfillment; the task records where they wait (`staged_location_id` in `GET /tasks`).',
            '**Back to the task’s own bin** (in progress only, before anything is confirmed to the Inventory Service): the units are un-picked and the task is open again. A serial-tracked task goes back whole, its serials with it.',
            'Any other location is refused: moving stock between bins is the Inventory Service’s business.',
          ].join('\n\n'),
          request: { params: Params, body: jsonBody(RebinRequest) },
          responses: { 200: jsonResponse(RebinResponse, 'The moves recorded') },
        },
      ),
      (c) => {
        const { picklistId } = c.req.valid('param');
        const input = c.req.valid('json');
        const access = pickAccessOf(c.var.principal);
        const result = writePicklist(c, picklistId, (tx, actor) => rebinPicklist(tx, actor, picklistId, input, access));
        return c.json(result, 200);
      },
    );
}
