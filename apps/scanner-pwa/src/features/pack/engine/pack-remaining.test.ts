import { describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../../../db/db-types.ts';
import { packageStatus, remainingLines, uncountedUnits, unitsLeft } from './pack-remaining.ts';
import { entry, localPackage } from './pack-test-fixtures.ts';

const mugs = (qty: number) => [{ fulfillment_id: 'ful_1', line_id: 'fl_mug', sku: 'SKU-MUG', qty, serials: [] }];

describe('what is left to pack on this device', () => {
  it('subtracts queued and unanswered packages, and applied ones the server had not counted yet', () => {
    const queued = localPackage({ mutation_id: 'm1', items: mugs(1) });
    const applied = localPackage({ mutation_id: 'm2', package_id: 'pkg_new', items: mugs(1) });
    const outbox = new Map<string, OutboxStatus>([['m1', 'pending']]);
    const lines = remainingLines(entry(), uncountedUnits(entry(), [queued, applied], outbox));
    expect(lines.map((l) => [l.sku, l.qty, l.packed_qty])).toEqual([
      ['SKU-MUG', 0, 2],
      ['SKU-PHONE', 2, 0],
    ]);
    expect(unitsLeft(lines)).toBe(2);
  });

  it('does not subtract what the server already counts, nor what it refused', () => {
    const counted = localPackage({ mutation_id: 'm1', package_id: 'pkg_1', items: mugs(1) });
    const refused = localPackage({ mutation_id: 'm2', items: mugs(1) });
    const dismissed = localPackage({ mutation_id: 'm3', items: mugs(1), refused: { code: 'x', message: '' } });
    const outbox = new Map<string, OutboxStatus>([['m2', 'rejected']]);
    const server = entry({ package_ids: ['pkg_1'] });
    expect(uncountedUnits(server, [counted, refused, dismissed], outbox)).toEqual([]);
    const serials = localPackage({
      items: [{ fulfillment_id: 'ful_1', line_id: 'fl_phone', sku: 'SKU-PHONE', qty: 1, serials: ['SN-1'] }],
    });
    const phone = remainingLines(entry(), uncountedUnits(entry(), [serials], new Map()))[1]!;
    expect([phone.qty, phone.serials]).toEqual([1, ['SN-2']]);
  });

  it('tells the packer where each package stands', () => {
    expect(packageStatus(localPackage(), 'pending')).toBe('queued');
    expect(packageStatus(localPackage(), 'rejected')).toBe('refused');
    expect(packageStatus(localPackage(), undefined)).toBe('unanswered');
    expect(packageStatus(localPackage({ package_id: 'pkg_1' }), undefined)).toBe('synced');
    const label = {
      shipment_id: 'sh_1',
      status: 'label_generated',
      tracking_number: 'T',
      pdf_url: '/f',
      zpl_url: null,
      fetched_at: '',
    };
    expect(packageStatus(localPackage({ package_id: 'pkg_1', label }), undefined)).toBe('label_ready');
  });
});
