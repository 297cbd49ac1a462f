import { CAMERA_CODE } from '../fixtures/fake-camera.ts';
import { setUpHandheld } from '../fixtures/scanner-app.ts';
import { expect, test } from '../fixtures/server.ts';

test.use({ seedDemo: true });

test('the camera reads a Code 128 badge and signs the picker in; ZXing loads only then', async ({ page, server }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });

  await page.goto('/');
  await setUpHandheld(page, { deviceId: 'e2e-camera-1', setupToken: server.token({ role: 'supervisor' }) });
  const before = new Set(scripts);
  expect(await page.evaluate(() => 'BarcodeDetector' in window), 'Linux Chromium has no BarcodeDetector').toBe(false);

  await page.getByTestId('sign-in').getByRole('button', { name: 'Camera' }).click();
  const camera = page.getByTestId('camera-view');
  await expect(camera).toBeVisible();
  await expect(page.getByRole('heading', { name: 'My picklists' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(`Signed in with ${CAMERA_CODE}`)).toBeVisible();
  await expect(camera).toBeHidden();

  // The camera's code (and ZXing with it) came in only when the camera opened.
  const loadedLater = scripts.filter((url) => !before.has(url));
  expect(loadedLater.length, 'scripts fetched on opening the camera').toBeGreaterThan(0);
});
