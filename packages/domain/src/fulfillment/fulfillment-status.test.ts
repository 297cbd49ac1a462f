import { describe, expect, it } from 'vitest';
import {
  canChangeWarehouse,
  canTransition,
  checkTransition,
  fulfillmentStatuses,
  isCancellable,
} from './fulfillment-status.ts';

describe('fulfillment status machine', () => {
  it('walks the happy path from created to closed', () => {
    const path = [
      'created',
      'awaiting_allocation',
      'allocated',
      'picking',
      'picked',
      'packing',
      'ready_to_ship',
      'shipped',
      'closed',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('refuses to skip steps or go back', () => {
    expect(canTransition('created', 'picking')).toBe(false);
    expect(canTransition('shipped', 'packing')).toBe(false);
    expect(canTransition('closed', 'created')).toBe(false);
  });

  it('cancels anything not yet shipped, and nothing after', () => {
    for (const s of fulfillmentStatuses) {
      const expected = !['shipped', 'closed', 'cancelled'].includes(s);
      expect(isCancellable(s), s).toBe(expected);
      expect(canTransition(s, 'cancelled'), s).toBe(expected);
    }
  });

  it('names the rule that refused a move', () => {
    expect(checkTransition('shipped', 'cancelled')).toMatchObject({ ok: false, code: 'fulfillment_not_cancellable' });
    expect(checkTransition('created', 'shipped')).toMatchObject({ ok: false, code: 'illegal_transition' });
  });

  it('lets the warehouse change only before allocation', () => {
    expect(canChangeWarehouse('created')).toBe(true);
    expect(canChangeWarehouse('allocated')).toBe(false);
  });
});
