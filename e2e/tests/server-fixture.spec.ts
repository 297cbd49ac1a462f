import { expect, test } from '../fixtures/server.ts';

// Later specs kill and restart the server mid-test; this keeps that ability honest.
test('the server fixture can crash the server and start it again on the same address', async ({ request, server }) => {
  expect((await request.get('/health')).status()).toBe(200);

  await server.stop({ signal: 'SIGKILL' });
  expect(server.running).toBe(false);
  await expect(request.get('/health', { timeout: 2_000 })).rejects.toThrow();

  await server.start();
  expect(server.running).toBe(true);
  const health = await request.get('/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: expect.stringMatching(/^(ok|degraded)$/) });

  await server.stop();
  expect(server.running).toBe(false);
  await server.start();
  expect((await request.get('/')).status()).toBe(200);
});
