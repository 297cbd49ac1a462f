// Writes the app's PNG icons and favicon.ico with nothing but Node's built-in zlib.
// Run: pnpm --filter @fulfillment/scanner-pwa icons  (the output in public/ is committed)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const BACKGROUND = [0x0b, 0x0f, 0x14, 255]; // matches theme_color
const ACCENT = [0xff, 0xd4, 0x00, 255]; // high-visibility yellow
const LASER = [0xff, 0x3b, 0x30, 255];
const TRANSPARENT = [0, 0, 0, 0];

// Bar widths (in modules) of a stylised barcode: bar, gap, bar, gap, ...
const BARS = [2, 1, 1, 1, 3, 1, 1, 2, 2, 1, 1, 1, 3, 2, 1, 1, 2, 1, 1];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, pixel) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The artwork: a yellow barcode crossed by a red scan line on the dark theme colour.
 * `artScale` is the share of the icon the barcode may span (maskable icons keep it inside
 * the central safe zone); `rounded` cuts transparent rounded corners for "any" icons.
 */
function icon(size, { artScale, rounded }) {
  const modules = BARS.reduce((a, b) => a + b, 0);
  const artWidth = size * artScale;
  const moduleWidth = artWidth / modules;
  const left = (size - artWidth) / 2;
  const top = size * (0.5 - artScale * 0.36);
  const bottom = size * (0.5 + artScale * 0.36);
  const laserHalf = Math.max(1, size * 0.02);
  const radius = rounded ? size * 0.18 : 0;

  const barAt = (x) => {
    let m = (x + 0.5 - left) / moduleWidth;
    if (m < 0 || m >= modules) return false;
    for (let i = 0; i < BARS.length; i++) {
      if (m < BARS[i]) return i % 2 === 0;
      m -= BARS[i];
    }
    return false;
  };

  const outsideCorner = (x, y) => {
    if (!radius) return false;
    const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
    const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
    return (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius ** 2;
  };

  return encodePng(size, (x, y) => {
    if (outsideCorner(x, y)) return TRANSPARENT;
    if (Math.abs(y + 0.5 - size / 2) <= laserHalf && x >= left - size * 0.04 && x < size - left + size * 0.04)
      return LASER;
    if (y >= top && y < bottom && barAt(x)) return ACCENT;
    return BACKGROUND;
  });
}

/** An .ico holding one PNG image (supported by every current browser). */
function ico(png, size) {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // image count
  header[6] = size >= 256 ? 0 : size;
  header[7] = size >= 256 ? 0 : size;
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // image offset
  return Buffer.concat([header, png]);
}

const outputs = {
  'icons/icon-192.png': icon(192, { artScale: 0.7, rounded: true }),
  'icons/icon-512.png': icon(512, { artScale: 0.7, rounded: true }),
  'icons/icon-maskable-512.png': icon(512, { artScale: 0.5, rounded: false }),
  'icons/apple-touch-icon-180.png': icon(180, { artScale: 0.62, rounded: false }),
  'favicon.ico': ico(icon(32, { artScale: 0.8, rounded: true }), 32),
};

for (const [name, data] of Object.entries(outputs)) {
  const file = join(publicDir, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`wrote public/${name} (${data.length} bytes)`);
}
