import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { inventoryLots, inventoryStock } from '../../db/schema/inventory.ts';
import { newId } from '../../platform/ids.ts';

/**
 * Goods in and recalls for the embedded reference Inventory Service. Not part of InventoryService:
 * a remote service receives goods by its own means; demo data and tests use these.
 */

export type ReceiveStock = {
  tenant_id: string;
  warehouse_id: string;
  location_id: string;
  sku: string;
  quantity: number;
  lot?: string | undefined;
  expiry?: string | undefined;
  serials?: string[] | undefined;
  received_at: string;
};

/**
 * Puts stock on a shelf of the reference service (goods receipt). Not part of InventoryService: the
 * remote service receives goods by its own means; demo data and tests use this.
 */
export function receiveStock(db: Db | Tx, input: ReceiveStock): string[] {
  const run = (tx: Tx) => {
    let lotId: string | null = null;
    if (input.lot) {
      const found = tx
        .select({ id: inventoryLots.id })
        .from(inventoryLots)
        .where(
          and(
            eq(inventoryLots.tenantId, input.tenant_id),
            eq(inventoryLots.sku, input.sku),
            eq(inventoryLots.lot, input.lot),
          ),
        )
        .get();
      lotId = found?.id ?? newId('lot');
      if (!found) {
        tx.insert(inventoryLots)
          .values({
            id: lotId,
            tenantId: input.tenant_id,
            sku: input.sku,
            lot: input.lot,
            expiry: input.expiry ?? null,
            createdAt: input.received_at,
          })
          .run();
      }
    }
    const base = {
      tenantId: input.tenant_id,
      warehouseId: input.warehouse_id,
      locationId: input.location_id,
      sku: input.sku,
      lotId,
      receivedAt: input.received_at,
    };
    const rows = input.serials?.length
      ? input.serials.map((serial) => ({ ...base, id: newId('stk'), serial, onHand: 1 }))
      : [{ ...base, id: newId('stk'), serial: null, onHand: input.quantity }];
    for (const row of rows) tx.insert(inventoryStock).values(row).run();
    return rows.map((r) => r.id);
  };
  return db.transaction((tx) => run(tx));
}

/** Recalls a lot: it is never reserved again. */
export function recallLot(db: Db, tenantId: string, sku: string, lot: string, at: string): void {
  db.update(inventoryLots)
    .set({ recalledAt: at })
    .where(and(eq(inventoryLots.tenantId, tenantId), eq(inventoryLots.sku, sku), inArray(inventoryLots.lot, [lot])))
    .run();
}
