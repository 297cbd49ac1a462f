/**
 * The life of a fulfillment unit. Both the server and the PWA consult this table, so a move that the
 * handheld shows as possible is exactly a move the server will accept.
 */
export const fulfillmentStatuses = [
  'created',
  'awaiting_allocation',
  'allocated',
  'picking',
  'picked',
  'packing',
  'ready_to_ship',
  'shipped',
  'closed',
  'cancelled',
] as const;

export type FulfillmentStatus = (typeof fulfillmentStatuses)[number];

const forward: Record<FulfillmentStatus, readonly FulfillmentStatus[]> = {
  created: ['awaiting_allocation'],
  // A failed or partial allocation can be asked again, hence the way back to itself via re-request.
  awaiting_allocation: ['allocated'],
  allocated: ['picking', 'awaiting_allocation'],
  picking: ['picked'],
  picked: ['packing'],
  packing: ['ready_to_ship'],
  ready_to_ship: ['shipped'],
  shipped: ['closed'],
  closed: [],
  cancelled: [],
};

/** Once goods have left the building a fulfillment can no longer be cancelled. */
const cancellable: ReadonlySet<FulfillmentStatus> = new Set([
  'created',
  'awaiting_allocation',
  'allocated',
  'picking',
  'picked',
  'packing',
  'ready_to_ship',
]);

export function canTransition(from: FulfillmentStatus, to: FulfillmentStatus): boolean {
  if (to === 'cancelled') return cancellable.has(from);
  return forward[from].includes(to);
}

export function isCancellable(status: FulfillmentStatus): boolean {
  return cancellable.has(status);
}

export function isTerminal(status: FulfillmentStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

/** Warehouse can change only before stock has been reserved there. */
export function canChangeWarehouse(status: FulfillmentStatus): boolean {
  return status === 'created' || status === 'awaiting_allocation';
}

/** The requested ship date is a planning input: editable until the parcel is handed over. */
export function canChangeRequestedShipDate(status: FulfillmentStatus): boolean {
  return cancellable.has(status);
}

export type TransitionCheck =
  { ok: true } | { ok: false; code: 'illegal_transition' | 'fulfillment_not_cancellable'; message: string };

export function checkTransition(from: FulfillmentStatus, to: FulfillmentStatus): TransitionCheck {
  if (canTransition(from, to)) return { ok: true };
  if (to === 'cancelled') {
    return {
      ok: false,
      code: 'fulfillment_not_cancellable',
      message: `a fulfillment that is ${from} can no longer be cancelled`,
    };
  }
  return { ok: false, code: 'illegal_transition', message: `a fulfillment cannot move from ${from} to ${to}` };
}
