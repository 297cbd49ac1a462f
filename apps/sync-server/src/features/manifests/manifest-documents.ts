import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { foldText } from '../../adapters/carriers/sandbox/label-text.ts';

/** One row per shipment handed over: what the driver signs for. */
export type ManifestLine = {
  shipment_id: string;
  carrier_tracking_number: string;
  service: string;
  packages: number;
  weight_g: number;
  destination: string;
  reference: string;
};

export type ManifestHeader = {
  manifest_id: string;
  carrier: string;
  warehouse: string;
  dispatch_date: string;
  generated_at: string;
};

const csvField = (value: string | number) => {
  const text = String(value);
  // Spreadsheet formula injection: a leading = + - @ is neutralised, as OWASP recommends for CSV exports.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a header row, CRLF line ends. */
export function manifestCsv(header: ManifestHeader, lines: readonly ManifestLine[]): Uint8Array {
  const rows = [
    [
      'manifest_id',
      'carrier',
      'dispatch_date',
      'shipment_id',
      'tracking_number',
      'service',
      'packages',
      'weight_g',
      'destination',
      'reference',
    ],
    ...lines.map((l) => [
      header.manifest_id,
      header.carrier,
      header.dispatch_date,
      l.shipment_id,
      l.carrier_tracking_number,
      l.service,
      l.packages,
      l.weight_g,
      l.destination,
      l.reference,
    ]),
  ];
  return new TextEncoder().encode(rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n');
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 40;
const ROW = 16;
const COLUMNS: Array<{ title: string; x: number; get: (l: ManifestLine) => string }> = [
  { title: 'Tracking number', x: 0, get: (l) => l.carrier_tracking_number },
  { title: 'Shipment', x: 120, get: (l) => l.shipment_id },
  { title: 'Service', x: 300, get: (l) => l.service },
  { title: 'Pkgs', x: 360, get: (l) => String(l.packages) },
  { title: 'Weight g', x: 395, get: (l) => String(l.weight_g) },
  { title: 'Destination', x: 450, get: (l) => l.destination },
];

/**
 * The manifest as an A4 PDF: header, one line per shipment, totals and a signature box for the
 * driver. Deterministic (no clock read, no automatic metadata).
 */
export async function manifestPdf(header: ManifestHeader, lines: readonly ManifestLine[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Manifest ${header.manifest_id}`);
  doc.setSubject(`${header.carrier} collection from ${header.warehouse} on ${header.dispatch_date}`);
  doc.setCreator('fulfillment');
  doc.setProducer('pdf-lib');
  const at = new Date(header.generated_at);
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charset = new Set(font.getCharacterSet());
  const text = (s: string) => foldText(s, (c) => charset.has(c));

  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const line = (s: string, x: number, size = 9, f = font) =>
    page.drawText(text(s), { x: MARGIN + x, y, size, font: f, color: rgb(0, 0, 0) });
  const tableHeader = () => {
    for (const c of COLUMNS) line(c.title, c.x, 9, bold);
    y -= ROW;
  };

  line(`Carrier manifest ${header.manifest_id}`, 0, 16, bold);
  y -= 24;
  line(`Carrier: ${header.carrier}    Dispatch date: ${header.dispatch_date}`, 0, 10);
  y -= ROW;
  line(`From: ${header.warehouse}    Generated: ${header.generated_at}`, 0, 10);
  y -= ROW * 2;
  tableHeader();
  for (const l of lines) {
    if (y < MARGIN + ROW * 6) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
      tableHeader();
    }
    for (const c of COLUMNS) line(c.get(l).slice(0, 40), c.x);
    y -= ROW;
  }
  y -= ROW;
  const packages = lines.reduce((n, l) => n + l.packages, 0);
  const grams = lines.reduce((n, l) => n + l.weight_g, 0);
  line(`Shipments: ${lines.length}    Packages: ${packages}    Total weight: ${grams} g`, 0, 10, bold);
  y -= ROW * 3;
  line('Collected by (driver name and signature): ______________________________    Time: ________', 0, 10);
  return doc.save();
}
