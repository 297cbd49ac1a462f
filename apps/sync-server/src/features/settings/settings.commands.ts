import type { UpdateSettingsInput } from '@fulfillment/domain/settings/settings-schemas';
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { tenantSettings } from '../../db/schema/settings.ts';
import type { Actor } from '../../platform/context.ts';
import { conflict, unprocessable } from '../../platform/problem.ts';
import { recordTimeline } from '../../platform/timeline.ts';
import { findPackagingProfileRow } from '../packaging/packaging.queries.ts';
import { requireActiveWarehouseRef } from '../warehouses/warehouse-lookup.ts';
import { getTenantSettings, type TenantSettings } from './settings.queries.ts';

/** Applies `patch` to `current` where a null value removes the key. */
function merge(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function requireActivePackagingProfileRef(tx: Tx, tenantId: string, id: string) {
  const profile = findPackagingProfileRow(tx, tenantId, id);
  if (!profile || !profile.active) {
    throw unprocessable(
      profile ? 'packaging_profile_inactive' : 'packaging_profile_not_found',
      `packaging profile ${id} ${profile ? 'is not active' : 'does not exist'}`,
      [{ path: 'packaging.default_profile_id', message: profile ? 'profile is inactive' : 'no such profile' }],
    );
  }
}

/**
 * Merges what is sent into the tenant's settings (writing the row the first time), after checking
 * that a new default warehouse or packaging profile is active. A PATCH that changes nothing bumps no version.
 */
export function updateTenantSettings(tx: Tx, actor: Actor, input: UpdateSettingsInput): void {
  const current = getTenantSettings(tx, actor.tenantId);
  if (input.version !== undefined && input.version !== current.version) {
    throw conflict('version_conflict', `version ${input.version} is stale: the current version is ${current.version}`);
  }
  const next: Omit<TenantSettings, 'version' | 'updated_at'> = {
    default_warehouse_id:
      input.default_warehouse_id === undefined ? current.default_warehouse_id : input.default_warehouse_id,
    allow_split_shipments: input.allow_split_shipments ?? current.allow_split_shipments,
    default_allocation_strategy: input.default_allocation_strategy ?? current.default_allocation_strategy,
    gs1_company_prefix: input.gs1_company_prefix ?? current.gs1_company_prefix,
    sscc_extension_digit: input.sscc_extension_digit ?? current.sscc_extension_digit,
    scan_prefixes: input.scan_prefixes ?? current.scan_prefixes,
    packaging: {
      default_profile_id:
        input.packaging?.default_profile_id === undefined
          ? current.packaging.default_profile_id
          : input.packaging.default_profile_id,
      packing_efficiency: input.packaging?.packing_efficiency ?? current.packaging.packing_efficiency,
    },
    metadata: input.metadata ? merge(current.metadata, input.metadata) : current.metadata,
  };
  // Only a reference being set is checked: one that went inactive since does not block other changes.
  if (input.default_warehouse_id && input.default_warehouse_id !== current.default_warehouse_id) {
    requireActiveWarehouseRef(tx, actor.tenantId, input.default_warehouse_id, 'default_warehouse_id');
  }
  const profileId = input.packaging?.default_profile_id;
  if (profileId && profileId !== current.packaging.default_profile_id) {
    requireActivePackagingProfileRef(tx, actor.tenantId, profileId);
  }

  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (!same(current[key], next[key])) changes[key] = { from: current[key], to: next[key] };
  }
  if (Object.keys(changes).length === 0) return;

  const now = actor.now.toISOString();
  const values = {
    defaultWarehouseId: next.default_warehouse_id,
    allowSplitShipments: next.allow_split_shipments,
    defaultAllocationStrategy: next.default_allocation_strategy,
    gs1CompanyPrefix: next.gs1_company_prefix,
    ssccExtensionDigit: next.sscc_extension_digit,
    scanPrefixes: next.scan_prefixes,
    defaultPackagingProfileId: next.packaging.default_profile_id,
    packingEfficiency: next.packaging.packing_efficiency,
    metadata: next.metadata,
    version: current.version + 1,
    updatedAt: now,
  };
  if (current.version === 0) {
    tx.insert(tenantSettings)
      .values({ tenantId: actor.tenantId, createdAt: now, ...values })
      .run();
  } else {
    tx.update(tenantSettings).set(values).where(eq(tenantSettings.tenantId, actor.tenantId)).run();
  }
  recordTimeline(tx, actor, {
    type: 'settings.updated',
    subjectType: 'settings',
    subjectId: actor.tenantId,
    data: { changes },
  });
}
