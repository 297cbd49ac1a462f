import { z } from 'zod';
import type { Lot, Reservation } from './inventory-service.ts';

/*
 * What the `http` adapter accepts from a remote Inventory Service. Unknown fields are stripped, not
 * refused: the service may grow its answers without breaking us. Missing or mistyped fields are a
 * broken answer (502), never guessed at.
 */

const count = z.number().int().nonnegative();

const reservedUnit = z.object({
  warehouse_id: z.string().min(1),
  location_id: z.string().min(1),
  lot_id: z.string().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  serial: z.string().nullable(),
  quantity: count,
});

const reservationLine = z.object({
  line_id: z.string().min(1),
  sku: z.string().min(1),
  requested: count,
  allocated: count,
  status: z.enum(['allocated', 'partial', 'failed']),
  reason: z.string().nullable(),
  units: z.array(reservedUnit),
});

export const reservationSchema: z.ZodType<Reservation> = z.object({
  reservation_id: z.string().min(1),
  allocation_id: z.string().min(1),
  status: z.enum(['allocated', 'partial', 'failed', 'released']),
  lines: z.array(reservationLine),
});

/** Expiry is compared with business dates as text, so anything but YYYY-MM-DD is a broken answer. */
export const lotSchema: z.ZodType<Lot> = z.object({
  lot_id: z.string().min(1),
  sku: z.string().min(1),
  lot: z.string().min(1),
  expiry: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  recalled: z.boolean(),
});

export const healthBodySchema = z.object({ status: z.enum(['ok', 'degraded', 'down']) });
