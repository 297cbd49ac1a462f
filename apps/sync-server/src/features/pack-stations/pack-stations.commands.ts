import { checkPackContents, type PackedItem } from '@fulfillment/domain/packing/check-pack-contents';
import type { OpenPackSessionInput, PackInput } from '@fulfillment/domain/packing/packing-schemas';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { packageItems, packages, packSessions } from '../../db/schema/packing.ts';
import type { Actor } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/problem.ts';
import { publishEvent, recordTimeline } from '../../platform/timeline.ts';
import { moveFulfillment } from '../fulfillments/fulfillments.commands.ts';
import { findFulfillmentRow } from '../fulfillments/fulfillments.queries.ts';
import { findPackagingProfileRow } from '../packaging/packaging.queries.ts';
import { shipWhenPacked } from '../shipments/ship-when-packed.ts';
import { recordTrace } from '../traceability/trace-ledger.ts';
import { findWorkerRow } from '../warehouses/worker-lookup.ts';
import { findWorkstationRow } from '../warehouses/workstation-lookup.ts';
import {
  findOpenSession,
  findPackageRow,
  packedOf,
  type PackSessionRow,
  pickedLinesOf,
} from './pack-stations.queries.ts';
import { allocateSscc } from './sscc-allocation.ts';

const PACKING_ROLES = ['packer', 'supervisor'] as const;

/** The tenant's active pack station, or 404 (unknown, another tenant's, retired) / 409 (inactive). */
export function requirePackStation(tx: Tx, tenantId: string, stationId: string) {
  const station = findWorkstationRow(tx, tenantId, stationId);
  if (!station || station.type !== 'pack_station') throw notFound('pack station', stationId);
  if (station.status !== 'active') throw conflict('station_inactive', `pack station ${stationId} is inactive`);
  return station;
}

/**
 * Opens a pack session for a worker (the body's, or the worker key's own). One open session per
 * station: the same worker asking again gets the open one back (`created: false`); another gets 409,
 * unless they take the station over (`take_over`), which closes the session left open there.
 */
export function openPackSession(
  tx: Tx,
  actor: Actor,
  stationId: string,
  input: OpenPackSessionInput,
): { session: PackSessionRow; created: boolean } {
  const station = requirePackStation(tx, actor.tenantId, stationId);
  const workerId = input.worker_id ?? actor.workerId;
  if (!workerId) {
    throw unprocessable('worker_required', 'name the worker packing (worker_id) or sign in with a worker key', [
      { path: 'worker_id', message: 'required without a worker key' },
    ]);
  }
  if (actor.type === 'worker' && actor.workerId && workerId !== actor.workerId) {
    throw forbidden('a worker may only open a pack session for themselves');
  }
  const worker = findWorkerRow(tx, actor.tenantId, workerId);
  if (!worker || worker.status !== 'active' || worker.warehouseId !== station.warehouseId) {
    throw unprocessable('worker_not_available', `worker ${workerId} is not an active worker of this warehouse`, [
      { path: 'worker_id', message: 'no active worker of the station’s warehouse' },
    ]);
  }
  if (!worker.roles.some((r) => (PACKING_ROLES as readonly string[]).includes(r))) {
    throw unprocessable('worker_not_packer', `worker ${workerId} holds neither the packer nor the supervisor role`, [
      { path: 'worker_id', message: 'needs the packer or supervisor role' },
    ]);
  }
  const open = findOpenSession(tx, actor.tenantId, stationId);
  if (open) {
    if (open.workerId === workerId) return { session: open, created: false };
    if (!input.take_over) {
      throw conflict('pack_session_open', `pack station ${stationId} has an open session of worker ${open.workerId}`);
    }
    endSession(tx, actor, open, 'taken_over');
  }
  const session: PackSessionRow = {
    id: newId('pks'),
    tenantId: actor.tenantId,
    stationId,
    warehouseId: station.warehouseId,
    workerId,
    deviceId: input.device_id ?? actor.deviceId,
    openedAt: actor.now.toISOString(),
    closedAt: null,
  };
  tx.insert(packSessions).values(session).run();
  publishEvent(tx, actor, {
    type: 'pack_session.opened',
    subjectType: 'pack_session',
    subjectId: session.id,
    payload: { session_id: session.id, station_id: stationId, worker_id: workerId },
  });
  return { session, created: true };
}

function requireSession(tx: Tx, actor: Actor, stationId: string): PackSessionRow {
  const session = findOpenSession(tx, actor.tenantId, stationId);
  if (!session) throw conflict('no_open_session', `pack station ${stationId} has no open session: open one first`);
  if (actor.type === 'worker' && actor.workerId && actor.workerId !== session.workerId) {
    throw forbidden(`the open session of pack station ${stationId} belongs to another worker`);
  }
  return session;
}

/**
 * Ends the station's open session (a shift change or a break). Packages not yet sealed stay open at
 * the station: whoever opens the next session there can add to them by `package_id` and seal them.
 */
export function closePackSession(tx: Tx, actor: Actor, stationId: string): PackSessionRow {
  requirePackStation(tx, actor.tenantId, stationId);
  return endSession(tx, actor, requireSession(tx, actor, stationId), 'closed');
}

function endSession(tx: Tx, actor: Actor, session: PackSessionRow, reason: 'closed' | 'taken_over'): PackSessionRow {
  const closedAt = actor.now.toISOString();
  tx.update(packSessions).set({ closedAt }).where(eq(packSessions.id, session.id)).run();
  publishEvent(tx, actor, {
    type: 'pack_session.closed',
    subjectType: 'pack_session',
    subjectId: session.id,
    payload: { session_id: session.id, station_id: session.stationId, worker_id: session.workerId, reason },
  });
  return { ...session, closedAt };
}

/**
 * Packs picked units of fulfillments into new packages (or open ones, by `package_id`): every item is
 * checked against what was picked and is not yet packed, all refusals at once (422, nothing written).
 */
export function packItems(tx: Tx, actor: Actor, stationId: string, input: PackInput) {
  const station = requirePackStation(tx, actor.tenantId, stationId);
  const session = requireSession(tx, actor, stationId);
  const fulfillmentIds = [...new Set(input.fulfillment_ids)];
  const rows = fulfillmentIds.map((id) => {
    const row = findFulfillmentRow(tx, actor.tenantId, id);
    if (!row) throw notFound('fulfillment', id);
    if (row.warehouseId !== station.warehouseId) {
      throw unprocessable('wrong_warehouse', `fulfillment ${id} ships from another warehouse than this station's`);
    }
    if (row.status !== 'picked' && row.status !== 'packing') {
      throw conflict('fulfillment_not_packable', `fulfillment ${id} is ${row.status}: only picked units can be packed`);
    }
    return row;
  });
  input.packages.forEach((p, i) => {
    if (p.packaging_profile_id && !findPackagingProfileRow(tx, actor.tenantId, p.packaging_profile_id)) {
      throw unprocessable('packaging_profile_not_found', `packaging profile ${p.packaging_profile_id} does not exist`, [
        { path: `packages[${i}].packaging_profile_id`, message: 'no such packaging profile' },
      ]);
    }
    if (p.package_id) {
      const existing = findPackageRow(tx, actor.tenantId, p.package_id);
      if (!existing) throw notFound('package', p.package_id);
      if (existing.status === 'sealed') throw conflict('package_sealed', `package ${p.package_id} is sealed`);
      if (existing.stationId !== stationId) {
        throw conflict('package_at_other_station', `package ${p.package_id} is packed at another station`);
      }
    }
  });

  const picked = pickedLinesOf(tx, actor.tenantId, fulfillmentIds);
  const packed: PackedItem[] = input.packages.flatMap((p, i) =>
    p.items.map((item, j) => ({ path: `packages[${i}].items[${j}]`, ...item })),
  );
  const check = checkPackContents(picked, packed);
  if (!check.ok) {
    throw unprocessable(
      'pack_contents_refused',
      `${check.refusals.length} item(s) do not match what was picked: ${check.refusals.map((r) => r.code).join(', ')}`,
      check.refusals.map((r) => ({ path: r.path, message: `${r.code}: ${r.message}` })),
    );
  }

  for (const row of rows) if (row.status === 'picked') moveFulfillment(tx, actor, row.id, 'packing');
  const now = actor.now.toISOString();
  const packageIds: string[] = [];
  input.packages.forEach((p, i) => {
    const items = check.items.filter((x) => x.path.startsWith(`packages[${i}].`));
    const fulfillmentsIn = [...new Set(items.map((x) => x.line.fulfillment_id))];
    let id = p.package_id;
    if (id) {
      const existing = findPackageRow(tx, actor.tenantId, id)!;
      tx.update(packages)
        .set({
          weightG: p.weight,
          dimsMm: p.dims,
          packagingProfileId: p.packaging_profile_id ?? existing.packagingProfileId,
          fulfillmentIds: [...new Set([...existing.fulfillmentIds, ...fulfillmentsIn])],
          metadata: { ...existing.metadata, ...(p.metadata ?? {}) },
          version: existing.version + 1,
          updatedAt: now,
        })
        .where(and(eq(packages.tenantId, actor.tenantId), eq(packages.id, id)))
        .run();
    } else {
      id = newId('pkg');
      tx.insert(packages)
        .values({
          id,
          tenantId: actor.tenantId,
          stationId,
          sessionId: session.id,
          warehouseId: station.warehouseId,
          fulfillmentIds: fulfillmentsIn,
          weightG: p.weight,
          dimsMm: p.dims,
          packagingProfileId: p.packaging_profile_id ?? null,
          status: 'open',
          metadata: p.metadata ?? {},
          createdAt: now,
          updatedAt: now,
        })
        .run();
    }
    const packageId = id;
    packageIds.push(packageId);
    for (const item of items) {
      tx.insert(packageItems)
        .values({
          id: newId('pki'),
          tenantId: actor.tenantId,
          packageId,
          fulfillmentId: item.line.fulfillment_id,
          lineId: item.line.line_id,
          sku: item.line.sku,
          qty: item.qty,
          serials: item.serials,
        })
        .run();
      const lot = picked.find((l) => l.line_id === item.line.line_id)?.lot ?? null;
      const trace = {
        kind: 'packed' as const,
        sku: item.line.sku,
        fulfillmentId: item.line.fulfillment_id,
        lineId: item.line.line_id,
        packageId,
        warehouseId: station.warehouseId,
      };
      if (item.serials.length > 0) {
        for (const serial of item.serials) recordTrace(tx, actor, { ...trace, serial, quantity: 1, ...(lot ?? {}) });
      } else if (lot) {
        recordTrace(tx, actor, { ...trace, quantity: item.qty, ...lot });
      }
    }
    for (const fulfillmentId of fulfillmentsIn) {
      const units = items.filter((x) => x.line.fulfillment_id === fulfillmentId).reduce((n, x) => n + x.qty, 0);
      recordTimeline(tx, actor, {
        type: 'package.packed',
        subjectType: 'package',
        subjectId: packageId,
        fulfillmentId,
        data: { package_id: packageId, station_id: stationId, session_id: session.id, units },
      });
    }
    publishEvent(tx, actor, {
      type: 'package.packed',
      subjectType: 'package',
      subjectId: packageId,
      payload: { package_id: packageId, station_id: stationId, fulfillment_ids: fulfillmentsIn },
    });
  });
  return { session, packageIds, fulfillmentIds };
}

/**
 * Seals a package: immutable from now on, with an SSCC (tenant GS1 prefix, per-tenant serial
 * reference, check digit) and a pending label. A fulfillment whose picked units are all in sealed
 * packages becomes ready_to_ship.
 */
export function sealPackage(tx: Tx, actor: Actor, stationId: string, packageId: string) {
  requirePackStation(tx, actor.tenantId, stationId);
  const row = findPackageRow(tx, actor.tenantId, packageId);
  if (!row) throw notFound('package', packageId);
  if (row.stationId !== stationId) {
    throw conflict('package_at_other_station', `package ${packageId} is packed at another station`);
  }
  if (row.status === 'sealed') throw conflict('package_sealed', `package ${packageId} is already sealed`);
  const { sscc, serialReference } = allocateSscc(tx, actor.tenantId);
  const now = actor.now.toISOString();
  tx.update(packages)
    .set({
      status: 'sealed',
      sscc,
      serialReference,
      labelStatus: 'pending',
      sealedAt: now,
      version: row.version + 1,
      updatedAt: now,
    })
    .where(and(eq(packages.tenantId, actor.tenantId), eq(packages.id, packageId)))
    .run();
  for (const fulfillmentId of row.fulfillmentIds) {
    recordTimeline(tx, actor, {
      type: 'package.sealed',
      subjectType: 'package',
      subjectId: packageId,
      fulfillmentId,
      data: { package_id: packageId, sscc, station_id: stationId },
    });
  }
  publishEvent(tx, actor, {
    type: 'package.sealed',
    subjectType: 'package',
    subjectId: packageId,
    payload: { package_id: packageId, sscc, fulfillment_ids: row.fulfillmentIds, label_status: 'pending' },
  });
  const sealed = packedOf(tx, actor.tenantId, row.fulfillmentIds, true);
  const shipmentIds: string[] = [];
  const picked = pickedLinesOf(tx, actor.tenantId, row.fulfillmentIds);
  for (const fulfillmentId of row.fulfillmentIds) {
    const lines = picked.filter((l) => l.fulfillment_id === fulfillmentId);
    const complete = lines.every((l) => (sealed.get(l.line_id)?.qty ?? 0) >= l.pickedQty);
    const f = findFulfillmentRow(tx, actor.tenantId, fulfillmentId);
    if (complete && f?.status === 'packing') {
      moveFulfillment(tx, actor, fulfillmentId, 'ready_to_ship');
      const shipmentId = shipWhenPacked(tx, actor, fulfillmentId);
      if (shipmentId) shipmentIds.push(shipmentId);
    }
  }
  return { fulfillmentIds: row.fulfillmentIds, shipmentIds };
}
