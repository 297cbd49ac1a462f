import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { eventOutbox } from '../../db/schema/platform.ts';
import { verifySignature } from '../../platform/signatures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createWebhookDispatcher } from './webhook-dispatcher.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './webhook-deliveries.ts';
import { receiversClosedAfterEach } from './webhook-test-fixtures.ts';

const BASE = '/v1/fulfillment';
const receiver = receiversClosedAfterEach();
const dispatcherOf = (t: TestApp) =>
  createWebhookDispatcher({ ...t.deps, logger: pino({ level: 'silent' }), pollMs: 5, timeoutMs: 2000 });
const subscribe = async (t: TestApp, url: string, events: string[], token?: string) => {
  const res = await t.request('POST', `${BASE}/webhooks`, { body: { url, events }, ...(token ? { token } : {}) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; secret: string };
};
/** Something that publishes `routing_rule.created`. */
const makeRule = async (t: TestApp, token?: string) => {
  const res = await t.request('POST', `${BASE}/routing-rules`, {
    body: { name: 'All', priority: 1, carrier: 'sandbox', service_code: 'standard' },
    ...(token ? { token } : {}),
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
};
/** The first webhook's delivery log (with a token of now: the tests move the clock by hours). */
const deliveriesOf = async (t: TestApp) =>
  (await t.request('GET', `${BASE}/webhooks`, { token: await t.token() })).body.data[0].recent_deliveries as {
    event_type: string;
    status: string;
    attempts: number;
    next_attempt_at: string | null;
    last_status_code: number | null;
  }[];

describe('webhook delivery', () => {
  it('delivers each new event once, signed, to the webhooks of its tenant that take it', async () => {
    const t = await createTestApp();
    const globex = await t.token({ tenants: ['globex'] });
    await makeRule(t); // before any webhook: not delivered
    t.clock.advance(1000);
    const rules = await receiver();
    const shipments = await receiver();
    const theirs = await receiver();
    const hook = await subscribe(t, rules.url, ['routing_rule.*']);
    await subscribe(t, shipments.url, ['shipment.shipped']);
    await subscribe(t, theirs.url, ['routing_rule.created'], globex);
    t.clock.advance(1000);
    const ruleId = await makeRule(t);

    const dispatcher = dispatcherOf(t);
    expect(await dispatcher.runOnce()).toMatchObject({ attempts: 1 });
    expect(await dispatcher.runOnce()).toEqual({ events: 0, attempts: 0 });
    expect(shipments.received).toEqual([]);
    expect(theirs.received).toEqual([]);
    expect(rules.received).toHaveLength(1);
    const [got] = rules.received;
    const body = JSON.parse(got!.body);
    expect(body).toMatchObject({
      id: expect.stringMatching(/^evt_/),
      type: 'routing_rule.created',
      tenant_id: 'acme',
      data: { routing_rule_id: ruleId, carrier: 'sandbox' },
    });
    expect(got!.headers['fulfillment-event-id']).toBe(body.id);
    expect(got!.headers['fulfillment-event-type']).toBe('routing_rule.created');
    expect(
      verifySignature(hook.secret, got!.headers['fulfillment-signature'] as string, got!.body, t.clock.now()).ok,
    ).toBe(true);
    // Every event of the outbox was handed out, taken or not.
    expect(
      t.db
        .select()
        .from(eventOutbox)
        .all()
        .every((e) => e.publishedAt !== null),
    ).toBe(true);
    expect(await deliveriesOf(t)).toMatchObject([
      { event_type: 'routing_rule.created', status: 'delivered', attempts: 1 },
    ]);
  });

  it('retries a failed delivery with exponential backoff, the same event each time, until it is taken', async () => {
    const t = await createTestApp();
    const r = await receiver([500, 503, 200]);
    await subscribe(t, r.url, ['routing_rule.created']);
    await makeRule(t);
    const dispatcher = dispatcherOf(t);
    await dispatcher.runOnce();
    expect(await deliveriesOf(t)).toMatchObject([{ status: 'pending', attempts: 1, last_status_code: 500 }]);
    expect((await deliveriesOf(t))[0]!.next_attempt_at).toBe(new Date(t.clock.now().getTime() + 30_000).toISOString());
    t.clock.advance(29_000);
    expect(await dispatcher.runOnce()).toEqual({ events: 0, attempts: 0 });
    t.clock.advance(1000);
    await dispatcher.runOnce();
    expect(await deliveriesOf(t)).toMatchObject([{ status: 'pending', attempts: 2, last_status_code: 503 }]);
    t.clock.advance(retryDelayMs(2));
    await dispatcher.runOnce();
    expect(await deliveriesOf(t)).toMatchObject([{ status: 'delivered', attempts: 3, last_status_code: 200 }]);
    expect(r.received.map((x) => x.headers['fulfillment-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(r.received.map((x) => x.headers['fulfillment-event-id'])).size).toBe(1);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const t = await createTestApp();
    const r = await receiver([500]);
    await subscribe(t, r.url, ['routing_rule.created']);
    await makeRule(t);
    const dispatcher = dispatcherOf(t);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS + 2; attempt++) {
      await dispatcher.runOnce();
      t.clock.advance(retryDelayMs(attempt));
    }
    expect(r.received).toHaveLength(MAX_ATTEMPTS);
    expect(await deliveriesOf(t)).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null }]);
  });

  it('sends nothing more to a deleted webhook', async () => {
    const t = await createTestApp();
    const r = await receiver([500]);
    const hook = await subscribe(t, r.url, ['routing_rule.created']);
    await makeRule(t);
    const dispatcher = dispatcherOf(t);
    await dispatcher.runOnce();
    await makeRule(t);
    expect((await t.request('DELETE', `${BASE}/webhooks/${hook.id}`)).status).toBe(204);
    t.clock.advance(retryDelayMs(1));
    await dispatcher.runOnce();
    expect(r.received).toHaveLength(1);
  });

  it('runs by itself once started, and stops', async () => {
    const t = await createTestApp();
    const r = await receiver();
    await subscribe(t, r.url, ['*']);
    const dispatcher = dispatcherOf(t);
    dispatcher.start();
    await makeRule(t);
    const deadline = Date.now() + 5000;
    while (r.received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await dispatcher.stop();
    // Its own creation and the rule's.
    expect(r.received.map((x) => JSON.parse(x.body).type).sort()).toEqual(['routing_rule.created', 'webhook.created']);
  });
});
