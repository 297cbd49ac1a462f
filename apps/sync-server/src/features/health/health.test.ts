import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.ts';

describe('GET /health', () => {
  it('reports each subsystem without a token', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', '/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.subsystems.database).toMatchObject({ status: 'ok', migrations_applied: 1 });
    expect(res.body.subsystems.event_outbox).toMatchObject({ status: 'ok', pending_events: 0 });
    expect(res.body.subsystems.inventory_service).toMatchObject({ status: 'ok', mode: 'embedded' });
    // No scanner app was built for this test app: the service still works, degraded.
    expect(res.body.subsystems.scanner_app.status).toBe('degraded');
    expect(res.body.status).toBe('degraded');
  });

  it('answers 503 when the database is gone', async () => {
    const t = await createTestApp();
    t.db.$client.close();
    const res = await t.request('GET', '/v1/fulfillment/health', { token: null });
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('down');
    expect(res.body.subsystems.database.status).toBe('down');
  });

  it('counts events waiting in the outbox', async () => {
    const t = await createTestApp();
    await t.request('POST', '/v1/fulfillment/fulfillments', {
      body: { order_id: 'o', lines: [{ order_line_id: 'l', sku: 'S', quantity: 1 }] },
    });
    const res = await t.request('GET', '/health', { token: null });
    expect(res.body.subsystems.event_outbox.pending_events).toBe(1);
  });
});
