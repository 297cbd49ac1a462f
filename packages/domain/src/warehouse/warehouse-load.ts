import { fulfillmentStatuses, isTerminal } from '../fulfillment/fulfillment-status.ts';

/**
 * Fulfillments that still need their warehouse: they make up its backlog and keep it from being
 * deleted. `shipped` counts until `closed`, since a carrier return or dispute still lands there.
 */
export const openFulfillmentStatuses = fulfillmentStatuses.filter((s) => !isTerminal(s));

/**
 * The timeline entry types that count as one pick or one pack in a warehouse's observed throughput
 * (GET /warehouses/{id}/capacity). The picking and packing features record these, with the
 * fulfillment's id, so that the count can be attributed to the fulfillment's warehouse.
 */
export const throughputEventTypes = {
  picks: ['pick.confirmed'],
  packs: ['package.packed'],
} as const;

export const THROUGHPUT_WINDOW_MINUTES = 60;
