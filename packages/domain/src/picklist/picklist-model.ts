/**
 * The picklist as the handheld and the server both see it. The server builds it (picklists feature),
 * the PWA caches it (Dexie) and both judge every scan against it with `validateScan`, so a verdict
 * given offline on the handheld is the verdict the server gives when the scan is replayed.
 */

export const picklistStatuses = ['draft', 'assigned', 'in_progress', 'completed', 'cancelled'] as const;
export type PicklistStatus = (typeof picklistStatuses)[number];

export const pickPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type PickPriority = (typeof pickPriorities)[number];

/** One thing to pick: a quantity of one SKU (one lot / serial where reserved so) from one bin, for one fulfillment line. */
export type PickTask = {
  task_id: string;
  /** Position along the pick path (zone pick sequence, aisle, bay, level): the order the picker walks. */
  sequence: number;
  location_id: string;
  location_code: string;
  /** What the bin label scans as. */
  location_barcode: string;
  zone_code: string | null;
  sku: string;
  /** Item barcodes that count as this SKU besides the SKU text itself (GTIN-14s, normalised). */
  gtins: string[];
  fulfillment_id: string;
  fulfillment_line_id: string;
  allocation_id: string;
  /** The reserved lot, if the Inventory Service reserved a specific one: a scan of another lot is refused. */
  lot: string | null;
  /** YYYY-MM-DD of the reserved lot; a scan whose GS1 expiry is before the business date is refused. */
  expiry: string | null;
  /** The reserved serial, if any; otherwise serials are captured when `serial_required`. */
  serial: string | null;
  serial_required: boolean;
  qty_required: number;
  qty_picked: number;
  /** `short` once a short pick was declared for the rest. */
  status: 'open' | 'picked' | 'short';
  qty_short: number;
  short_reason: string | null;
};

export type PicklistState = {
  picklist_id: string;
  status: PicklistStatus;
  tasks: PickTask[];
  /** Serials already picked on this picklist (a serial is one unit: scanning it twice is refused). */
  picked_serials: string[];
  /** Scan ids already judged: the same scan replayed gets its first verdict, never a second pick. */
  judged_scan_ids: string[];
};

/** A scan as a handheld reports it (REST `scan` route and the `pick.scan` sync mutation alike). */
export type PickScan = {
  /** Made on the device (ULID): identifies the scan across retries. */
  scan_id: string;
  location_id: string;
  /** Either the SKU (typed or read as plain text) or the raw barcode (GS1 parsed for GTIN, lot, serial, expiry). */
  sku?: string | undefined;
  barcode?: string | undefined;
  lot?: string | null | undefined;
  serial?: string | null | undefined;
  qty: number;
  /** Device time of the scan: data, never order. */
  timestamp: string;
};

export const scanRejectionCodes = [
  'wrong_location',
  'wrong_item',
  'over_pick',
  'lot_mismatch',
  'expired_lot',
  'duplicate_serial',
  'serial_required',
  'unreadable_barcode',
  'invalid_qty',
  'picklist_not_active',
] as const;
export type ScanRejectionCode = (typeof scanRejectionCodes)[number];

/** How many units of an accepted scan go to which task. */
export type PickSplit = { task_id: string; qty: number };

export type ScanVerdict =
  | {
      verdict: 'accepted';
      scan_id: string;
      /** The first open matching task in sequence order: where the scan counts (first). */
      task_id: string;
      sku: string;
      qty: number;
      lot: string | null;
      serial: string | null;
      expiry: string | null;
      /**
       * Added by the picklists feature: a scan of 4 mugs at a bin where two fulfillments need 2 each
       * fills both tasks. `picks[0].task_id === task_id`; the quantities add up to `qty`.
       */
      picks: PickSplit[];
    }
  | { verdict: 'rejected'; scan_id: string; code: ScanRejectionCode; message: string };
