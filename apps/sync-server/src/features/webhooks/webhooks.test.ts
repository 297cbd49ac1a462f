import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../platform/signatures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { deadUrl, receiversClosedAfterEach } from './webhook-test-fixtures.ts';

const HOOKS = '/v1/fulfillment/webhooks';
const receiver = receiversClosedAfterEach();
const subscribe = (t: TestApp, body: Record<string, unknown>, token?: string) =>
  t.request('POST', HOOKS, { body, ...(token ? { token } : {}) });

describe('webhooks', () => {
  it('subscribes a URL, shows its secret once, lists it without, and deletes it', async () => {
    const t = await createTestApp();
    const made = await subscribe(t, {
      url: 'https://erp.example.com/hooks',
      events: ['shipment.*', 'picklist.completed'],
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      url: 'https://erp.example.com/hooks',
      events: ['shipment.*', 'picklist.completed'],
      description: null,
      recent_deliveries: [],
      secret: expect.stringMatching(/^whsec_.{40,}/),
    });
    expect(made.headers.get('location')).toBe(`${HOOKS}/${made.body.id}`);
    const own = await subscribe(t, { url: 'http://127.0.0.1:9/x', events: ['*'], secret: 'my-own-secret-1234' });
    expect(own.body.secret).toBe('my-own-secret-1234');

    const list = await t.request('GET', HOOKS);
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([made.body.id, own.body.id]);
    expect(list.text).not.toContain('secret');

    expect((await t.request('DELETE', `${HOOKS}/${made.body.id}`)).status).toBe(204);
    expect((await t.request('DELETE', `${HOOKS}/${made.body.id}`)).status).toBe(404);
    expect((await t.request('GET', HOOKS)).body.data.map((w: { id: string }) => w.id)).toEqual([own.body.id]);
  });

  it.each([
    ['no URL', { events: ['*'] }, 'url'],
    ['a URL that is not http(s)', { url: 'ftp://example.com/x', events: ['*'] }, 'url'],
    ['a relative URL', { url: '/hooks', events: ['*'] }, 'url'],
    ['no events', { url: 'https://example.com', events: [] }, 'events'],
    ['an event pattern that is not one', { url: 'https://example.com', events: ['Shipment Shipped'] }, 'events[0]'],
    ['a short secret', { url: 'https://example.com', events: ['*'], secret: 'short' }, 'secret'],
    ['an unknown field', { url: 'https://example.com', events: ['*'], active: true }, ''],
  ])('refuses %s with 400 and creates nothing', async (_name, body, path) => {
    const t = await createTestApp();
    const res = await subscribe(t, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect((await t.request('GET', HOOKS)).body.data).toEqual([]);
  });

  it('is for admins and integrations, and per tenant', async () => {
    const t = await createTestApp();
    const made = await subscribe(t, { url: 'https://example.com/h', events: ['*'] });
    const supervisor = await t.token({ roles: ['supervisor'] });
    expect((await t.request('GET', HOOKS, { token: supervisor })).status).toBe(403);
    expect((await subscribe(t, { url: 'https://example.com/h', events: ['*'] }, supervisor)).status).toBe(403);
    const integration = await t.token({ roles: ['integration'] });
    expect((await t.request('GET', HOOKS, { token: integration })).body.data).toHaveLength(1);
    const other = await t.token({ tenants: ['globex'] });
    expect((await t.request('GET', HOOKS, { token: other })).body.data).toEqual([]);
    expect((await t.request('DELETE', `${HOOKS}/${made.body.id}`, { token: other })).status).toBe(404);
    const test = await t.request('POST', `${HOOKS}/test`, { token: other, body: { webhook_id: made.body.id } });
    expect(test.status).toBe(404);
  });

  it('sends a signed test event at once and logs it', async () => {
    const t = await createTestApp();
    const r = await receiver([204, 500]);
    const made = await subscribe(t, { url: r.url, events: ['shipment.shipped'] });
    const sent = await t.request('POST', `${HOOKS}/test`, { body: { webhook_id: made.body.id } });
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body).toMatchObject({ webhook_id: made.body.id, delivered: true, status_code: 204, error: null });
    const [got] = r.received;
    expect(JSON.parse(got!.body)).toEqual({
      id: sent.body.event_id,
      type: 'webhook.test',
      created_at: t.clock.now().toISOString(),
      tenant_id: 'acme',
      data: { webhook_id: made.body.id },
    });
    expect(got!.headers['fulfillment-event-id']).toBe(sent.body.event_id);
    expect(got!.headers['fulfillment-delivery-attempt']).toBe('1');
    const signature = got!.headers['fulfillment-signature'] as string;
    expect(verifySignature(made.body.secret, signature, got!.body, t.clock.now())).toMatchObject({ ok: true });
    expect(verifySignature('another-secret-entirely', signature, got!.body, t.clock.now()).ok).toBe(false);

    const failed = await t.request('POST', `${HOOKS}/test`, { body: { webhook_id: made.body.id } });
    expect(failed.body).toMatchObject({ delivered: false, status_code: 500, error: 'the receiver answered 500' });
    const logged = (await t.request('GET', HOOKS)).body.data[0].recent_deliveries;
    expect(logged.map((d: { event_type: string; status: string }) => [d.event_type, d.status])).toEqual([
      ['webhook.test', 'failed'],
      ['webhook.test', 'delivered'],
    ]);
  });

  it('answers a test to an unreachable receiver with the reason, and 404 for no such webhook', async () => {
    const t = await createTestApp();
    const made = await subscribe(t, { url: await deadUrl(), events: ['*'] });
    const sent = await t.request('POST', `${HOOKS}/test`, { body: { webhook_id: made.body.id } });
    expect(sent.body).toMatchObject({
      delivered: false,
      status_code: null,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    const missing = await t.request('POST', `${HOOKS}/test`, { body: { webhook_id: 'whk_nope' } });
    expect(missing.status).toBe(404);
  });

  it('shows each webhook its own ten latest deliveries', async () => {
    const t = await createTestApp();
    const r = await receiver();
    const a = await subscribe(t, { url: r.url, events: ['*'] });
    const b = await subscribe(t, { url: r.url, events: ['*'] });
    const sent: string[] = [];
    for (let i = 0; i < 12; i++)
      sent.push((await t.request('POST', `${HOOKS}/test`, { body: { webhook_id: a.body.id } })).body.event_id);
    const onB = (await t.request('POST', `${HOOKS}/test`, { body: { webhook_id: b.body.id } })).body.event_id;
    const [listedA, listedB] = (await t.request('GET', HOOKS)).body.data;
    expect(listedA.recent_deliveries.map((d: { event_id: string }) => d.event_id)).toEqual(sent.slice(2).reverse());
    expect(listedB.recent_deliveries.map((d: { event_id: string }) => d.event_id)).toEqual([onB]);
  });
});
