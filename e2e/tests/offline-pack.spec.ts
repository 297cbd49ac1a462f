import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { FulfillmentApi } from '../fixtures/fulfillment-api.ts';
import { setUpHandheld, signInAsPacker, statusBar, wedgeScan } from '../fixtures/scanner-app.ts';
import { expect, test } from '../fixtures/server.ts';
import { waitForServiceWorkerControl } from '../fixtures/service-worker.ts';

test.use({ seedDemo: true });

const PICKER_BADGE = 'BADGE-1001';
/** Cleo Packer of the demo: the packer role only, so the app opens at the pack station. */
const PACKER_BADGE = 'BADGE-2001';
const STATION_CODE = 'PACK-1';

const shipTo = (name: string) => ({
  name,
  line1: '12 St James Square',
  city: 'London',
  postal_code: 'SW1Y 4JH',
  country: 'GB',
});
/** What cartonization needs of each unit, as the order system sends it on the line. */
const MUG = { dims_mm: { l: 120, w: 90, h: 90 }, weight_g: 350 };
const CAP = { dims_mm: { l: 250, w: 200, h: 100 }, weight_g: 120 };
const TSHIRT = { dims_mm: { l: 300, w: 250, h: 30 }, weight_g: 200 };

/**
 * Two orders of the demo's London stock with a delivery address, allocated, picked in full and
 * completed through the API (what pickers and a supervisor did before the packer's shift), and a
 * box size to suggest.
 */
async function pickedOrders(api: FulfillmentApi) {
  const warehouseId = await api.warehouseId('LON1');
  const a = await api.createFulfillment({
    order_id: 'ord_pack_a',
    warehouse_id: warehouseId,
    ship_to: shipTo('Ada Lovelace'),
    lines: [
      { order_line_id: 'a-1', sku: 'SKU-MUG', quantity: 2, attributes: MUG },
      { order_line_id: 'a-2', sku: 'SKU-CAP', quantity: 1, attributes: CAP },
    ],
  });
  const b = await api.createFulfillment({
    order_id: 'ord_pack_b',
    warehouse_id: warehouseId,
    ship_to: shipTo('Alan Turing'),
    lines: [{ order_line_id: 'b-1', sku: 'SKU-TSHIRT-M', quantity: 1, attributes: TSHIRT }],
  });
  const picklist = await api.assignPicklist(warehouseId, [a.id, b.id], PICKER_BADGE);
  await api.pickInFull(picklist.picklist_id);
  await api.call('POST', '/packaging-profiles', {
    code: 'BOX-M',
    name: 'Medium box',
    type: 'box',
    inner_mm: { l: 400, w: 300, h: 200 },
    outer_mm: { l: 410, w: 310, h: 210 },
    tare_g: 200,
    max_weight_g: 15000,
  });
  return { a, b };
}

async function expectRefused(page: Page, code: string, title: string): Promise<void> {
  const notice = page.getByTestId('pack-notice');
  await expect(notice).toHaveAttribute('data-verdict', 'rejected');
  await expect(notice).toHaveAttribute('data-code', code);
  await expect(notice).toContainText(title);
  await notice.getByRole('button', { name: 'OK' }).click();
}

async function scanItems(page: Page, skus: string[]): Promise<void> {
  for (const sku of skus) {
    await wedgeScan(page, sku);
    await expect(page.getByTestId('pack-notice')).toHaveAttribute('data-verdict', 'accepted');
    await expect(page.getByTestId('pack-notice')).toContainText(sku);
  }
}

const line = (page: Page, sku: string): Locator => page.locator(`[data-testid="pack-line"][data-sku="${sku}"]`);
const packageOf = (page: Page, fulfillmentId: string): Locator =>
  page.locator(`[data-testid="pack-package"][data-fulfillment-ids="${fulfillmentId}"]`);

test('a packer verifies and seals two packages offline; once synced, both labels are there', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(180_000);
  const api = new FulfillmentApi(server.baseURL, server.token({ role: 'admin' }));
  const { a, b } = await pickedOrders(api);
  const bar = statusBar(page);

  await test.step('sign in at the pack station while online: the waiting orders are fetched', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await setUpHandheld(page, { deviceId: 'e2e-pack-1', setupToken: server.token({ role: 'supervisor' }) });
    await signInAsPacker(page, PACKER_BADGE);
    await expect(page.getByTestId('pack-station')).toContainText(STATION_CODE);
    await wedgeScan(page, STATION_CODE);
    await expect(page.getByTestId('pack-station-name')).toContainText(STATION_CODE);
    await expect(page.locator(`[data-fulfillment-id="${a.id}"]`)).toContainText('3 items to pack');
    await expect(page.locator(`[data-fulfillment-id="${b.id}"]`)).toContainText('1 item to pack');
    // The session is opened on the server through the outbox like any other work.
    await expect(bar.pending).toHaveText('0', { timeout: 20_000 });
  });

  await test.step('no network and no server', async () => {
    await context.setOffline(true);
    await server.stop();
    await expect(bar.connection).toHaveAttribute('data-status', 'offline');
  });

  await test.step('order A: verify each unit; a wrong item and an extra unit are refused', async () => {
    await wedgeScan(page, a.id);
    await expect(page.getByTestId('pack-verify-step')).toHaveAttribute('data-order-id', 'ord_pack_a');
    await expect(line(page, 'SKU-MUG')).toContainText('0 of 2 scanned');
    await scanItems(page, ['SKU-MUG', 'SKU-CAP']);
    await wedgeScan(page, 'SKU-TSHIRT-M');
    await expectRefused(page, 'not_picked', 'Wrong item — SKU-TSHIRT-M is not in this order');
    await scanItems(page, ['SKU-MUG']);
    await expect(line(page, 'SKU-MUG')).toContainText('2 of 2 scanned');
    // One unit more than was picked.
    await wedgeScan(page, 'SKU-MUG');
    await expectRefused(page, 'over_packed', 'Extra unit — only 2 × SKU-MUG were picked');
    await expect(line(page, 'SKU-MUG')).toHaveAttribute('data-scanned', '2');

    await page.getByTestId('pack-items-done').click();
    await expect(page.getByTestId('box-suggestion')).toContainText('Use BOX-M');
    // The scale types the weight on the wedge.
    await wedgeScan(page, '1040');
    await expect(page.getByTestId('pack-weight')).toHaveValue('1040');
    await page.getByTestId('pack-seal').click();
    await expect(packageOf(page, a.id)).toHaveAttribute('data-status', 'queued');
  });

  await test.step('order B, found by its order number: the weight typed by hand', async () => {
    await wedgeScan(page, 'ord_pack_b');
    await scanItems(page, ['SKU-TSHIRT-M']);
    await page.getByTestId('pack-items-done').click();
    await page.getByTestId('pack-weight').fill('260');
    await page.getByTestId('pack-seal').click();
    await expect(packageOf(page, b.id)).toHaveAttribute('data-status', 'queued');
    await expect(page.getByTestId('pack-queue-empty')).toBeVisible();
    await expect(bar.pending).toHaveText('2');
  });

  await test.step('a reload while offline opens the bench with its packages and queue intact', async () => {
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByTestId('pack-station-name')).toContainText(STATION_CODE);
    await expect(bar.pending).toHaveText('2');
    for (const id of [a.id, b.id]) await expect(packageOf(page, id)).toHaveAttribute('data-status', 'queued');
    await expect(page.getByTestId('pack-queue-empty')).toBeVisible();
  });

  await test.step('back online: both packages sync and their labels appear', async () => {
    await server.start();
    await context.setOffline(false);
    await expect(bar.pending).toHaveText('0', { timeout: 30_000 });
    await expect(bar.bar).toHaveAttribute('data-rejected', '0');
    for (const id of [a.id, b.id]) {
      await expect(packageOf(page, id)).toHaveAttribute('data-status', 'label_ready', { timeout: 60_000 });
    }
  });

  await test.step('each label: the PDF in the page to print, and the ZPL for a thermal printer', async () => {
    // The link downloads the file. (Chromium holds back a second automatic download from one page
    // until the user allows it, so the other link is fetched below rather than clicked.)
    const download = page.waitForEvent('download');
    await packageOf(page, a.id).getByTestId('download-zpl').click();
    expect(readFileSync((await (await download).path())!, 'utf8')).toContain('^XA');

    for (const id of [a.id, b.id]) {
      const pkg = packageOf(page, id);
      const packageId = await pkg.getAttribute('data-package-id');
      expect(packageId).toMatch(/^pkg_/);
      await expect(pkg.getByTestId('print-label')).toBeVisible();
      const pdf = await page.request.get((await pkg.getByTestId('label-frame').getAttribute('src'))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toContain('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      const zpl = await page.request.get((await pkg.getByTestId('download-zpl').getAttribute('href'))!);
      expect(zpl.status()).toBe(200);
      expect(await zpl.text()).toContain('^XA');

      // On the server, the package is sealed in the shipment this label belongs to.
      const { data } = await api.call<{ data: { packages: { package_id: string }[] }[] }>(
        'GET',
        `/shipments?package_id=${packageId}`,
      );
      expect(data[0]!.packages.map((p) => p.package_id)).toContain(packageId);
    }
  });
});
