/**
 * What Fulfillment asks of a carrier, and all it asks: quote, label, cancel, pickup, manifest.
 * Every connector implements this one interface: the built-in `sandbox` (deterministic, offline,
 * real 4x6 labels) now, an `http` connector to a Shipping/Carrier Connector service later.
 * Shipment code reaches carriers only through here.
 *
 * Rules every connector keeps:
 * - No clock and no randomness of its own: the caller passes `now`, so a replay gives the same answer.
 * - Idempotent for the same input: `createLabel` with the same shipment and `sequence` gives the same
 *   tracking number (an `http` connector sends `${shipment_id}:${sequence}` as its idempotency key).
 * - Units as everywhere in this service: grams, millimetres, money in minor units.
 * - Failures are `CarrierError`s; anything else thrown is a bug in the connector.
 */

export type LabelFormat = 'pdf' | 'zpl' | 'png';
export const labelFormats: readonly LabelFormat[] = ['pdf', 'zpl', 'png'];

export type Address = {
  /** The person (or department) the parcel is for, first line of the address block. */
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postal_code: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  phone?: string;
};

export type Dimensions = { l: number; w: number; h: number };

export type LabelPackage = {
  package_id: string;
  /** The 18-digit SSCC the package got when it was sealed. */
  sscc: string;
  weight_g: number;
  dimensions_mm: Dimensions;
};

export type LabelRequest = {
  shipment_id: string;
  service_code: string;
  from: Address;
  to: Address;
  /** One label (page) per package, in this order. */
  packages: LabelPackage[];
  /** The shipper's reference, printed on the label (e.g. the order number). */
  reference: string;
  format: LabelFormat;
};

export type LabelResult = {
  /** One tracking number for the shipment; packages are told apart by their SSCC. */
  tracking_number: string;
  format: LabelFormat;
  /** `application/pdf`, `application/zpl` (ZPL II text, UTF-8) or `image/png`. */
  content_type: string;
  /**
   * The print job as one file: a PDF with one page per package; ZPL with one `^XA`...`^XZ` format
   * per package; a PNG with one 4x6 label per package stacked top to bottom.
   */
  data: Uint8Array;
  /** Labels in `data`: the number of packages. */
  pages: number;
};

export type Money = { value: number; currency: string };

export type RateRequest = {
  service_code?: string;
  from: Address;
  to: Address;
  packages: Array<{ weight_g: number; dimensions_mm: Dimensions }>;
};

export type RateQuote = {
  service_code: string;
  service_name: string;
  /** What the carrier will charge, in minor units (pence, cents). */
  price: Money;
  /** The weight charged for: the greater of actual and volumetric weight, summed over packages. */
  billable_weight_g: number;
  transit_business_days: number;
  /** YYYY-MM-DD, counted from the `now` of the call. */
  estimated_delivery_date: string;
};

export type CancelRequest = { shipment_id: string; tracking_number: string };
export type CancelResult = { tracking_number: string; status: 'cancelled'; cancelled_at: string };

export type PickupRequest = {
  address: Address;
  /** YYYY-MM-DD, in the address's local time. */
  date: string;
  /** HH:MM: the parcels are ready from... */
  ready_time: string;
  /** ...until the dock closes. */
  close_time: string;
  tracking_numbers: string[];
  package_count: number;
};
export type PickupResult = {
  confirmation_number: string;
  date: string;
  window: { from: string; to: string };
};

export type ManifestRequest = {
  /** Our manifest id (`man_...`), kept by the carrier as its reference. */
  manifest_id: string;
  /** YYYY-MM-DD */
  dispatch_date: string;
  shipments: Array<{ shipment_id: string; tracking_number: string; package_count: number; weight_g: number }>;
};
export type ManifestResult = {
  carrier_manifest_id: string;
  status: 'accepted';
  shipment_count: number;
  content_type: string;
  /** The manifest document as the carrier wants it (the sandbox writes CSV). */
  data: Uint8Array;
};

export type CarrierCallContext = {
  /** The moment of the call: ship dates, delivery estimates, cancellation times come from here. */
  now: Date;
  /** Lets the caller give up on a slow carrier; the sandbox never waits. */
  signal?: AbortSignal;
};

export type LabelCallContext = CarrierCallContext & {
  /**
   * How many labels this shipment had before: 0 for the first, 1 after a cancel and relabel...
   * The same (shipment, sequence) must give the same tracking number.
   */
  sequence: number;
};

export interface CarrierConnector {
  /** `sandbox`, `http`, ...: what a connector id in settings points at. */
  readonly kind: string;
  /** Quotes for the services that can carry these packages; one service when `service_code` is given. */
  rates(request: RateRequest, context: CarrierCallContext): Promise<RateQuote[]>;
  /** Books the shipment and returns the label to print. */
  createLabel(request: LabelRequest, context: LabelCallContext): Promise<LabelResult>;
  /** Voids a label that has not been handed over. */
  cancel(request: CancelRequest, context: CarrierCallContext): Promise<CancelResult>;
  schedulePickup(request: PickupRequest, context: CarrierCallContext): Promise<PickupResult>;
  /** Hands the day's shipments over as one manifest (end-of-day close). */
  manifest(request: ManifestRequest, context: CarrierCallContext): Promise<ManifestResult>;
}

export type CarrierErrorCode =
  /** The request itself is wrong (a bad SSCC, no packages, a past pickup date): 422 material. */
  | 'invalid_request'
  /** The carrier has no such service, or not for this route. */
  | 'unsupported_service'
  /** The carrier does not know this shipment or tracking number. */
  | 'not_found'
  /** Known but past the point where it can be changed (already collected, already manifested). */
  | 'not_cancellable'
  /** The carrier could not be reached or failed: try again later (502/503/504 material). */
  | 'unavailable';

export class CarrierError extends Error {
  constructor(
    readonly code: CarrierErrorCode,
    message: string,
    /** True when the same call may succeed later unchanged. */
    readonly retryable = code === 'unavailable',
  ) {
    super(message);
    this.name = 'CarrierError';
  }
}
