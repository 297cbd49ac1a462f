import { beforeEach, describe, expect, it } from 'vitest';
import { signBlobUrl } from '../../platform/signed-urls.ts';
import { createTestApp, TEST_BLOB_URL_SECRET, type TestApp } from '../../testing/test-app.ts';

const KEY = 'acme/labels/sh_123.pdf';
const PDF = new TextEncoder().encode('%PDF-1.7\nlabel bytes\n%%EOF');

let t: TestApp;
const sign = (key = KEY, expiresInSeconds = 900) =>
  signBlobUrl(TEST_BLOB_URL_SECRET, key, { expiresInSeconds, now: t.clock.now() });
const get = (url: string) => t.app.request(url, { method: 'GET' });

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(((await res.json()) as { code: string }).code).toBe(code);
}

beforeEach(async () => {
  t = await createTestApp();
  await t.blobs.put(KEY, PDF, { contentType: 'application/pdf' });
});

describe('GET /v1/files/{key} (signed URLs)', () => {
  it('answers the bytes with their type, inline disposition and a cache lifetime of what is left, without a token', async () => {
    const url = sign();
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="sh_123.pdf"');
    expect(res.headers.get('cache-control')).toBe('private, max-age=900');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    t.clock.advance(300_000);
    const later = await get(url);
    expect(later.status).toBe(200);
    expect(later.headers.get('cache-control')).toBe('private, max-age=600');
  });

  it('answers 403 url_expired once the expiry has passed', async () => {
    const url = sign(KEY, 60);
    t.clock.advance(60_000);
    await expectProblem(await get(url), 403, 'url_expired');
  });

  it('answers 403 url_signature_invalid to a changed key, expiry or signature, or extra parameters', async () => {
    const url = sign();
    const [path, query] = url.split('?') as [string, string];
    const params = new URLSearchParams(query);
    const expires = params.get('expires')!;
    const sig = params.get('sig')!;
    const flipped = (sig[0] === 'a' ? 'b' : 'a') + sig.slice(1);
    const altered = [
      `${path.replace('sh_123', 'sh_124')}?${query}`,
      `/v1/files/globex/labels/sh_123.pdf?${query}`,
      `${path}?expires=${Number(expires) + 3600}&sig=${sig}`,
      `${path}?expires=${expires}&sig=${flipped}`,
      `${path}?expires=${expires}`,
      `${path}?sig=${sig}`,
      path,
      `${url}&download=1`,
      `${url}&sig=${sig}`,
      `/v1/files/acme/labels/sh%5F123.pdf?${query}`,
      `/v1/files/acme/labels//sh_123.pdf?${query}`,
      `/v1/files/acme/labels/sh_123.pdf/?${query}`,
    ];
    for (const u of altered) {
      const res = await get(u);
      expect(res.status, u).toBe(403);
      expect(((await res.json()) as { code: string }).code, u).toBe('url_signature_invalid');
    }
  });

  it('answers 404 when the URL is genuine but the file is gone', async () => {
    const url = sign();
    await t.blobs.delete(KEY);
    await expectProblem(await get(url), 404, 'file_not_found');
    await expectProblem(await get(sign('acme/labels/never.pdf')), 404, 'file_not_found');
  });

  it('ignores a bearer token: the signature alone decides', async () => {
    const globex = await t.token({ tenants: ['globex'] });
    const res = await t.app.request(sign(), { headers: { Authorization: `Bearer ${globex}` } });
    expect(res.status).toBe(200);
    const garbage = await t.app.request(sign(), { headers: { Authorization: 'Bearer nonsense' } });
    expect(garbage.status).toBe(200);
  });

  it('is in the OpenAPI document as a public route outside /v1/fulfillment', async () => {
    const doc = (await t.request('GET', '/v1/fulfillment/openapi.json', { token: null })).body;
    const op = doc.paths['/files/{key}'].get;
    expect(op.security).toEqual([]);
    expect(op.servers).toEqual([expect.objectContaining({ url: '/v1' })]);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '403', '404']));
  });
});
