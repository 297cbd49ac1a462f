// Wedge scan → verdict latency of the scanner PWA in real Chromium, against the built PWA and the
// real sync server (started as the e2e fixture starts it, with the demo data). See README.md.
//
//   npm run bench:pwa                                  # builds the PWA, then size + this
//   BENCH_PWA_SCANS=300 npm run bench:pwa              # more scans
//   BENCH_LATENCY_JSON=bench/results/pwa-scan-latency.json npm run bench:pwa
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type * as PlaywrightTest from '@playwright/test';
import type { Page } from '@playwright/test';
import playwrightConfig from '../e2e/playwright.config.ts';
import { FulfillmentApi } from '../e2e/fixtures/fulfillment-api.ts';
import { setUpHandheld, signInWithBadge } from '../e2e/fixtures/scanner-app.ts';
import { waitForServiceWorkerControl } from '../e2e/fixtures/service-worker.ts';
import { REPO_ROOT, SyncServer } from '../e2e/fixtures/sync-server.ts';

// @playwright/test is the e2e package's dependency: resolve it from there.
const { chromium } = createRequire(join(REPO_ROOT, 'e2e', 'package.json'))('@playwright/test') as typeof PlaywrightTest;

const SCANS = Number(process.env.BENCH_PWA_SCANS ?? 100);
const WARMUP = 10;
const PICKER_BADGE = 'BADGE-1001';
const KEY_DELAY_MS = 5;
/** A key nothing in the app handles (the wedge ignores named keys): the baseline's trigger. */
const BASELINE_KEY = 'F2';
const OUT = process.env.BENCH_LATENCY_JSON ?? join(REPO_ROOT, 'bench', 'results', 'pwa-scan-latency.json');

type Expect = { kind: 'qty'; qty: number } | { kind: 'rejected'; code: string };

/** Installs the baseline in the page: keydown of BASELINE_KEY → one text node changed → painted. */
async function installBaseline(page: Page): Promise<void> {
  await page.evaluate((key) => {
    const w = window as unknown as { __baseline: number[] };
    w.__baseline = [];
    const box = document.createElement('div');
    box.setAttribute('aria-hidden', 'true');
    box.style.cssText = 'position:fixed;left:0;bottom:0;font-size:10px;pointer-events:none';
    document.body.append(box);
    let n = 0;
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== key) return;
        const start = event.timeStamp;
        box.textContent = String(++n);
        // The same "after paint" as lib/scan-timing.ts: rAF, then a message handled after the paint.
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            channel.port1.close();
            w.__baseline.push(performance.now() - start);
          };
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  }, BASELINE_KEY);
}

/** One wedge scan, timed by the app's own marks (scan:enter at the Enter keydown, scan:verdict painted). */
async function timedScan(page: Page, code: string, expected: Expect): Promise<number> {
  await page.keyboard.type(code, { delay: KEY_DELAY_MS });
  await page.keyboard.press('Enter');
  const handle = await page.waitForFunction(
    (exp) => {
      const enter = performance.getEntriesByName('scan:enter')[0];
      const verdict = performance.getEntriesByName('scan:verdict')[0];
      if (!enter || !verdict) return null;
      if (exp.kind === 'qty') {
        if (document.querySelector('[data-testid="qty-value"]')?.textContent !== String(exp.qty)) return null;
      } else {
        const panel = document.querySelector('[data-testid="verdict"]');
        if (panel?.getAttribute('data-verdict') !== 'rejected' || panel.getAttribute('data-code') !== exp.code)
          return null;
      }
      return verdict.startTime - enter.startTime;
    },
    expected,
    { timeout: 10_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

async function baselineOnce(page: Page, count: number): Promise<number> {
  await page.keyboard.press(BASELINE_KEY);
  const handle = await page.waitForFunction(
    (n) => {
      const all = (window as unknown as { __baseline: number[] }).__baseline;
      return all.length >= n ? all[n - 1] : null;
    },
    count,
    { timeout: 10_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { n: sorted.length, p50: round(at(50)), p95: round(at(95)), max: round(sorted.at(-1)!) };
}

async function main(): Promise<void> {
  const server = await SyncServer.create({ seedDemo: true });
  await server.start();
  const launchOptions = playwrightConfig.use?.launchOptions;
  const browser = await chromium.launch({ ...launchOptions, headless: true });
  try {
    const api = new FulfillmentApi(server.baseURL, server.token({ role: 'admin' }));
    const assigned = await api.assignDemoPicklist('LON1', PICKER_BADGE);
    const tasks = [...assigned.tasks].sort((a, b) => a.sequence - b.sequence);
    const first = tasks[0]!;
    const wrong = tasks.find((t) => t.sku !== first.sku);
    if (!wrong) throw new Error('the demo picklist has a single SKU: no wrong item to scan');

    const context = await browser.newContext({
      baseURL: server.baseURL,
      viewport: playwrightConfig.use?.viewport ?? { width: 360, height: 640 },
      hasTouch: true,
      serviceWorkers: 'allow',
    });
    const page = await context.newPage();
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    await setUpHandheld(page, { deviceId: 'bench-scanner-1', setupToken: server.token({ role: 'supervisor' }) });
    await signInWithBadge(page, PICKER_BADGE);
    await page.locator(`[data-picklist-id="${assigned.picklist_id}"]`).click({ timeout: 20_000 });
    await page.getByTestId('start-picklist').click();
    await page.getByTestId('location-code').filter({ hasText: first.location_code }).waitFor();
    await page.keyboard.type(first.location_barcode, { delay: KEY_DELAY_MS });
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="step-item"][data-sku="${first.sku}"]`).waitFor();
    await installBaseline(page);

    // Item scans at the first bin, in a cycle that changes the screen every time and commits nothing:
    // the right item (quantity screen, 1), the right item again (2), a wrong item (rejected verdict).
    const cycle: [string, Expect][] = [
      [first.sku, { kind: 'qty', qty: 1 }],
      [first.sku, { kind: 'qty', qty: 2 }],
      [wrong.sku, { kind: 'rejected', code: 'wrong_item' }],
    ];
    const scans: number[] = [];
    const baseline: number[] = [];
    let baselines = 0;
    for (let i = 0; i < WARMUP + SCANS; i++) {
      const [code, expected] = cycle[i % cycle.length]!;
      const scan = await timedScan(page, code, expected);
      const base = await baselineOnce(page, ++baselines);
      if (i >= WARMUP) {
        scans.push(scan);
        baseline.push(base);
      }
    }
    await context.close();

    const scan = stats(scans);
    const base = stats(baseline);
    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const result = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      scans: SCANS,
      warmup: WARMUP,
      keyDelayMs: KEY_DELAY_MS,
      scanToVerdictMs: scan,
      baselineKeydownToPaintMs: base,
      ratio: { p50: ratio(scan.p50, base.p50), p95: ratio(scan.p95, base.p95), max: ratio(scan.max, base.max) },
      aimP95Ms: 50,
      meetsAim: scan.p95 < 50,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);

    console.log(`Wedge scan → verdict painted, ${SCANS} scans (+${WARMUP} warm-up), Chromium ${result.chromium}`);
    console.log('                                  p50       p95       max');
    const row = (label: string, s: ReturnType<typeof stats>) =>
      console.log(
        `${label.padEnd(30)} ${`${s.p50} ms`.padStart(8)}  ${`${s.p95} ms`.padStart(8)}  ${`${s.max} ms`.padStart(8)}`,
      );
    row('scan Enter → verdict', scan);
    row('baseline keydown → paint', base);
    console.log(
      `${'ratio'.padEnd(30)} ${String(result.ratio.p50).padStart(8)}  ${String(result.ratio.p95).padStart(8)}  ${String(result.ratio.max).padStart(8)}`,
    );
    console.log(`aim p95 < 50 ms: ${result.meetsAim ? 'met' : 'NOT met'}`);
    console.log(`wrote ${relative(REPO_ROOT, OUT)}`);
  } finally {
    await browser.close();
    await server.dispose();
  }
}

await main();
