import type { Page } from '@playwright/test';
import { FulfillmentApi, type PickTaskState } from '../fixtures/fulfillment-api.ts';
import { setUpHandheld, signInWithBadge, statusBar, wedgeScan } from '../fixtures/scanner-app.ts';
import { expect, test } from '../fixtures/server.ts';
import { waitForServiceWorkerControl } from '../fixtures/service-worker.ts';

test.use({ seedDemo: true });

const PICKER_BADGE = 'BADGE-1001';
/** A demo bin with stock but nothing on this picklist: scanning it is the wrong bin. */
const WRONG_BIN = 'LON1-B-01-01-1';

async function expectRejected(page: Page, code: string, title: string): Promise<void> {
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'rejected');
  await expect(verdict).toHaveAttribute('data-code', code);
  await expect(verdict).toContainText(title);
  await verdict.getByRole('button', { name: 'OK' }).click();
}

async function expectAccepted(page: Page, qty: number, sku: string): Promise<void> {
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'accepted');
  await expect(verdict).toContainText(`Picked ${qty} × ${sku}`);
}

/** At the item step with the quantity screen open: set it with the +/- buttons. */
async function setQty(page: Page, qty: number): Promise<void> {
  const value = page.getByTestId('qty-value');
  while (Number(await value.textContent()) < qty) await page.getByRole('button', { name: 'One more' }).click();
  await expect(value).toHaveText(String(qty));
}

/** Walks to the task's bin and scans its label; a second task at the same bin needs no new bin scan. */
async function scanBin(page: Page, task: PickTaskState, previous: PickTaskState | undefined): Promise<void> {
  if (previous?.location_id !== task.location_id) {
    await expect(page.getByTestId('location-code')).toHaveText(task.location_code);
    await wedgeScan(page, task.location_barcode);
  }
  await expect(page.getByTestId('step-item')).toHaveAttribute('data-sku', task.sku);
}

test('a whole picklist picked offline with a wedge scanner reaches the server exactly once', async ({
  page,
  context,
  server,
}) => {
  test.setTimeout(180_000);
  const api = new FulfillmentApi(server.baseURL, server.token({ role: 'admin' }));
  const assigned = await api.assignDemoPicklist('LON1', PICKER_BADGE);
  const tasks = [...assigned.tasks].sort((a, b) => a.sequence - b.sequence);
  // The demo wave: several bins, one task of one unit (for the over-pick) and one of several units.
  expect(tasks.length).toBeGreaterThanOrEqual(3);
  const single = tasks.find((t) => t.qty_required === 1);
  expect(single, 'a task of one unit').toBeDefined();
  const other = tasks.find((t) => t.sku !== tasks[0]!.sku)!;
  const bar = statusBar(page);

  await test.step('set up the handheld, sign in by badge scan, receive the picklist', async () => {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await setUpHandheld(page, { deviceId: 'e2e-scanner-1', setupToken: server.token({ role: 'supervisor' }) });
    await signInWithBadge(page, PICKER_BADGE);
    await expect(page.locator(`[data-picklist-id="${assigned.picklist_id}"]`)).toBeVisible({ timeout: 20_000 });
    await expect(bar.connection).toHaveAttribute('data-status', 'online');
  });

  await test.step('no network and no server', async () => {
    await context.setOffline(true);
    await server.stop();
    await expect(bar.connection).toHaveAttribute('data-status', 'offline');
  });

  const accepted: { sku: string; qty: number }[] = [];
  await test.step('pick every task offline, with a wrong bin, a wrong item and an over-pick on the way', async () => {
    await page.locator(`[data-picklist-id="${assigned.picklist_id}"]`).click();
    await page.getByTestId('start-picklist').click();

    const first = tasks[0]!;
    await expect(page.getByTestId('location-code')).toHaveText(first.location_code);
    await wedgeScan(page, WRONG_BIN);
    await expectRejected(page, 'wrong_location', `Wrong bin — go to ${first.location_code}`);

    let previous: PickTaskState | undefined;
    for (const task of tasks) {
      await scanBin(page, task, previous);
      previous = task;
      if (task === first) {
        await wedgeScan(page, other.sku);
        await expectRejected(page, 'wrong_item', `Wrong item — take ${task.sku}`);
        await expect(page.getByTestId('step-item')).toHaveAttribute('data-sku', task.sku);
      }
      if (task === single) {
        await wedgeScan(page, task.sku);
        await setQty(page, 2);
        await page.getByTestId('confirm-qty').click();
        await expectRejected(page, 'over_pick', 'Too many — only 1 needed');
      }
      // Several units: one scan per unit, as a picker does (each scan adds one on the quantity screen).
      for (let unit = 0; unit < task.qty_required; unit++) await wedgeScan(page, task.sku);
      await expect(page.getByTestId('qty-value')).toHaveText(String(task.qty_required));
      await page.getByTestId('confirm-qty').click();
      await expectAccepted(page, task.qty_required, task.sku);
      accepted.push({ sku: task.sku, qty: task.qty_required });
    }
    await page.getByTestId('complete-picklist').click();
    await expect(page.getByTestId('picklist-completed')).toBeVisible();
  });

  // start + one scan per task + complete; none of the refused scans.
  const queued = String(tasks.length + 2);
  await test.step('everything waits in the outbox', async () => {
    await expect(bar.pending).toHaveText(queued);
    await expect(bar.bar).toHaveAttribute('data-rejected', '0');
  });

  await test.step('a reload while offline opens the app with the queue intact', async () => {
    const response = await page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(page.getByRole('heading', { name: 'My picklists' })).toBeVisible();
    await expect(bar.connection).toHaveAttribute('data-status', 'offline');
    await expect(bar.pending).toHaveText(queued);
    await expect(page.locator(`[data-picklist-id="${assigned.picklist_id}"]`)).toContainText('Done');
  });

  await test.step('back online, the outbox drains', async () => {
    await server.start();
    await context.setOffline(false);
    await expect(bar.connection).toHaveAttribute('data-status', 'online');
    await expect(bar.pending).toHaveText('0', { timeout: 30_000 });
    await expect(bar.bar).toHaveAttribute('data-rejected', '0');
  });

  await test.step('the server has every accepted scan exactly once', async () => {
    const state = await api.picklistState(assigned.picklist_id);
    expect(state.status).toBe('completed');
    for (const task of state.tasks) {
      expect(task, task.sku).toMatchObject({ qty_picked: task.qty_required, status: 'picked' });
    }
    // Only accepted scans were sent, each judged once: one judged scan id per accepted scan.
    expect(state.judged_scan_ids).toHaveLength(accepted.length);
    const units = accepted.reduce((sum, a) => sum + a.qty, 0);
    const picklist = await api.picklist(assigned.picklist_id);
    expect(picklist.progress).toMatchObject({ units_picked: units, units_short: 0, units_open: 0 });
  });
});

test('a scan the server refuses after the fact stays visible until the picker has read it', async ({
  page,
  context,
  server,
}) => {
  const api = new FulfillmentApi(server.baseURL, server.token({ role: 'admin' }));
  const assigned = await api.assignDemoPicklist('LON1', PICKER_BADGE);
  const first = [...assigned.tasks].sort((a, b) => a.sequence - b.sequence)[0]!;
  const bar = statusBar(page);

  await page.goto('/');
  await setUpHandheld(page, { deviceId: 'e2e-scanner-2', setupToken: server.token({ role: 'supervisor' }) });
  await signInWithBadge(page, PICKER_BADGE);
  await page.locator(`[data-picklist-id="${assigned.picklist_id}"]`).click({ timeout: 20_000 });
  await page.getByTestId('start-picklist').click();
  // Online, the start goes straight out: wait until the server has it, not just an empty queue.
  await expect
    .poll(async () => (await api.picklistState(assigned.picklist_id)).status, { timeout: 20_000 })
    .toBe('in_progress');
  await expect(bar.pending).toHaveText('0');

  await context.setOffline(true);
  await scanBin(page, first, undefined);
  for (let unit = 0; unit < first.qty_required; unit++) await wedgeScan(page, first.sku);
  await page.getByTestId('confirm-qty').click();
  await expectAccepted(page, first.qty_required, first.sku);
  await expect(bar.pending).toHaveText('1');

  // Meanwhile a supervisor finds the bin empty and declares the task short on the back office.
  await api.call('POST', `/picklists/${assigned.picklist_id}/short`, {
    task_id: first.task_id,
    qty_short: first.qty_required,
    reason: 'bin empty (cycle count)',
  });

  await context.setOffline(false);
  await expect(bar.pending).toHaveText('0', { timeout: 30_000 });
  await expect(bar.bar).toHaveAttribute('data-rejected', '1');
  await bar.bar.click();
  const problem = page.getByTestId('rejection-list').getByRole('listitem');
  await expect(problem).toHaveAttribute('data-code', 'wrong_location');
  await expect(problem).toContainText('Wrong bin');
  await problem.getByRole('button', { name: 'Got it' }).click();
  await expect(bar.bar).toHaveAttribute('data-rejected', '0');

  const state = await api.picklistState(assigned.picklist_id);
  expect(state.tasks.find((t) => t.task_id === first.task_id)).toMatchObject({ qty_picked: 0, status: 'short' });
});
