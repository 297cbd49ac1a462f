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

describe('routes not built yet', () => {
  it('answer 404 and are absent from the OpenAPI document, never a fake 200', async () => {
    const t = await createTestApp();
    const doc = (await t.request('GET', '/v1/fulfillment/openapi.json', { token: null })).body;
    for (const [method, path] of [
      ['POST', '/returns'],
      ['GET', '/connectors'],
      ['POST', '/warehouses/wh_01JAAAAAAAAAAAAAAAAAAAAAAA/slotting/recommend'],
    ] as const) {
      const res = await t.request(method, `/v1/fulfillment${path}`, method === 'GET' ? {} : { body: {} });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('route_not_found');
    }
    expect(doc.paths['/returns']).toBeUndefined();
    expect(doc.paths['/warehouses/{warehouseId}/slotting/recommend']).toBeUndefined();
  });
});

describe('API reference', () => {
  it('serves a browsable reference at /docs with its assets from this server', async () => {
    const t = await createTestApp();
    const page = await t.app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect((await t.app.request('/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect((await t.app.request('/docs/init.js')).status).toBe(200);
    expect(await (await t.app.request('/docs/init.js')).text()).toContain('/v1/fulfillment/openapi.json');
  });
});
