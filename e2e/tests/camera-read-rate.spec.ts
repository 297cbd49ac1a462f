import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '../fixtures/server.ts';

/**
 * The app's own camera path (CameraView → ZXing with the app's hints) on the real photographs and
 * scans in ../shared/barcodes. getUserMedia is replaced by a canvas stream that shows one image at a
 * time, so the decoder sees frames exactly as from a camera. Reports the read rate per symbology.
 */
// shared/ sits beside the repository (as CI lays it out): e2e/tests → ../../../shared.
const CORPUS =
  process.env.BARCODE_CORPUS ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'barcodes');
const PER_IMAGE_MS = 2_500;

type Sample = { folder: string; file: string; expected: string };

/**
 * Reads compared as text: the app reports FNC1-first Code 128 as GS1 ("]C1" in front, on purpose,
 * so classifyScan knows it), and a textarea turns CRLF into LF.
 */
const normalise = (text: string) =>
  text
    .replace(/^\][A-Za-z][0-9A-Za-z]/, '')
    .replace(/\r\n/g, '\n')
    .trim();

function corpus(): Sample[] {
  const samples: Sample[] = [];
  let folders: string[];
  try {
    folders = readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
  for (const folder of folders.sort()) {
    for (const file of readdirSync(join(CORPUS, folder)).sort()) {
      if (!['.png', '.jpg', '.jpeg', '.gif'].includes(extname(file).toLowerCase())) continue;
      const text = join(CORPUS, folder, file.replace(/\.[^.]+$/, '.txt'));
      try {
        samples.push({ folder, file, expected: readFileSync(text, 'utf8') });
      } catch {
        // An image without its expected text cannot be scored.
      }
    }
  }
  return samples;
}

test('camera read rate on real barcode photos', async ({ page }, testInfo) => {
  const samples = corpus();
  test.skip(samples.length === 0, `no barcode corpus at ${CORPUS}`);
  test.setTimeout(60_000 + samples.length * (PER_IMAGE_MS + 1_500));

  await page.route('**/__corpus/**', async (route) => {
    const path = decodeURIComponent(new URL(route.request().url()).pathname.replace('/__corpus/', ''));
    await route.fulfill({
      body: readFileSync(join(CORPUS, path)),
      contentType: extname(path) === '.png' ? 'image/png' : 'image/jpeg',
    });
  });
  await page.addInitScript(() => {
    // A camera whose every frame is the photograph itself (the photo is what a camera saw), so the
    // decoder gets each image at its own resolution, as ZXing's own black-box tests feed it.
    navigator.mediaDevices.getUserMedia = async () => {
      const url = (window as unknown as { __corpusImage: string }).__corpusImage;
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const ctx = canvas.getContext('2d')!;
      const draw = () => ctx.drawImage(image, 0, 0);
      draw();
      // captureStream only sends a frame when the canvas is painted.
      setInterval(draw, 100);
      return canvas.captureStream(10);
    };
  });

  await page.goto('/');
  const code = page.getByLabel('Supervisor setup code');
  const results: { sample: Sample; read: string | null }[] = [];
  for (const sample of samples) {
    await code.fill('');
    await page.evaluate(
      (url) => ((window as unknown as { __corpusImage: string }).__corpusImage = url),
      `/__corpus/${sample.folder}/${sample.file}`,
    );
    await page.getByRole('button', { name: 'Camera' }).click();
    let read: string | null = null;
    try {
      await expect(code).not.toHaveValue('', { timeout: PER_IMAGE_MS });
      read = await code.inputValue();
    } catch {
      await page.getByRole('button', { name: 'Close camera' }).click();
    }
    await expect(page.getByTestId('camera-view')).toBeHidden();
    results.push({ sample, read });
  }

  const byFolder = new Map<string, { tried: number; correct: number; misread: number }>();
  for (const { sample, read } of results) {
    const row = byFolder.get(sample.folder) ?? { tried: 0, correct: 0, misread: 0 };
    row.tried++;
    if (read !== null && normalise(read) === normalise(sample.expected)) row.correct++;
    else if (read !== null) row.misread++;
    byFolder.set(sample.folder, row);
  }
  const report = [...byFolder].map(
    ([folder, r]) => `${folder}: ${r.correct}/${r.tried} read correctly, ${r.misread} misread`,
  );
  const correct = (r: (typeof results)[number]) =>
    r.read !== null && normalise(r.read) === normalise(r.sample.expected);
  const total = results.filter(correct).length;
  report.push(`total: ${total}/${results.length} (${Math.round((100 * total) / results.length)}%)`);
  await testInfo.attach('read-rate.txt', { body: report.join('\n'), contentType: 'text/plain' });
  console.log(report.join('\n'));
  const misses = results.filter((r) => r.read === null).map((r) => `${r.sample.folder}/${r.sample.file}`);
  if (misses.length) console.log(`not read: ${misses.join(', ')}`);
  const misreads = results.filter((r) => r.read !== null && !correct(r));
  for (const r of misreads) {
    console.log(
      `misread ${r.sample.folder}/${r.sample.file}: ${JSON.stringify(r.read)} ≠ ${JSON.stringify(r.sample.expected.trim())}`,
    );
  }
  // Floors below what this decoder reads today (Code 128 7/7, all 68/72): a drop is a regression.
  // Code 128 is what warehouse labels are printed in.
  const code128 = byFolder.get('code128-1');
  if (code128) expect(code128.correct / code128.tried).toBeGreaterThanOrEqual(0.85);
  expect(total / results.length).toBeGreaterThanOrEqual(0.85);
});
