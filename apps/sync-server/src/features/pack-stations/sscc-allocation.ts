import { buildSscc } from '@fulfillment/domain/shipment/sscc';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { ssccCounters } from '../../db/schema/packing.ts';
import { unprocessable } from '../../platform/problem.ts';
import { getTenantSettings } from '../settings/settings.queries.ts';

/** The next serial reference of the tenant's SSCCs: one counter row per tenant, bumped in the transaction. */
function nextSerialReference(tx: Tx, tenantId: string): number {
  const row = tx
    .insert(ssccCounters)
    .values({ tenantId, lastSerialReference: 1 })
    .onConflictDoUpdate({
      target: ssccCounters.tenantId,
      set: { lastSerialReference: sql`${ssccCounters.lastSerialReference} + 1` },
    })
    .returning({ value: ssccCounters.lastSerialReference })
    .get();
  return row.value;
}

/**
 * A new SSCC for a logistic unit (a sealed package, a vendor parcel): the tenant's GS1 company prefix
 * and extension digit from settings, the next serial reference, the check digit. Never reused.
 */
export function allocateSscc(tx: Tx, tenantId: string): { sscc: string; serialReference: number } {
  const settings = getTenantSettings(tx, tenantId);
  const serialReference = nextSerialReference(tx, tenantId);
  const sscc = buildSscc({
    extensionDigit: settings.sscc_extension_digit,
    companyPrefix: settings.gs1_company_prefix,
    serialReference,
  });
  if (!sscc.ok) throw unprocessable('sscc_unavailable', `no SSCC can be made: ${sscc.error.message}`);
  return { sscc: sscc.value, serialReference };
}
