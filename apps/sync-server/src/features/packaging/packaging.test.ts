import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { timelineEvents } from '../../db/schema/platform.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const base = '/v1/fulfillment';

const profileBody = (overrides: Record<string, unknown> = {}) => ({
  code: 'BOX-M',
  type: 'box',
  inner_mm: { l: 300, w: 200, h: 150 },
  tare_g: 200,
  max_weight_g: 10_000,
  ...overrides,
});

type Options = { token?: string };

async function createProfile(t: TestApp, overrides: Record<string, unknown> = {}, o: Options = {}) {
  const res = await t.request('POST', `${base}/packaging-profiles`, { body: profileBody(overrides), ...o });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

const suggest = (t: TestApp, items: unknown[], o: Options = {}) =>
  t.request('POST', `${base}/packaging-profiles/suggest`, { body: { items }, ...o });

const item = (l: number, w: number, h: number, weight_g = 100, qty = 1, sku = 'SKU-1') => ({
  sku,
  qty,
  dims_mm: { l, w, h },
  weight_g,
});

describe('POST /packaging-profiles', () => {
  it('creates a profile with an ETag, a Location and a timeline entry', async () => {
    const t = await createTestApp();
    const res = await t.request('POST', `${base}/packaging-profiles`, {
      body: profileBody({ name: 'Medium', outer_mm: { l: 306, w: 206, h: 158 }, metadata: { supplier: 'x' } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^pp_[0-9A-Z]{26}$/);
    expect(res.headers.get('etag')).toBe('W/"1"');
    expect(res.headers.get('location')).toBe(`${base}/packaging-profiles/${res.body.id}`);
    expect(res.body).toMatchObject({
      code: 'BOX-M',
      name: 'Medium',
      type: 'box',
      inner_mm: { l: 300, w: 200, h: 150 },
      outer_mm: { l: 306, w: 206, h: 158 },
      tare_g: 200,
      max_weight_g: 10_000,
      active: true,
      version: 1,
      metadata: { supplier: 'x' },
    });
    const timeline = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectId, res.body.id)).all();
    expect(timeline.map((e) => e.type)).toEqual(['packaging_profile.created']);
  });

  it("answers 409 to a code the tenant already uses, not to another tenant's", async () => {
    const t = await createTestApp();
    await createProfile(t);
    const dup = await t.request('POST', `${base}/packaging-profiles`, { body: profileBody({ type: 'bag' }) });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'packaging_profile_code_taken', errors: [{ path: 'code' }] });
    await createProfile(t, {}, { token: await t.token({ tenants: ['globex'] }) });
  });

  it.each([
    ['inner_mm.l', { inner_mm: { l: 0, w: 200, h: 150 } }],
    ['inner_mm.h', { inner_mm: { l: 300, w: 200, h: 1.5 } }],
    ['type', { type: 'crate' }],
    ['max_weight_g', { tare_g: 10_000 }],
    ['outer_mm.w', { outer_mm: { l: 300, w: 199, h: 150 } }],
    ['tare_g', { tare_g: -1 }],
    ['id', { id: 'pp_01JAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['code', { code: 'has space' }],
  ])('answers 400 naming %s', async (path, overrides) => {
    const t = await createTestApp();
    const res = await t.request('POST', `${base}/packaging-profiles`, { body: profileBody(overrides) });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('lets supervisors and admins create, not floor or integration roles', async () => {
    const t = await createTestApp();
    for (const role of ['picker', 'packer', 'qc_agent', 'integration'] as const) {
      const res = await t.request('POST', `${base}/packaging-profiles`, {
        body: profileBody(),
        token: await t.token({ roles: [role] }),
      });
      expect(res.status, role).toBe(403);
    }
    await createProfile(t, {}, { token: await t.token({ roles: ['supervisor'] }) });
  });
});

describe('GET /packaging-profiles', () => {
  it('pages oldest first, filters by active and type, and shows only the tenant’s own', async () => {
    const t = await createTestApp();
    await createProfile(t, { code: 'A' });
    await createProfile(t, { code: 'B', active: false });
    await createProfile(t, { code: 'C', type: 'envelope', inner_mm: { l: 350, w: 250, h: 10 } });
    await createProfile(t, { code: 'G' }, { token: await t.token({ tenants: ['globex'] }) });
    const picker = await t.token({ roles: ['picker'] });
    const first = await t.request('GET', `${base}/packaging-profiles?limit=2`, { token: picker });
    expect(first.status).toBe(200);
    expect(first.body.data.map((p: { code: string }) => p.code)).toEqual(['A', 'B']);
    const link = first.headers.get('link')!;
    const next = await t.request('GET', link.slice(1, link.indexOf('>')), { token: picker });
    expect(next.body).toMatchObject({ data: [{ code: 'C' }], next_cursor: null });

    const codes = async (query: string) =>
      (await t.request('GET', `${base}/packaging-profiles?${query}`)).body.data.map((p: { code: string }) => p.code);
    expect(await codes('active=true')).toEqual(['A', 'C']);
    expect(await codes('active=false')).toEqual(['B']);
    expect(await codes('type=envelope')).toEqual(['C']);
    const bad = await t.request('GET', `${base}/packaging-profiles?active=yes`);
    expect(bad.status).toBe(400);
  });
});

describe('PATCH /packaging-profiles/{profileId}', () => {
  it('changes the fields sent, merges metadata, bumps the version and records the change', async () => {
    const t = await createTestApp();
    const p = await createProfile(t, { outer_mm: { l: 310, w: 210, h: 160 }, metadata: { a: 1, b: 2 } });
    const res = await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, {
      body: { max_weight_g: 12_000, outer_mm: null, metadata: { a: null, c: 3 } },
      headers: { 'If-Match': 'W/"1"' },
      token: await t.token({ roles: ['supervisor'] }),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('W/"2"');
    expect(res.body).toMatchObject({
      max_weight_g: 12_000,
      outer_mm: null,
      tare_g: 200,
      version: 2,
      metadata: { b: 2, c: 3 },
    });
    const timeline = t.db.select().from(timelineEvents).where(eq(timelineEvents.subjectId, p.id)).all();
    expect(timeline.map((e) => e.type)).toEqual(['packaging_profile.created', 'packaging_profile.updated']);
    expect(Object.keys(timeline[1]!.data.changes as object).sort()).toEqual(['maxWeightG', 'metadata', 'outerMm']);

    const same = await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, { body: { max_weight_g: 12_000 } });
    expect(same.body.version).toBe(2);
  });

  it('answers 412 to a stale If-Match and 409 to a stale version', async () => {
    const t = await createTestApp();
    const p = await createProfile(t);
    await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, { body: { active: false } });
    const stale = await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, {
      body: { active: true },
      headers: { 'If-Match': 'W/"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('precondition_failed');
    const version = await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, {
      body: { active: true, version: 1 },
    });
    expect(version.status).toBe(409);
    expect(version.body.code).toBe('version_conflict');
  });

  it('answers 409 when the new code is taken and 422 when the merged profile breaks a rule', async () => {
    const t = await createTestApp();
    await createProfile(t, { code: 'S' });
    const p = await createProfile(t);
    const taken = await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, { body: { code: 'S' } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('packaging_profile_code_taken');
    const heavy = await t.request('PATCH', `${base}/packaging-profiles/${p.id}`, { body: { max_weight_g: 200 } });
    expect(heavy.status).toBe(422);
    expect(heavy.body).toMatchObject({ code: 'invalid_packaging_profile', errors: [{ path: 'max_weight_g' }] });
  });

  it('answers 400 to bad input, 403 to a floor role and 404 to another tenant', async () => {
    const t = await createTestApp();
    const p = await createProfile(t);
    const url = `${base}/packaging-profiles/${p.id}`;
    expect((await t.request('PATCH', url, { body: {} })).status).toBe(400);
    expect((await t.request('PATCH', url, { body: { tare_g: 'heavy' } })).status).toBe(400);
    expect((await t.request('PATCH', url, { body: { version: 1 } })).status).toBe(400);
    const packer = await t.token({ roles: ['packer'] });
    expect((await t.request('PATCH', url, { body: { active: false }, token: packer })).status).toBe(403);
    const globex = await t.token({ tenants: ['globex'] });
    const other = await t.request('PATCH', url, { body: { active: false }, token: globex });
    expect(other.status).toBe(404);
    const missing = await t.request('PATCH', `${base}/packaging-profiles/pp_01JAAAAAAAAAAAAAAAAAAAAAAA`, {
      body: { active: false },
    });
    expect(missing.status).toBe(404);
  });
});

describe('POST /packaging-profiles/suggest', () => {
  async function withBoxes(t: TestApp) {
    const small = await createProfile(t, { code: 'S', inner_mm: { l: 200, w: 150, h: 100 }, max_weight_g: 3_000 });
    const medium = await createProfile(t, { code: 'M' });
    await createProfile(t, { code: 'XL-OFF', inner_mm: { l: 1_000, w: 1_000, h: 1_000 }, active: false });
    // Another tenant's huge box is never considered.
    await createProfile(
      t,
      { code: 'HUGE', inner_mm: { l: 3_000, w: 3_000, h: 3_000 }, max_weight_g: 1_000_000 },
      { token: await t.token({ tenants: ['globex'] }) },
    );
    return { small, medium };
  }

  it('suggests the smallest active profile that fits, for any role', async () => {
    const t = await createTestApp();
    const { small, medium } = await withBoxes(t);
    const picker = await t.token({ roles: ['picker'] });
    const one = await suggest(t, [item(180, 90, 140, 500)], { token: picker });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({ fits: true, profile_id: small.id, code: 'S', fill_ratio: 0.756, total_weight_g: 700 });
    const heavier = await suggest(t, [item(100, 100, 50, 1_500, 2)]);
    expect(heavier.body).toMatchObject({ fits: true, profile_id: medium.id, total_weight_g: 3_200 });
  });

  it('answers 200 with fits false and the reason when nothing fits', async () => {
    const t = await createTestApp();
    expect((await suggest(t, [item(10, 10, 10)])).body).toMatchObject({ fits: false, reason: 'no_profiles' });
    await withBoxes(t);
    const cases: [unknown[], string][] = [
      [[item(900, 10, 10, 100, 1, 'POLE')], 'item_too_large'],
      [[item(100, 100, 100, 10, 8)], 'too_much_volume'],
      [[item(100, 100, 100, 9_900)], 'too_heavy'],
    ];
    for (const [items, reason] of cases) {
      const res = await suggest(t, items);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ fits: false, reason, detail: expect.any(String) });
    }
    expect((await suggest(t, cases[0]![0])).body.detail).toContain('POLE');
  });

  it('answers 400 to bad items and writes nothing', async () => {
    const t = await createTestApp();
    await withBoxes(t);
    const count = () => t.db.select().from(timelineEvents).all().length;
    const before = count();
    for (const items of [[], [item(0, 10, 10)], [{ ...item(10, 10, 10), qty: 0 }], [{ sku: 'A', qty: 1 }]]) {
      const res = await suggest(t, items);
      expect(res.status, JSON.stringify(items)).toBe(400);
    }
    expect((await suggest(t, [item(10, 10, 10)])).status).toBe(200);
    expect(count()).toBe(before);
  });
});
