import { createFulfillmentInput } from '@fulfillment/domain/fulfillment/fulfillment-schemas';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/context.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createFulfillments } from '../fulfillments/fulfillments.commands.ts';
import { BASE, stock, warehouseWithBins } from './allocation-test-fixtures.ts';

describe('allocations.bulk at scale', () => {
  it('shows progress while 10,000 fulfillments are allocated, and the API stays responsive', async () => {
    const t = await createTestApp();
    const { warehouseId, bins } = await warehouseWithBins(t);
    stock(t, { warehouseId, locationId: bins[0]! }, 'SKU-1', 100_000);
    // Made through the command in one transaction: 10,000 API calls would test the HTTP layer, not the job.
    const actor: Actor = {
      tenantId: 'acme',
      type: 'system',
      id: 'test',
      deviceId: null,
      workerId: null,
      requestId: 'req_test',
      now: t.clock.now(),
    };
    const input = createFulfillmentInput.parse({
      order_id: 'o',
      warehouse_id: warehouseId,
      lines: [{ order_line_id: 'l', sku: 'SKU-1', quantity: 1 }],
    });
    const ids = t.db.transaction((tx) =>
      Array.from({ length: 10_000 }, () => createFulfillments(tx, actor, input)[0]!),
    );

    const accepted = await t.request('POST', `${BASE}/allocations/bulk`, { body: { fulfillment_ids: ids } });
    expect(accepted.status).toBe(202);
    const runner = t.startJobRunner();
    const seen: number[] = [];
    let status = 'queued';
    while (status === 'queued' || status === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      const job = await t.request('GET', accepted.body.status_url);
      status = job.body.status;
      seen.push(job.body.progress.processed);
    }
    await runner.stop();
    expect(status).toBe('succeeded');
    expect(seen.some((n) => n > 0 && n < 10_000)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const done = await t.request('GET', accepted.body.status_url);
    expect(done.body.result).toEqual({ allocated: 10_000, partial: 0, failed: 0, already_allocated: 0 });
  }, 180_000);
});
