import { describe, expect, it } from 'vitest';
import { adjustInput, createPicklistInput, pickScanSchema, scanBatchInput } from './picklist-schemas.ts';

const scan = { scan_id: 'S1', location_id: 'loc_1', sku: 'SKU-1', qty: 1, timestamp: '2026-01-05T09:00:00Z' };

describe('picklist request schemas', () => {
  it('takes a scan by SKU or barcode, and leaves the quantity to the verdict', () => {
    expect(pickScanSchema.safeParse(scan).success).toBe(true);
    expect(pickScanSchema.safeParse({ ...scan, sku: undefined, barcode: ']E09780764544200' }).success).toBe(true);
    expect(pickScanSchema.safeParse({ ...scan, qty: 0 }).success).toBe(true);
    expect(pickScanSchema.safeParse({ ...scan, sku: undefined }).success).toBe(false);
    expect(pickScanSchema.safeParse({ ...scan, extra: 1 }).success).toBe(false);
    expect(scanBatchInput.safeParse({ scans: Array(201).fill(scan) }).success).toBe(false);
  });

  it('defaults the priority and refuses a fulfillment named twice', () => {
    const body = { warehouse_id: 'wh_01JAAAAAAAAAAAAAAAAAAAAAAA', fulfillment_ids: ['ful_01JAAAAAAAAAAAAAAAAAAAAAAA'] };
    expect(createPicklistInput.parse(body).priority).toBe('normal');
    const twice = { ...body, fulfillment_ids: [body.fulfillment_ids[0], body.fulfillment_ids[0]] };
    expect(createPicklistInput.safeParse(twice).success).toBe(false);
  });

  it('wants exactly one of qty_short and qty_over per adjustment', () => {
    const task_id = 'task_01JAAAAAAAAAAAAAAAAAAAAAAA';
    expect(adjustInput.safeParse({ adjustments: [{ task_id, qty_short: 1, reason: 'x' }] }).success).toBe(true);
    expect(adjustInput.safeParse({ adjustments: [{ task_id, reason: 'x' }] }).success).toBe(false);
    expect(adjustInput.safeParse({ adjustments: [{ task_id, qty_short: 1, qty_over: 1, reason: 'x' }] }).success).toBe(
      false,
    );
  });
});
