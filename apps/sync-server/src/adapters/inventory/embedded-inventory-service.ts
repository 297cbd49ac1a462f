import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import {
  inventoryLots,
  inventoryReservations,
  inventoryReservationUnits,
  inventoryStock,
} from '../../db/schema/inventory.ts';
import { newId } from '../../platform/ids.ts';
import {
  type AllocateRequest,
  type AllocationStrategy,
  InventoryRejectedError,
  type InventoryService,
  type LineOutcome,
  type PickConfirmation,
  type Reservation,
  type ReservationLine,
} from './inventory-service.ts';

type Candidate = {
  stockId: string;
  warehouseId: string;
  locationId: string;
  available: number;
  receivedAt: string;
  lotId: string | null;
  expiry: string | null;
};

/** Stock that may be reserved: not expired on `asOf`, not recalled, with something left unreserved. */
function candidates(
  tx: Tx,
  tenantId: string,
  sku: string,
  asOf: string,
): { usable: Candidate[]; expiredOnly: boolean; known: boolean } {
  const rows = tx
    .select({
      stockId: inventoryStock.id,
      warehouseId: inventoryStock.warehouseId,
      locationId: inventoryStock.locationId,
      onHand: inventoryStock.onHand,
      reserved: inventoryStock.reserved,
      receivedAt: inventoryStock.receivedAt,
      lotId: inventoryStock.lotId,
      expiry: inventoryLots.expiry,
      recalledAt: inventoryLots.recalledAt,
    })
    .from(inventoryStock)
    .leftJoin(inventoryLots, eq(inventoryLots.id, inventoryStock.lotId))
    .where(and(eq(inventoryStock.tenantId, tenantId), eq(inventoryStock.sku, sku)))
    .all();
  const free = rows.filter((r) => r.onHand - r.reserved > 0 && !r.recalledAt);
  const usable = free
    .filter((r) => r.expiry === null || r.expiry >= asOf)
    .map((r) => ({ ...r, available: r.onHand - r.reserved }));
  return { usable, expiredOnly: usable.length === 0 && free.length > 0, known: rows.length > 0 };
}

const byFifo = (a: Candidate, b: Candidate) =>
  a.receivedAt.localeCompare(b.receivedAt) || a.stockId.localeCompare(b.stockId);
const byExpiry = (a: Candidate, b: Candidate) =>
  (a.expiry ?? '9999-12-31').localeCompare(b.expiry ?? '9999-12-31') || byFifo(a, b);

/**
 * Orders the stock a strategy would take from. `nearest_warehouse` has no geography to go on yet, so
 * "nearest" is the fulfillment's own warehouse first, then the warehouses holding most of the SKU.
 */
function rank(usable: Candidate[], strategy: AllocationStrategy, warehouseId: string | null): Candidate[] {
  if (strategy !== 'nearest_warehouse') {
    const here = warehouseId ? usable.filter((c) => c.warehouseId === warehouseId) : usable;
    return [...here].sort(strategy === 'lot_expiry' ? byExpiry : byFifo);
  }
  const held = new Map<string, number>();
  for (const c of usable) held.set(c.warehouseId, (held.get(c.warehouseId) ?? 0) + c.available);
  const order = (id: string) => (id === warehouseId ? Number.POSITIVE_INFINITY : held.get(id)!);
  return [...usable].sort(
    (a, b) => order(b.warehouseId) - order(a.warehouseId) || a.warehouseId.localeCompare(b.warehouseId) || byFifo(a, b),
  );
}

function readReservation(tx: Db | Tx, tenantId: string, id: string): Reservation | null {
  const reservation = tx
    .select()
    .from(inventoryReservations)
    .where(and(eq(inventoryReservations.tenantId, tenantId), eq(inventoryReservations.id, id)))
    .get();
  if (!reservation) return null;
  const units = tx
    .select({
      lineId: inventoryReservationUnits.lineId,
      quantity: inventoryReservationUnits.quantity,
      warehouseId: inventoryStock.warehouseId,
      locationId: inventoryStock.locationId,
      lotId: inventoryStock.lotId,
      serial: inventoryStock.serial,
      lot: inventoryLots.lot,
      expiry: inventoryLots.expiry,
    })
    .from(inventoryReservationUnits)
    .innerJoin(inventoryStock, eq(inventoryStock.id, inventoryReservationUnits.stockId))
    .leftJoin(inventoryLots, eq(inventoryLots.id, inventoryStock.lotId))
    .where(eq(inventoryReservationUnits.reservationId, id))
    .orderBy(asc(inventoryReservationUnits.seq))
    .all();
  const lines: ReservationLine[] = reservation.lines.map((line) => {
    const mine = units.filter((u) => u.lineId === line.line_id);
    const allocated = mine.reduce((n, u) => n + u.quantity, 0);
    const status: LineOutcome = allocated >= line.requested ? 'allocated' : allocated > 0 ? 'partial' : 'failed';
    return {
      line_id: line.line_id,
      sku: line.sku,
      requested: line.requested,
      allocated,
      status,
      reason: status === 'allocated' ? null : line.reason,
      units: mine.map((u) => ({
        warehouse_id: u.warehouseId,
        location_id: u.locationId,
        lot_id: u.lotId,
        lot: u.lot ?? null,
        expiry: u.expiry ?? null,
        serial: u.serial,
        quantity: u.quantity,
      })),
    };
  });
  // Derived from the lines, so stock the inventory reserves later (a top-up) shows at once.
  const status =
    reservation.status === 'released'
      ? 'released'
      : lines.every((l) => l.status === 'allocated')
        ? 'allocated'
        : lines.some((l) => l.allocated > 0)
          ? 'partial'
          : 'failed';
  return { reservation_id: reservation.id, allocation_id: reservation.allocationId, status, lines };
}

function requireReservation(tx: Tx, tenantId: string, id: string) {
  const row = tx
    .select()
    .from(inventoryReservations)
    .where(and(eq(inventoryReservations.tenantId, tenantId), eq(inventoryReservations.id, id)))
    .get();
  if (!row) throw new InventoryRejectedError('reservation_not_found', `reservation ${id} does not exist`);
  return row;
}

function reserve(tx: Tx, request: AllocateRequest, now: string): string {
  const id = newId('res');
  const lines: { line_id: string; sku: string; requested: number; reason: string | null }[] = [];
  const taken: { stockId: string; lineId: string; quantity: number }[] = [];
  // Stock reserved for an earlier line of this same request is no longer available to later ones.
  const usedHere = new Map<string, number>();
  for (const line of request.lines) {
    const { usable, expiredOnly, known } = candidates(tx, request.tenant_id, line.sku, request.as_of);
    let missing = line.quantity;
    for (const c of rank(usable, request.strategy, request.warehouse_id)) {
      if (missing === 0) break;
      const left = c.available - (usedHere.get(c.stockId) ?? 0);
      const take = Math.min(left, missing);
      if (take <= 0) continue;
      taken.push({ stockId: c.stockId, lineId: line.line_id, quantity: take });
      usedHere.set(c.stockId, (usedHere.get(c.stockId) ?? 0) + take);
      missing -= take;
    }
    const reason = missing === 0 ? null : expiredOnly ? 'only_expired_stock' : known ? 'out_of_stock' : 'unknown_sku';
    lines.push({ line_id: line.line_id, sku: line.sku, requested: line.quantity, reason });
  }
  const allocated = taken.reduce((n, t) => n + t.quantity, 0);
  const requested = request.lines.reduce((n, l) => n + l.quantity, 0);
  const status = allocated === requested ? 'allocated' : allocated === 0 ? 'failed' : 'partial';
  tx.insert(inventoryReservations)
    .values({
      id,
      tenantId: request.tenant_id,
      allocationId: request.allocation_id,
      fulfillmentId: request.fulfillment_id,
      status,
      lines,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  for (const [seq, t] of taken.entries()) {
    tx.insert(inventoryReservationUnits)
      .values({ reservationId: id, stockId: t.stockId, lineId: t.lineId, seq, quantity: t.quantity })
      .run();
    tx.update(inventoryStock)
      .set({ reserved: sql`${inventoryStock.reserved} + ${t.quantity}` })
      .where(eq(inventoryStock.id, t.stockId))
      .run();
  }
  return id;
}

function confirm(tx: Tx, tenantId: string, reservationId: string, picks: PickConfirmation[]) {
  const reservation = requireReservation(tx, tenantId, reservationId);
  if (reservation.status === 'released') {
    throw new InventoryRejectedError('reservation_released', `reservation ${reservationId} was released`);
  }
  for (const pick of picks) {
    const unit = tx
      .select({
        stockId: inventoryReservationUnits.stockId,
        quantity: inventoryReservationUnits.quantity,
        picked: inventoryReservationUnits.picked,
        lotId: inventoryStock.lotId,
        serial: inventoryStock.serial,
      })
      .from(inventoryReservationUnits)
      .innerJoin(inventoryStock, eq(inventoryStock.id, inventoryReservationUnits.stockId))
      .where(
        and(
          eq(inventoryReservationUnits.reservationId, reservationId),
          eq(inventoryReservationUnits.lineId, pick.line_id),
          eq(inventoryStock.locationId, pick.location_id),
        ),
      )
      .all()
      .find(
        (u) => (pick.lot_id === null || u.lotId === pick.lot_id) && (pick.serial === null || u.serial === pick.serial),
      );
    if (!unit) {
      throw new InventoryRejectedError(
        'pick_not_reserved',
        `nothing of line ${pick.line_id} is reserved at ${pick.location_id}`,
      );
    }
    // Confirmations carry the total picked so far, so a repeated confirmation changes nothing.
    if (pick.quantity > unit.quantity) {
      throw new InventoryRejectedError(
        'pick_exceeds_reservation',
        `line ${pick.line_id}: ${pick.quantity} picked, ${unit.quantity} reserved`,
      );
    }
    if (pick.quantity < unit.picked) {
      throw new InventoryRejectedError('pick_decreased', `line ${pick.line_id}: ${unit.picked} already confirmed`);
    }
    const delta = pick.quantity - unit.picked;
    if (delta === 0) continue;
    tx.update(inventoryReservationUnits)
      .set({ picked: pick.quantity })
      .where(
        and(
          eq(inventoryReservationUnits.reservationId, reservationId),
          eq(inventoryReservationUnits.lineId, pick.line_id),
          eq(inventoryReservationUnits.stockId, unit.stockId),
        ),
      )
      .run();
    tx.update(inventoryStock)
      .set({ onHand: sql`${inventoryStock.onHand} - ${delta}`, reserved: sql`${inventoryStock.reserved} - ${delta}` })
      .where(eq(inventoryStock.id, unit.stockId))
      .run();
  }
}

function release(tx: Tx, tenantId: string, reservationId: string, now: string) {
  const reservation = requireReservation(tx, tenantId, reservationId);
  if (reservation.status === 'released') return;
  const units = tx
    .select()
    .from(inventoryReservationUnits)
    .where(eq(inventoryReservationUnits.reservationId, reservationId))
    .all();
  for (const u of units) {
    const left = u.quantity - u.picked - u.released;
    if (left <= 0) continue;
    tx.update(inventoryReservationUnits)
      .set({ released: u.released + left })
      .where(
        and(
          eq(inventoryReservationUnits.reservationId, reservationId),
          eq(inventoryReservationUnits.lineId, u.lineId),
          eq(inventoryReservationUnits.stockId, u.stockId),
        ),
      )
      .run();
    tx.update(inventoryStock)
      .set({ reserved: sql`${inventoryStock.reserved} - ${left}` })
      .where(eq(inventoryStock.id, u.stockId))
      .run();
  }
  tx.update(inventoryReservations)
    .set({ status: 'released', updatedAt: now })
    .where(eq(inventoryReservations.id, reservationId))
    .run();
}

/**
 * The reference Inventory Service, in-process: real reservations against real stock rows, with the
 * same idempotency the remote one promises (a request is known by its allocation id).
 */
export function createEmbeddedInventoryService(db: Db, clock: { now(): Date }): InventoryService {
  const now = () => clock.now().toISOString();
  return {
    kind: 'embedded',
    async allocate(request) {
      return db.transaction((tx) => {
        const existing = tx
          .select({ id: inventoryReservations.id })
          .from(inventoryReservations)
          .where(
            and(
              eq(inventoryReservations.tenantId, request.tenant_id),
              eq(inventoryReservations.allocationId, request.allocation_id),
            ),
          )
          .get();
        const id = existing?.id ?? reserve(tx, request, now());
        return readReservation(tx, request.tenant_id, id)!;
      });
    },
    async get(tenantId, reservationId) {
      return readReservation(db, tenantId, reservationId);
    },
    async confirmPick(tenantId, reservationId, picks) {
      return db.transaction((tx) => {
        confirm(tx, tenantId, reservationId, picks);
        return readReservation(tx, tenantId, reservationId)!;
      });
    },
    async release(tenantId, reservationId) {
      return db.transaction((tx) => {
        release(tx, tenantId, reservationId, now());
        return readReservation(tx, tenantId, reservationId)!;
      });
    },
    async getLot(tenantId, sku, lot) {
      const row = db
        .select()
        .from(inventoryLots)
        .where(and(eq(inventoryLots.tenantId, tenantId), eq(inventoryLots.sku, sku), eq(inventoryLots.lot, lot)))
        .get();
      if (!row) return null;
      return { lot_id: row.id, sku: row.sku, lot: row.lot, expiry: row.expiry, recalled: row.recalledAt !== null };
    },
    async health() {
      const started = performance.now();
      try {
        db.select({ n: sql<number>`count(*)` })
          .from(inventoryStock)
          .where(gt(inventoryStock.onHand, -1))
          .get();
        return { status: 'ok', latency_ms: Math.round((performance.now() - started) * 100) / 100 };
      } catch (error) {
        return { status: 'down', latency_ms: 0, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
