import { NOT_YET_SYNCED } from './pack-actions.ts';
import type { LocalPackage, PackLine, PackStationRow, QueuedFulfillment } from './pack-tables.ts';

/** Pack-station data as the server sends it, for the pack feature's tests. */

export const station: PackStationRow = {
  station_id: 'stn_1',
  code: 'PACK-1',
  name: 'Pack bench 1',
  warehouse_id: 'wh_1',
  warehouse_code: 'LON1',
};

export const line = (o: Partial<PackLine> & Pick<PackLine, 'line_id' | 'sku'>): PackLine => ({
  order_line_id: `${o.line_id}-order`,
  picked_qty: o.qty ?? 1,
  packed_qty: 0,
  qty: 1,
  serials: [],
  gtins: [],
  dims_mm: null,
  weight_g: null,
  ...o,
});

/** f1: 2 mugs (GTIN 09506000134352), 1 phone with serials SN-1 and SN-2 picked (qty 2). */
export const entry = (o: Partial<QueuedFulfillment> = {}): QueuedFulfillment => ({
  fulfillment_id: 'ful_1',
  station_id: station.station_id,
  order_id: 'ord_1',
  status: 'picked',
  warehouse_id: 'wh_1',
  picklist_id: 'pick_1',
  package_ids: [],
  lines: [
    line({ line_id: 'fl_mug', sku: 'SKU-MUG', qty: 2, gtins: ['09506000134352'] }),
    line({ line_id: 'fl_phone', sku: 'SKU-PHONE', qty: 2, serials: ['SN-1', 'SN-2'] }),
  ],
  fetched_at: '2026-01-05T09:00:00.000Z',
  ...o,
});

export const localPackage = (o: Partial<LocalPackage> = {}): LocalPackage => ({
  mutation_id: '01JD0000000000000000000P01',
  station_id: station.station_id,
  worker_id: 'wkr_1',
  fulfillment_ids: ['ful_1'],
  order_ids: ['ord_1'],
  items: [{ fulfillment_id: 'ful_1', line_id: 'fl_mug', sku: 'SKU-MUG', qty: 1, serials: [] }],
  weight_g: 900,
  dims_mm: { l: 300, w: 200, h: 150 },
  packaging_profile_id: null,
  box_code: null,
  created_at: '2026-01-05T09:10:00.000Z',
  ...NOT_YET_SYNCED,
  ...o,
});
