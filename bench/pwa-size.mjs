// The scanner PWA's JavaScript as a handheld downloads it: what index.html loads before the first
// render (entry, modulepreloads and their static imports) versus the chunks loaded later by dynamic
// import. Reads apps/scanner-pwa/dist (build it first: `npm run bench:pwa` does). Asserts that the
// ZXing camera decoder is only in lazy chunks. Writes bench/results/pwa-size.json (BENCH_SIZE_JSON).
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'apps', 'scanner-pwa', 'dist');
const out = process.env.BENCH_SIZE_JSON ?? join(root, 'bench', 'results', 'pwa-size.json');

/** Strings only @zxing/library or @zxing/browser carry (class names kept for their error types). */
const ZXING_MARKERS = ['MultiFormatReader', 'NotFoundException', 'ChecksumException'];
/** Strings that show zod is in a chunk. */
const ZOD_MARKERS = ['ZodError', '$ZodType'];

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const fromHtml = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
].map((src) => join(dist, src.replace(/^\//, '')));
if (fromHtml.length === 0) throw new Error('index.html loads no module script');

const read = (file) => readFileSync(file);
/** Static imports (`import ... from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy. */
function staticImports(file) {
  const code = read(file).toString('utf8');
  const found = [];
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    found.push(join(dirname(file), m[1]));
  }
  return found;
}

const initial = new Set();
const queue = [...fromHtml];
while (queue.length > 0) {
  const file = queue.shift();
  if (initial.has(file)) continue;
  initial.add(file);
  queue.push(...staticImports(file));
}

const assets = join(dist, 'assets');
const allJs = readdirSync(assets)
  .filter((name) => name.endsWith('.js'))
  .map((name) => join(assets, name));
const lazy = allJs.filter((file) => !initial.has(file));

function describe(file) {
  const bytes = read(file);
  const text = bytes.toString('utf8');
  return {
    file: relative(dist, file),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length,
    zxing: ZXING_MARKERS.some((marker) => text.includes(marker)),
    zod: ZOD_MARKERS.some((marker) => text.includes(marker)),
  };
}
const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);

const initialFiles = [...initial].map(describe);
const lazyFiles = lazy.map(describe);

const zxingInitial = initialFiles.filter((f) => f.zxing);
if (zxingInitial.length > 0) {
  throw new Error(`ZXing is in the initial bundle: ${zxingInitial.map((f) => f.file).join(', ')}`);
}
if (!lazyFiles.some((f) => f.zxing)) throw new Error('No lazy chunk holds ZXing: did the markers change?');

const result = {
  date: new Date().toISOString(),
  dist: relative(root, dist),
  initial: { raw: sum(initialFiles, 'raw'), gzip: sum(initialFiles, 'gzip'), files: initialFiles },
  lazy: { raw: sum(lazyFiles, 'raw'), gzip: sum(lazyFiles, 'gzip'), files: lazyFiles },
  zxingOnlyInLazyChunks: true,
  zodInInitialBundle: initialFiles.some((f) => f.zod),
};
result.initialShareGzip = Number((result.initial.gzip / (result.initial.gzip + result.lazy.gzip)).toFixed(3));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = [...initialFiles.map((f) => ['initial', f]), ...lazyFiles.map((f) => ['lazy', f])].map(
  ([kind, f]) =>
    `${kind.padEnd(8)} ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}${f.zxing ? '  ZXing' : ''}${f.zod ? '  zod' : ''}`,
);
console.log(`PWA JavaScript (${result.dist})`);
console.log(`${'kind'.padEnd(8)} ${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}`);
for (const row of rows) console.log(row);
console.log(`initial total: ${kb(result.initial.raw)} raw, ${kb(result.initial.gzip)} gzip`);
console.log(`lazy total:    ${kb(result.lazy.raw)} raw, ${kb(result.lazy.gzip)} gzip`);
console.log(`initial ÷ all (gzip): ${result.initialShareGzip}`);
console.log('ZXing only in lazy chunks: yes (asserted)');
console.log(`zod in the initial bundle: ${result.zodInInitialBundle ? 'yes' : 'no'}`);
console.log(`wrote ${relative(root, out)}`);
