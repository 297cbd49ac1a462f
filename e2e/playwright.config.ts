import { defineConfig } from '@playwright/test';
import { CAMERA_CLIP } from './fixtures/fake-camera.ts';

/** Debian's Chromium (apt-get install -y chromium); Playwright's own browser downloads are not used. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/artifacts',
  globalSetup: './fixtures/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    // A config outputFile would shadow PLAYWRIGHT_JSON_OUTPUT_NAME, which the root test script sets.
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/results.json' }],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    serviceWorkers: 'allow',
    // The handheld the scanner app is designed for.
    viewport: { width: 360, height: 640 },
    hasTouch: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: chromiumArgs },
  },
  projects: [
    { name: 'chromium', testIgnore: /camera\.spec\.ts$/ },
    {
      // Its own browser: a fake camera that plays a rendered Code 128 (fixtures/fake-camera.ts).
      name: 'camera',
      testMatch: /camera\.spec\.ts$/,
      use: {
        permissions: ['camera'],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            ...chromiumArgs,
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            `--use-file-for-fake-video-capture=${CAMERA_CLIP}`,
          ],
        },
      },
    },
  ],
});
