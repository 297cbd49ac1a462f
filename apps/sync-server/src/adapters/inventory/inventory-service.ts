/**
 * The Inventory Service owns stock. Fulfillment only asks it to reserve, confirm picks and release,
 * and acts on its answers. Two implementations sit behind this interface: `http` (a remote service,
 * contract in docs/inventory-service.openapi.yaml) and `embedded` (a reference service in-process,
 * the default so one command runs everything). Fulfillment code reaches either only through here.
 */

export type AllocationStrategy = 'nearest_warehouse' | 'fifo' | 'lot_expiry';

export type AllocateLine = { line_id: string; sku: string; quantity: number };

export type AllocateRequest = {
  tenant_id: string;
  /** Our allocation id: the inventory keeps it as its reference, so a retried request reserves once. */
  allocation_id: string;
  fulfillment_id: string;
  /** Where the fulfillment wants to ship from; `nearest_warehouse` may fall back to others. */
  warehouse_id: string | null;
  strategy: AllocationStrategy;
  lines: AllocateLine[];
  /** The business date for expiry checks (YYYY-MM-DD): an expired lot is never reserved. */
  as_of: string;
};

export type ReservedUnit = {
  warehouse_id: string;
  location_id: string;
  lot_id: string | null;
  lot: string | null;
  expiry: string | null;
  serial: string | null;
  quantity: number;
};

export type LineOutcome = 'allocated' | 'partial' | 'failed';

export type ReservationLine = {
  line_id: string;
  sku: string;
  requested: number;
  allocated: number;
  status: LineOutcome;
  /** Why not all of it: `out_of_stock`, `only_expired_stock`, `unknown_sku`. */
  reason: string | null;
  units: ReservedUnit[];
};

export type Reservation = {
  reservation_id: string;
  allocation_id: string;
  status: 'allocated' | 'partial' | 'failed' | 'released';
  lines: ReservationLine[];
};

export type PickConfirmation = {
  line_id: string;
  location_id: string;
  lot_id: string | null;
  serial: string | null;
  quantity: number;
};

/** A lot as the Inventory Service knows it now: its expiry and whether it has been recalled. */
export type Lot = {
  lot_id: string;
  sku: string;
  /** The lot code as printed on the goods. */
  lot: string;
  /** YYYY-MM-DD: the last day the lot may be used; null when it does not expire. */
  expiry: string | null;
  recalled: boolean;
};

export type InventoryHealth = { status: 'ok' | 'degraded' | 'down'; latency_ms: number; detail?: string };

export interface InventoryService {
  readonly kind: 'embedded' | 'http';
  allocate(request: AllocateRequest, idempotencyKey: string): Promise<Reservation>;
  get(tenantId: string, reservationId: string): Promise<Reservation | null>;
  /** Takes reserved units out of stock. Idempotent for the same key. */
  confirmPick(
    tenantId: string,
    reservationId: string,
    picks: PickConfirmation[],
    idempotencyKey: string,
  ): Promise<Reservation>;
  /** Returns what is still reserved to available stock. Idempotent. */
  release(tenantId: string, reservationId: string, idempotencyKey: string): Promise<Reservation>;
  /** A lot of a SKU by its printed code; null when the tenant has no such lot. */
  getLot(tenantId: string, sku: string, lot: string): Promise<Lot | null>;
  health(): Promise<InventoryHealth>;
}

/**
 * An outside system failed: the API answers 502 (it answered badly), 503 (unavailable) or 504 (timed
 * out) and the allocation stays pending, to be asked again.
 */
export class InventoryUnavailableError extends Error {
  constructor(
    readonly status: 502 | 503 | 504,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'InventoryUnavailableError';
  }
}

/** The inventory refused the request itself (unknown reservation, a pick beyond what is reserved): 409/422 material. */
export class InventoryRejectedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InventoryRejectedError';
  }
}
