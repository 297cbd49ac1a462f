import bwipjs from 'bwip-js/node';
import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { LabelBarcode, LabelLayout, LabelText } from './label-layout.ts';
import { foldText } from './label-text.ts';

/**
 * The labels as a PDF (pdf-lib), one 4 x 6 in page (288 x 432 pt) per label. Layout dots become
 * points at 72/203. Barcodes are PNGs rendered by bwip-js at one pixel per printer dot across
 * (X dimension = `module` pixels) and placed at exactly the width the layout gives them, so a
 * 203 dpi printer reproduces every bar without resampling. Text is Helvetica (a standard PDF font,
 * WinAnsi): characters outside it are folded (see label-text.ts).
 *
 * Deterministic: no clock is read (dates come from `now`) and pdf-lib's automatic metadata is off,
 * so the same labels give the same bytes.
 */

export const POINTS_PER_DOT = 72 / 203;
const RIGHT_MARGIN_DOTS = 24;

export type PdfMetadata = { title: string; subject: string; keywords: string[]; now: Date };

async function barcodePng(barcode: LabelBarcode): Promise<Uint8Array> {
  return bwipjs.toBuffer({
    bcid: barcode.symbology,
    text: barcode.bwipText,
    scaleX: barcode.module,
    scaleY: 1,
    height: 8,
    includetext: false,
    // Opaque: with a transparent background pdf-lib would add a soft mask, which old RIPs mishandle.
    backgroundcolor: 'FFFFFF',
    paddingwidth: 0,
    paddingheight: 0,
  });
}

function drawText(page: PDFPage, element: LabelText, font: PDFFont, charset: Set<number>): void {
  const text = foldText(element.text, (codePoint) => charset.has(codePoint));
  if (text === '') return;
  // Layout widths are estimates for any font; shrink the rare line Helvetica would push off the page.
  const available = page.getWidth() - (element.x + RIGHT_MARGIN_DOTS) * POINTS_PER_DOT;
  let size = element.size * POINTS_PER_DOT;
  const width = font.widthOfTextAtSize(text, size);
  if (width > available) size *= available / width;
  page.drawText(text, {
    x: element.x * POINTS_PER_DOT,
    y: page.getHeight() - (element.y + element.baseline) * POINTS_PER_DOT,
    size,
    font,
    color: rgb(0, 0, 0),
  });
}

export async function renderPdf(layouts: readonly LabelLayout[], metadata: PdfMetadata): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(metadata.title);
  doc.setSubject(metadata.subject);
  doc.setKeywords(metadata.keywords);
  doc.setCreator('fulfillment sandbox carrier');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(metadata.now);
  doc.setModificationDate(metadata.now);

  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const charsets = new Map<PDFFont, Set<number>>([
    [regular, new Set(regular.getCharacterSet())],
    [bold, new Set(bold.getCharacterSet())],
  ]);
  const images = new Map<string, PDFImage>();

  for (const layout of layouts) {
    const page = doc.addPage([layout.width * POINTS_PER_DOT, layout.height * POINTS_PER_DOT]);
    const top = page.getHeight();
    for (const element of layout.elements) {
      if (element.kind === 'box') {
        page.drawRectangle({
          x: element.x * POINTS_PER_DOT,
          y: top - (element.y + element.height) * POINTS_PER_DOT,
          width: element.width * POINTS_PER_DOT,
          height: element.height * POINTS_PER_DOT,
          color: rgb(0, 0, 0),
        });
      } else if (element.kind === 'text') {
        const font = element.bold ? bold : regular;
        drawText(page, element, font, charsets.get(font)!);
      } else {
        const key = `${element.symbology}:${element.bwipText}:${element.module}`;
        let image = images.get(key);
        if (!image) {
          image = await doc.embedPng(await barcodePng(element));
          images.set(key, image);
        }
        page.drawImage(image, {
          x: element.x * POINTS_PER_DOT,
          y: top - (element.y + element.height) * POINTS_PER_DOT,
          width: element.modules * element.module * POINTS_PER_DOT,
          height: element.height * POINTS_PER_DOT,
        });
      }
    }
  }
  // Classic cross-reference table, no object streams: the PDF 1.4 shape printer RIPs read too.
  return doc.save({ useObjectStreams: false });
}
