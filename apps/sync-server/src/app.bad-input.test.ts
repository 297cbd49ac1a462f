import { SignJWT, UnsecuredJWT } from 'jose';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_JWT, type TestApp } from './testing/test-app.ts';
import { buildFixtures, notTenantScopedIds, sweepRoles, validBodies } from './testing/bad-input-fixtures.ts';

/**
 * Sends bad input to every route the OpenAPI document lists (so a new route is covered the day it is
 * built): malformed JSON, wrong types, unknown and server-owned fields, oversized strings and arrays,
 * bad tokens, and another tenant's ids. Each must answer its 4xx as problem+json and write nothing.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  parameters?: { name: string; in: string; schema?: { maximum?: number } }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
};
type Route = { method: string; path: string; op: Operation };

let t: TestApp;
let routes: Route[];
let components: Record<string, Schema>;
let params: Record<string, string>;

/** Routes without a bearer token; each has its own tests (the callback's signature is its auth). */
const PUBLIC = new Set([
  'GET /health',
  'GET /openapi.json',
  'POST /allocations/events',
  'POST /webhook/carrier',
  'GET /files/{key}',
]);

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0]);
  return schema;
}

function typeOf(schema: Schema | undefined): string | undefined {
  const s = resolve(schema);
  if (!s) return undefined;
  if (Array.isArray(s.type)) return s.type.find((x) => x !== 'null');
  if (s.type) return s.type;
  return s.anyOf?.map((x) => typeOf(x)).find(Boolean);
}

function url(route: Route, ids: Record<string, string> = params): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name];
    if (!id) throw new Error(`no fixture id for path parameter ${name} of ${route.method} ${route.path}`);
    return id;
  });
  return `/v1/fulfillment${path}`;
}

function snapshot(): string {
  const sqlite = t.db.$client;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  const hash = createHash('sha256');
  for (const { name } of tables)
    hash.update(name).update(JSON.stringify(sqlite.prepare(`select * from "${name}"`).all()));
  return hash.digest('hex');
}

/** The sweep's token for a route: admin, unless the route's guard needs another role to reach validation. */
async function tokenFor(route: Route): Promise<string | undefined> {
  const roles = sweepRoles[`${route.method} ${route.path}`];
  return roles ? t.token({ roles }) : undefined;
}

async function expectProblem(res: Awaited<ReturnType<TestApp['request']>>, status: number | number[], what: string) {
  const allowed = Array.isArray(status) ? status : [status];
  expect(allowed, `${what} answered ${res.status}: ${res.text.slice(0, 300)}`).toContain(res.status);
  expect(res.headers.get('content-type'), what).toContain('application/problem+json');
  expect(res.body?.code, what).toEqual(expect.any(String));
}

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.request('GET', '/v1/fulfillment/openapi.json', { token: null })).body;
  components = doc.components?.schemas ?? {};
  routes = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
      .map(([m, op]) => ({ method: m.toUpperCase(), path, op }))
      .filter((r) => !PUBLIC.has(`${r.method} ${r.path}`)),
  );
  params = await buildFixtures(t);
});

describe('bad input to every built route', () => {
  it('has a valid example body for every route that takes one', () => {
    const missing = routes.filter((r) => r.op.requestBody && !validBodies[`${r.method} ${r.path}`]);
    expect(missing.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('refuses missing, expired, alg-none, wrong-audience and foreign-key tokens with 401', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const claims = { kind: 'user', tenants: ['acme'], roles: ['admin'] };
    const sign = (aud: string, exp: number, secret = TEST_JWT.secret) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('usr_x')
        .setIssuer(TEST_JWT.issuer)
        .setAudience(aud)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(secret));
    const tokens: Record<string, string | null> = {
      missing: null,
      expired: await sign(TEST_JWT.audience, now - 10),
      'alg none': new UnsecuredJWT(claims)
        .setSubject('usr_x')
        .setIssuer(TEST_JWT.issuer)
        .setAudience(TEST_JWT.audience)
        .setExpirationTime(now + 600)
        .encode(),
      'wrong audience': await sign('someone-else', now + 600),
      'foreign key': await sign(TEST_JWT.audience, now + 600, 'x'.repeat(40)),
    };
    const before = snapshot();
    for (const route of routes) {
      for (const [name, token] of Object.entries(tokens)) {
        const body = validBodies[`${route.method} ${route.path}`];
        const res = await t.request(route.method, url(route), { token, ...(body ? { body } : {}) });
        await expectProblem(res, 401, `${route.method} ${route.path} with a ${name} token`);
      }
    }
    expect(snapshot()).toBe(before);
  });

  it("answers another tenant's ids with 404", async () => {
    const globex = await t.token({ tenants: ['globex'] });
    const before = snapshot();
    for (const route of routes.filter(
      (r) => r.path.includes('{') && !notTenantScopedIds.has(`${r.method} ${r.path}`),
    )) {
      const body = validBodies[`${route.method} ${route.path}`];
      const res = await t.request(route.method, url(route), { token: globex, ...(body ? { body } : {}) });
      await expectProblem(res, 404, `${route.method} ${route.path} from another tenant`);
    }
    expect(snapshot()).toBe(before);
  });

  it('refuses malformed JSON, unknown and server-owned fields, wrong types, oversized strings and arrays', async () => {
    const before = snapshot();
    for (const route of routes.filter((r) => r.op.requestBody)) {
      const name = `${route.method} ${route.path}`;
      const valid = validBodies[name]!;
      const schema = resolve(route.op.requestBody!.content['application/json'].schema)!;
      const token = await tokenFor(route);
      const send = (body: unknown) => t.request(route.method, url(route), { body, token });

      await expectProblem(
        await t.request(route.method, url(route), { rawBody: '{"broken": ', token }),
        400,
        `${name} malformed JSON`,
      );
      await expectProblem(
        await t.request(route.method, url(route), { rawBody: '[1,2,3]', token }),
        400,
        `${name} array body`,
      );
      await expectProblem(await send({ ...valid, surprise_field: 1 }), 400, `${name} unknown field`);
      for (const owned of ['id', 'status', 'tenant_id', 'created_at']) {
        await expectProblem(await send({ ...valid, [owned]: 'x' }), 400, `${name} server-owned ${owned}`);
      }
      for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
        const type = typeOf(fieldSchema);
        const wrong =
          type === 'string' ? 12345 : type === 'array' ? 'not-an-array' : type === 'object' ? 'text' : 'text';
        await expectProblem(await send({ ...valid, [field]: wrong }), 400, `${name} wrong type for ${field}`);
        if (type === 'string') {
          await expectProblem(
            await send({ ...valid, [field]: 'x'.repeat(100_001) }),
            400,
            `${name} oversized ${field}`,
          );
        }
        if (type === 'array') {
          const item = (valid[field] as unknown[] | undefined)?.[0] ?? 'x';
          await expectProblem(
            await send({ ...valid, [field]: Array(10_001).fill(item) }),
            [400, 413],
            `${name} oversized ${field}`,
          );
        }
        if (type === 'object') {
          const wide = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, 'v'.repeat(20)]));
          await expectProblem(await send({ ...valid, [field]: wide }), 400, `${name} oversized ${field}`);
        }
      }
    }
    expect(snapshot()).toBe(before);
  });

  it('refuses unknown and malformed query parameters', async () => {
    const before = snapshot();
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const name = `${route.method} ${route.path}`;
      const token = await tokenFor(route);
      const get = (query: string) => t.request('GET', `${url(route)}?${query}`, { token });
      await expectProblem(await get('surprise=1'), 400, `${name} unknown query parameter`);
      const query = (route.op.parameters ?? []).filter((p) => p.in === 'query');
      const limit = query.find((p) => p.name === 'limit');
      if (limit) {
        // One past the documented maximum (lists: 200; a route may document another).
        const max = limit.schema?.maximum ?? 200;
        for (const value of ['0', String(max + 1), 'abc', '-1']) {
          await expectProblem(await get(`limit=${value}`), 400, `${name} limit=${value}`);
        }
      }
      if (query.some((p) => p.name === 'cursor')) {
        await expectProblem(await get('cursor=forged'), 400, `${name} forged cursor`);
      }
    }
    expect(snapshot()).toBe(before);
  });
});
