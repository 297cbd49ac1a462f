import { createFulfillmentInput } from '@fulfillment/domain/fulfillment/fulfillment-schemas';
import { createWarehouseInput, type CreateWarehouseInput } from '@fulfillment/domain/warehouse/warehouse-schemas';
import { registerWorkerInput } from '@fulfillment/domain/warehouse/worker-schemas';
import { createWorkstationInput } from '@fulfillment/domain/warehouse/workstation-schemas';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { receiveStock } from '../adapters/inventory/embedded-inventory-stock.ts';
import type { Db, Tx } from '../db/client.ts';
import { locations, warehouses } from '../db/schema/warehouses.ts';
import { createFulfillments } from '../features/fulfillments/fulfillments.commands.ts';
import { createWarehouse } from '../features/warehouses/warehouses.commands.ts';
import { createWorkstation, registerWorker } from '../features/warehouses/workers.commands.ts';
import type { Actor } from '../platform/context.ts';

export const DEMO_TENANT = 'acme';

/** Bins A-01-01-1 … along `aisles` × `bays` × `levels`, in pick-path order. */
function bins(prefix: string, aisles: number, bays: number, levels: number) {
  const out: { code: string }[] = [];
  for (let a = 1; a <= aisles; a++)
    for (let b = 1; b <= bays; b++)
      for (let l = 1; l <= levels; l++)
        out.push({ code: `${prefix}-${String(a).padStart(2, '0')}-${String(b).padStart(2, '0')}-${l}` });
  return out;
}

function warehouse(code: string, name: string, city: string, postal: string, regions: string[]): CreateWarehouseInput {
  return createWarehouseInput.parse({
    code,
    name,
    address: { line1: `1 ${name} Way`, city, postal_code: postal, country: 'GB' },
    timezone: 'Europe/London',
    serviceable_regions: regions,
    capabilities: ['picking', 'packing', 'receiving', 'returns'],
    capacity: { picks_per_hour: 600, packs_per_hour: 240, max_open_fulfillments: 5000 },
    zones: [
      { code: 'A', name: 'Fast movers', type: 'pick', pick_sequence: 1, locations: bins(`${code}-A`, 2, 3, 2) },
      { code: 'B', name: 'Bulk', type: 'pick', pick_sequence: 2, locations: bins(`${code}-B`, 1, 3, 2) },
      { code: 'PACK', name: 'Pack benches', type: 'pack', pick_sequence: 3 },
      { code: 'DOCK', name: 'Outbound dock', type: 'shipping', pick_sequence: 4 },
    ],
  });
}

const demoStock: {
  warehouse: 'london' | 'manchester';
  bin: string;
  sku: string;
  quantity: number;
  lot?: string;
  expiryInDays?: number;
}[] = [
  { warehouse: 'london', bin: 'LON1-A-01-01-1', sku: 'SKU-TSHIRT-M', quantity: 40 },
  { warehouse: 'london', bin: 'LON1-A-01-01-2', sku: 'SKU-TSHIRT-L', quantity: 25 },
  { warehouse: 'london', bin: 'LON1-A-01-02-1', sku: 'SKU-MUG', quantity: 60 },
  { warehouse: 'london', bin: 'LON1-A-02-01-1', sku: 'SKU-CAP', quantity: 30 },
  {
    warehouse: 'london',
    bin: 'LON1-B-01-01-1',
    sku: 'SKU-VITAMIN-C',
    quantity: 50,
    lot: 'VC-SOON',
    expiryInDays: 20,
  },
  {
    warehouse: 'london',
    bin: 'LON1-B-01-02-1',
    sku: 'SKU-VITAMIN-C',
    quantity: 50,
    lot: 'VC-LATER',
    expiryInDays: 200,
  },
  { warehouse: 'manchester', bin: 'MAN1-A-01-01-1', sku: 'SKU-KETTLE', quantity: 12 },
  { warehouse: 'manchester', bin: 'MAN1-A-01-02-1', sku: 'SKU-MUG', quantity: 20 },
];

function stockDemoShelves(tx: Tx, now: Date, london: string, manchester: string) {
  const bins = new Map(
    tx
      .select({ id: locations.id, code: locations.code })
      .from(locations)
      .where(inArray(locations.warehouseId, [london, manchester]))
      .all()
      .map((l) => [l.code, l.id]),
  );
  for (const s of demoStock) {
    receiveStock(tx, {
      tenant_id: DEMO_TENANT,
      warehouse_id: s.warehouse === 'london' ? london : manchester,
      location_id: bins.get(s.bin)!,
      sku: s.sku,
      quantity: s.quantity,
      lot: s.lot,
      // Relative to the day of loading, so the demo's first-expiry-first-out always has two live lots.
      expiry:
        s.expiryInDays === undefined
          ? undefined
          : new Date(now.getTime() + s.expiryInDays * 86_400_000).toISOString().slice(0, 10),
      received_at: now.toISOString(),
    });
  }
}

/**
 * The demo tenant: two warehouses with zones and bins, workers with badges, a pack station with its
 * printer and scale, and a few fulfillments, all made through the same commands as the API uses.
 * Runs once: if the tenant already has a warehouse, it does nothing and returns false.
 */
export function seedDemoData(
  db: Db,
  now: Date,
  options: { embeddedInventory: boolean } = { embeddedInventory: true },
): boolean {
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: warehouses.id })
      .from(warehouses)
      .where(and(eq(warehouses.tenantId, DEMO_TENANT), isNull(warehouses.deletedAt)))
      .limit(1)
      .get();
    if (existing) return false;
    const actor: Actor = {
      tenantId: DEMO_TENANT,
      type: 'system',
      id: 'demo-seed',
      deviceId: null,
      workerId: null,
      requestId: 'req_demo_seed',
      now,
    };

    const london = createWarehouse(tx, actor, warehouse('LON1', 'London DC', 'London', 'E16 2QU', ['GB', 'IE']));
    const manchester = createWarehouse(tx, actor, warehouse('MAN1', 'Manchester DC', 'Manchester', 'M17 1PG', ['GB']));

    const people = [
      { name: 'Ada Picker', badge_id: 'BADGE-1001', roles: ['picker'], skills: ['reach_truck'] },
      { name: 'Ben Picker', badge_id: 'BADGE-1002', roles: ['picker'] },
      { name: 'Cleo Packer', badge_id: 'BADGE-2001', roles: ['packer'] },
      { name: 'Dev Supervisor', badge_id: 'BADGE-9001', roles: ['supervisor', 'picker', 'packer'] },
    ];
    for (const person of people) registerWorker(tx, actor, london, registerWorkerInput.parse(person));
    registerWorker(
      tx,
      actor,
      manchester,
      registerWorkerInput.parse({ name: 'Eve Picker', badge_id: 'BADGE-3001', roles: ['picker'] }),
    );

    const printer = createWorkstation(
      tx,
      actor,
      london,
      createWorkstationInput.parse({
        type: 'label_printer',
        code: 'PRN-1',
        name: 'Bench 1 label printer',
        config: { dpi: 203, language: 'zpl' },
      }),
    );
    const scale = createWorkstation(
      tx,
      actor,
      london,
      createWorkstationInput.parse({
        type: 'scale',
        code: 'SCL-1',
        name: 'Bench 1 scale',
        config: { max_weight_g: 30000, resolution_g: 5 },
      }),
    );
    createWorkstation(
      tx,
      actor,
      london,
      createWorkstationInput.parse({
        type: 'pack_station',
        code: 'PACK-1',
        name: 'Pack bench 1',
        config: { printer_ids: [printer], scale_id: scale },
      }),
    );

    // Stock lives in the Inventory Service: only the embedded one is ours to fill.
    if (options.embeddedInventory) stockDemoShelves(tx, now, london, manchester);

    const orders = [
      {
        order_id: 'ord_1001',
        warehouse_id: london,
        ship_to: {
          name: 'Ada Lovelace',
          line1: '12 St James Square',
          city: 'London',
          postal_code: 'SW1Y 4JH',
          country: 'GB',
        },
        lines: [{ order_line_id: '1001-1', sku: 'SKU-TSHIRT-M', quantity: 2 }],
      },
      {
        order_id: 'ord_1002',
        warehouse_id: london,
        ship_to: {
          name: 'Charles Babbage',
          line1: '1 Dorset Street',
          city: 'London',
          postal_code: 'W1U 4EG',
          country: 'GB',
        },
        lines: [
          { order_line_id: '1002-1', sku: 'SKU-MUG', quantity: 1 },
          { order_line_id: '1002-2', sku: 'SKU-CAP', quantity: 3 },
        ],
      },
      // A split shipment: the second line ships from Manchester as its own fulfillment unit.
      {
        order_id: 'ord_1003',
        warehouse_id: london,
        ship_to: {
          name: 'Grace Hopper',
          line1: '5 Princes Street',
          city: 'Edinburgh',
          postal_code: 'EH2 2AN',
          country: 'GB',
        },
        lines: [
          { order_line_id: '1003-1', sku: 'SKU-TSHIRT-L', quantity: 1 },
          { order_line_id: '1003-2', sku: 'SKU-KETTLE', quantity: 1, warehouse_id: manchester },
        ],
      },
    ];
    for (const order of orders) {
      createFulfillments(
        tx,
        actor,
        createFulfillmentInput.parse({
          ...order,
          source: 'demo',
          requested_ship_date: new Date(now.getTime() + 86_400_000).toISOString(),
        }),
      );
    }
    return true;
  });
}
