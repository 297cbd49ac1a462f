import { expect, test } from '../fixtures/server.ts';

// The device setup screen takes any scan as the setup code, which makes it a handy probe.
test('the keyboard wedge keeps GS separators and ignores a person typing', async ({ page }) => {
  await page.goto('/');
  const code = page.getByLabel('Supervisor setup code');
  await expect(code).toHaveValue('');

  await test.step('a person typing at human speed is not a scan', async () => {
    await page.keyboard.type('BADGE-1001', { delay: 120 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    await expect(code).toHaveValue('');
  });

  await test.step('FNC1 sent as Ctrl+] arrives as GS (0x1D) inside the scan', async () => {
    await page.keyboard.type('0109506000134352');
    await page.keyboard.press('Control+BracketRight');
    await page.keyboard.type('10ABC123');
    await page.keyboard.press('Enter');
    await expect(code).toHaveValue('0109506000134352\u001d10ABC123');
  });

  await test.step('the soft keyboard stays closed: the focused wedge input has inputmode="none"', async () => {
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return { testid: el?.dataset.testid, inputMode: el?.inputMode };
    });
    expect(focused).toEqual({ testid: 'wedge-input', inputMode: 'none' });
  });
});
