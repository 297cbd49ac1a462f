import { beforeEach, describe, expect, it } from 'vitest';
import type { ScannerDb } from '../../../db/scanner-db.ts';
import { createTestDb } from '../../../testing/test-db.ts';
import type { ShipmentSummary } from '../api/pack-api.ts';
import { freshLabel, LABEL_LINK_MAX_AGE_MS, labelBackoffMs, type LabelReads, pollLabels } from './label-poller.ts';
import { packTables } from './pack-tables.ts';
import { localPackage } from './pack-test-fixtures.ts';

let db: ScannerDb;
let shipment: ShipmentSummary | undefined;
let asked: string[];
let generated: string[];
let zplFails: boolean;
const reads: LabelReads = {
  shipmentOf: async (_token, packageId) => {
    asked.push(packageId);
    return shipment;
  },
  generate: async (_token, shipmentId, format) => {
    generated.push(format);
    if (format === 'zpl' && zplFails) throw new Error('carrier down');
    return {
      label_url: `/v1/files/${shipmentId}.${format}?v=${generated.length}`,
      label_format: format,
      carrier_tracking_number: 'T1',
    };
  },
};

const T0 = new Date('2026-01-05T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const stored = async () => (await packTables(db).packages.get('m1'))!;

beforeEach(async () => {
  db = createTestDb();
  shipment = undefined;
  asked = [];
  generated = [];
  zplFails = false;
  await packTables(db).packages.bulkPut([
    localPackage({ mutation_id: 'm1', package_id: 'pkg_1' }),
    // Not synced yet: nothing to ask.
    localPackage({ mutation_id: 'm2' }),
  ]);
});

describe('label polling', () => {
  it('backs off from 2 s, doubling, to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(labelBackoffMs)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('asks for synced packages only, on their backoff, until the PDF and the ZPL are both there', async () => {
    expect(await pollLabels(db, 'tok', T0, reads)).toBe(0);
    expect(asked).toEqual(['pkg_1']);
    // Too early for the next ask.
    await pollLabels(db, 'tok', at(1_999), reads);
    expect(asked).toHaveLength(1);

    shipment = {
      id: 'sh_1',
      status: 'label_pending',
      carrier_tracking_number: null,
      label_url: null,
      label_format: null,
    };
    await pollLabels(db, 'tok', at(2_000), reads);
    expect(await stored()).toMatchObject({ label_attempts: 2, label: { shipment_id: 'sh_1', pdf_url: null } });
    expect(generated).toEqual([]);

    // The PDF is made by the server's job; the ZPL is asked for, and fails this time.
    shipment = {
      ...shipment,
      status: 'label_generated',
      carrier_tracking_number: 'T1',
      label_url: '/v1/files/l.pdf',
      label_format: 'pdf',
    };
    zplFails = true;
    expect(await pollLabels(db, 'tok', at(6_000), reads)).toBe(1);
    expect((await stored()).label).toMatchObject({ pdf_url: '/v1/files/l.pdf', zpl_url: null, tracking_number: 'T1' });

    zplFails = false;
    await pollLabels(db, 'tok', at(20_000), reads);
    expect((await stored()).label).toMatchObject({ pdf_url: '/v1/files/l.pdf', zpl_url: '/v1/files/sh_1.zpl?v=2' });
    expect(generated).toEqual(['zpl', 'zpl']);
    // Done: no more asking.
    await pollLabels(db, 'tok', at(600_000), reads);
    expect(asked).toHaveLength(4);
  });

  it('makes old links anew before they are shown', async () => {
    const label = {
      shipment_id: 'sh_1',
      status: 'label_generated',
      tracking_number: 'T1',
      pdf_url: '/old.pdf',
      zpl_url: '/old.zpl',
      fetched_at: T0.toISOString(),
    };
    const pkg = localPackage({ mutation_id: 'm1', package_id: 'pkg_1', label });
    expect(await freshLabel(db, 'tok', pkg, at(LABEL_LINK_MAX_AGE_MS - 1), reads)).toEqual(label);
    expect(generated).toEqual([]);
    const fresh = await freshLabel(db, 'tok', pkg, at(LABEL_LINK_MAX_AGE_MS), reads);
    expect(fresh).toMatchObject({ pdf_url: '/v1/files/sh_1.pdf?v=1', zpl_url: '/v1/files/sh_1.zpl?v=2' });
    expect((await stored()).label).toEqual(fresh);
  });
});
