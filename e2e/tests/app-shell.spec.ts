import { expect, test } from '../fixtures/server.ts';
import { waitForServiceWorkerControl } from '../fixtures/service-worker.ts';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

test('the app shell loads, installs its service worker and reopens offline', async ({
  page,
  context,
  request,
  server,
}) => {
  // A handheld never set up opens on its setup screen.
  const heading = page.getByRole('heading', { level: 1, name: 'Set up this handheld' });
  const connection = page.getByTestId('connection-status');

  await test.step('the shell loads from the sync server', async () => {
    await page.goto('/');
    await expect(page).toHaveTitle('Fulfillment Scanner');
    await expect(heading).toBeVisible();
    await expect(connection).toHaveAttribute('data-status', 'online');
    await expect(connection).toContainText('Online');
  });

  await test.step('the web app manifest is linked and fetchable', async () => {
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    if (!href) throw new Error('index.html has no <link rel="manifest">');
    const response = await request.get(href);
    expect(response.status()).toBe(200);
    const manifest = (await response.json()) as { icons: ManifestIcon[] } & Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Fulfillment Scanner',
      short_name: 'Scanner',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'portrait',
    });
    const sizes = manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
    for (const icon of manifest.icons) {
      const iconResponse = await request.get(icon.src);
      expect(iconResponse.status(), icon.src).toBe(200);
      expect(iconResponse.headers()['content-type'], icon.src).toContain('image/png');
    }
  });

  await test.step('the service worker takes control of the page', async () => {
    await waitForServiceWorkerControl(page);
    const scriptURL = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(scriptURL).toBe(`${server.baseURL}/sw.js`);
  });

  await test.step('with no network and no server, a reload still shows the shell', async () => {
    await context.setOffline(true);
    await server.stop();
    expect(server.running).toBe(false);
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(heading).toBeVisible();
    await expect(connection).toHaveAttribute('data-status', 'offline');
    await expect(connection).toContainText('Offline');
  });
});

test('the service worker answers app routes but leaves API paths to the server', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);

  const deepLink = await page.goto('/picking/some-task');
  expect(deepLink?.fromServiceWorker(), 'app routes get the cached shell').toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Set up this handheld' })).toBeVisible();

  for (const path of ['/health', '/v1/whatever', '/docs']) {
    const response = await page.goto(path);
    expect(response?.fromServiceWorker(), `${path} must reach the network`).toBe(false);
  }
  const health = await page.goto('/health');
  expect(health?.status()).toBe(200);
  expect(health?.headers()['content-type']).toContain('application/json');
});
