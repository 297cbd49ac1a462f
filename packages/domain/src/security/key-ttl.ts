const HOUR = 3600;
const DAY = 24 * HOUR;

export const keyKinds = ['device', 'worker', 'integration'] as const;
export type KeyKind = (typeof keyKinds)[number];

/**
 * Keys are short-lived on purpose: a lost handheld or a leaked integration secret stops working on
 * its own. A worker key lasts a shift, a device key a day, an integration key a month by default.
 */
export const keyTtlBounds = {
  worker: { min: 60, max: 12 * HOUR, default: 8 * HOUR },
  device: { min: 60, max: 7 * DAY, default: 24 * HOUR },
  integration: { min: 60, max: 90 * DAY, default: 30 * DAY },
} as const satisfies Record<KeyKind, { min: number; max: number; default: number }>;
