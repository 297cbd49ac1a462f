import { describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.ts';

describe('platform', () => {
  it('answers health without a token', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', '/health', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.subsystems.database.status).toBe('ok');
    const scoped = await t.request('GET', '/v1/fulfillment/health', { token: null });
    expect(scoped.status).toBe(200);
  });

  it('serves the OpenAPI document', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', '/v1/fulfillment/openapi.json', { token: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/health');
  });

  it('answers unknown routes with problem+json 404', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', '/v1/fulfillment/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('route_not_found');
  });
});
