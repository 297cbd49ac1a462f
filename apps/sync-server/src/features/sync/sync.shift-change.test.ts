import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pickScans } from '../../db/schema/picklists.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { worker } from '../picklists/picklist-test-fixtures.ts';
import { pickingHandheld, pickMutation, pickScan } from './sync-pick-fixtures.ts';
import { BASE, push } from './sync-test-fixtures.ts';

const HOUR = 3600_000;

/**
 * A shared handheld: picker A works offline, goes home, their key expires; picker B signs in on the
 * same handheld, which then sends A's queued picks with B's key, each naming A.
 */
describe('a shift change on a shared handheld', () => {
  it('applies the earlier worker’s queued picks as theirs, because they were signed in on it then', async () => {
    const t = await createTestApp();
    const { h, picklistId, bins, warehouseId } = await pickingHandheld(t, { mugs: 2, caps: 1 });
    const asA = (seq: number, name: string, args: Record<string, unknown>, createdAt?: string) => ({
      ...pickMutation(seq, name, args),
      worker_id: h.workerId,
      ...(createdAt ? { created_at: createdAt } : {}),
    });
    const mug = pickScan(bins['A-10-1-1']!, 'SKU-MUG');

    // The handheld keeps its own device key fresh; A's 8-hour worker key expires.
    const renewed = await t.request('POST', `${BASE}/keys`, {
      token: h.deviceKey,
      body: { kind: 'device', device_id: h.deviceId, ttl_seconds: 7 * 24 * 3600 },
    });
    expect(renewed.status, renewed.text).toBe(201);
    const b = await worker(t, warehouseId, 'SHIFT-B');
    t.clock.advance(9 * HOUR);
    const signedIn = await t.request('POST', `${BASE}/keys`, {
      token: renewed.body.token,
      body: { kind: 'worker', device_id: h.deviceId, badge_id: 'SHIFT-B' },
    });
    expect(signedIn.status, signedIn.text).toBe(201);
    const bToken = signedIn.body.token as string;
    expect((await push(t, h, [pickMutation(1, 'pick.start', { picklist_id: picklistId })])).status).toBe(401);

    // Without naming A, B's key could not pick on A's picklist.
    const unnamed = await push(t, h, [pickMutation(1, 'pick.start', { picklist_id: picklistId })], { token: bToken });
    expect(unnamed.body.results[0].status).toBe('rejected');

    const res = await push(
      t,
      h,
      [
        asA(2, 'pick.start', { picklist_id: picklistId }),
        asA(3, 'pick.scan', { picklist_id: picklistId, scans: [mug] }),
        // Made after A's key had expired: A was not signed in any more.
        asA(
          4,
          'pick.scan',
          { picklist_id: picklistId, scans: [pickScan(bins['A-10-1-1']!, 'SKU-MUG')] },
          new Date(t.clock.now().getTime() - HOUR).toISOString(),
        ),
        // Someone who never signed in on this handheld.
        { ...pickMutation(5, 'pick.start', { picklist_id: picklistId }), worker_id: b.id.replace(/.$/, 'Z') },
      ],
      { token: bToken },
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.results.map((r: { status: string; code?: string }) => [r.status, r.code ?? null])).toEqual([
      ['applied', null],
      ['applied', null],
      ['rejected', 'worker_not_signed_in'],
      ['rejected', 'worker_not_signed_in'],
    ]);
    expect(res.body.results[1].result.scans[0].status).toBe('accepted');
    const scans = t.db.select().from(pickScans).where(eq(pickScans.picklistId, picklistId)).all();
    expect(scans.map((s) => s.workerId)).toEqual([h.workerId]);
    const state = await t.request('GET', `${BASE}/picklists/${picklistId}`, { token: await t.token() });
    expect(state.body.status).toBe('in_progress');
  });
});
