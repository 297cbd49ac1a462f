import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTestApp, TEST_JWT } from '../testing/test-app.ts';

const LIST = '/v1/fulfillment/fulfillments';
const secret = new TextEncoder().encode(TEST_JWT.secret);

async function craft(
  claims: Record<string, unknown>,
  o: { alg?: string; issuer?: string; audience?: string; exp?: number; key?: Uint8Array } = {},
) {
  const jwt = new SignJWT({ kind: 'user', tenants: ['acme'], roles: ['admin'], ...claims })
    .setProtectedHeader({ alg: o.alg ?? 'HS256' })
    .setSubject('usr_x')
    .setIssuer(o.issuer ?? TEST_JWT.issuer)
    .setAudience(o.audience ?? TEST_JWT.audience)
    .setIssuedAt(Math.floor(Date.parse('2026-01-05T09:00:00Z') / 1000));
  if (o.exp !== 0) jwt.setExpirationTime(o.exp ?? Math.floor(Date.parse('2026-01-05T10:00:00Z') / 1000));
  return jwt.sign(o.key ?? secret);
}

describe('authentication', () => {
  it.each([
    ['no Authorization header', null],
    ['a token that is not a JWT', 'not-a-jwt'],
  ])('refuses %s with 401 problem+json', async (_name, token) => {
    const t = await createTestApp();
    const res = await t.request('GET', LIST, { token });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.body.code).toBe('unauthenticated');
  });

  it('refuses a scheme other than Bearer', async () => {
    const t = await createTestApp();
    const res = await t.request('GET', LIST, { token: null, headers: { Authorization: `Basic ${t.adminToken}` } });
    expect(res.status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const t = await createTestApp();
    const token = await t.token({ ttlSeconds: 60 });
    expect((await t.request('GET', LIST, { token })).status).toBe(200);
    t.clock.advance(61_000);
    const res = await t.request('GET', LIST, { token });
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('refuses a token before its nbf, then takes it, and refuses it again once expired (verified tokens are kept)', async () => {
    const t = await createTestApp();
    const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const token = await new SignJWT({ kind: 'user', tenants: ['acme'], roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('usr_x')
      .setIssuer(TEST_JWT.issuer)
      .setAudience(TEST_JWT.audience)
      .setNotBefore(at('2026-01-05T09:10:00Z'))
      .setExpirationTime(at('2026-01-05T09:20:00Z'))
      .sign(secret);
    expect((await t.request('GET', LIST, { token })).status).toBe(401);
    t.clock.advance(10 * 60_000);
    expect((await t.request('GET', LIST, { token })).status).toBe(200);
    expect((await t.request('GET', LIST, { token })).status).toBe(200);
    t.clock.advance(10 * 60_000);
    expect((await t.request('GET', LIST, { token })).status).toBe(401);
  });

  it('refuses alg none, another algorithm, another key, issuer or audience, and a missing exp', async () => {
    const t = await createTestApp();
    const none = new UnsecuredJWT({ kind: 'user', tenants: ['acme'], roles: ['admin'] })
      .setSubject('usr_x')
      .setIssuer(TEST_JWT.issuer)
      .setAudience(TEST_JWT.audience)
      .setExpirationTime('1h')
      .encode();
    const bad = [
      none,
      await craft({}, { alg: 'HS512', key: new Uint8Array(64).fill(7) }),
      await craft({}, { key: new TextEncoder().encode('another-secret-another-secret-another') }),
      await craft({}, { issuer: 'someone-else' }),
      await craft({}, { audience: 'another-api' }),
      await craft({}, { exp: 0 }),
    ];
    for (const token of bad) {
      const res = await t.request('GET', LIST, { token });
      expect(res.status, token).toBe(401);
    }
  });

  it('refuses tokens whose claims are not ours (unknown role, no tenant)', async () => {
    const t = await createTestApp();
    expect((await t.request('GET', LIST, { token: await craft({ roles: ['god'] }) })).status).toBe(401);
    expect((await t.request('GET', LIST, { token: await craft({ tenants: [] }) })).status).toBe(401);
  });

  it('accepts a well-formed token', async () => {
    const t = await createTestApp();
    expect((await t.request('GET', LIST, { token: await craft({}) })).status).toBe(200);
  });
});

describe('roles', () => {
  it('answers 403 when the role lacks the right, and lets it read', async () => {
    const t = await createTestApp();
    const picker = await t.token({ roles: ['picker'] });
    const create = await t.request('POST', LIST, {
      token: picker,
      body: { order_id: 'o1', lines: [{ order_line_id: 'l1', sku: 'A', quantity: 1 }] },
    });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('forbidden');
    expect((await t.request('GET', LIST, { token: picker })).status).toBe(200);
  });
});

describe('tenancy', () => {
  const body = { order_id: 'o1', lines: [{ order_line_id: 'l1', sku: 'A', quantity: 1 }] };

  it("hides another tenant's records: 404 as if they did not exist", async () => {
    const t = await createTestApp();
    const created = await t.request('POST', LIST, { body });
    const id = created.body.fulfillment_id;
    const globex = await t.token({ tenants: ['globex'] });
    expect((await t.request('GET', `${LIST}/${id}`, { token: globex })).status).toBe(404);
    expect((await t.request('POST', `${LIST}/${id}/cancel`, { token: globex })).status).toBe(404);
    expect((await t.request('GET', LIST, { token: globex })).body.data).toEqual([]);
    expect((await t.request('GET', `${LIST}/${id}`)).status).toBe(200);
  });

  it('serves every route tenant-scoped as /v1/{tenantId}/fulfillment', async () => {
    const t = await createTestApp();
    const created = await t.request('POST', '/v1/acme/fulfillment/fulfillments', { body });
    expect(created.status).toBe(201);
    const got = await t.request('GET', `/v1/acme/fulfillment/fulfillments/${created.body.fulfillment_id}`);
    expect(got.status).toBe(200);
  });

  it('lets the path or X-Tenant-ID narrow a multi-tenant token, never widen it', async () => {
    const t = await createTestApp();
    const both = await t.token({ tenants: ['acme', 'globex'] });
    const acmeOnly = await t.token({ tenants: ['acme'] });
    expect((await t.request('GET', LIST, { token: both })).body.code).toBe('tenant_required');
    expect((await t.request('GET', LIST, { token: both, headers: { 'X-Tenant-ID': 'globex' } })).status).toBe(200);
    expect((await t.request('GET', '/v1/globex/fulfillment/fulfillments', { token: both })).status).toBe(200);
    expect((await t.request('GET', '/v1/globex/fulfillment/fulfillments', { token: acmeOnly })).status).toBe(403);
    expect((await t.request('GET', LIST, { token: acmeOnly, headers: { 'X-Tenant-ID': 'globex' } })).status).toBe(403);
    const mismatch = await t.request('GET', '/v1/acme/fulfillment/fulfillments', {
      token: both,
      headers: { 'X-Tenant-ID': 'globex' },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.code).toBe('tenant_mismatch');
  });

  it('keeps the data of two tenants apart when the same token narrows to each', async () => {
    const t = await createTestApp();
    const both = await t.token({ tenants: ['acme', 'globex'] });
    await t.request('POST', '/v1/globex/fulfillment/fulfillments', { token: both, body });
    const acme = await t.request('GET', '/v1/acme/fulfillment/fulfillments', { token: both });
    const globex = await t.request('GET', '/v1/globex/fulfillment/fulfillments', { token: both });
    expect(acme.body.data).toHaveLength(0);
    expect(globex.body.data).toHaveLength(1);
  });
});
