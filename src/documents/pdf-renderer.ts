import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { DocumentFigure, DocumentModel, DocumentSection, DocumentTable } from './document-model';
import { cleanText, columnWeights, pageLabel } from './document-text';

/**
 * The PDF embeds DejaVu Sans (src/documents/fonts, copied to dist by the build's --copy-files, so it
 * ships in the deploy package): pdfkit's built-in Helvetica only knows WinAnsi, which lacks the
 * ş, ğ, ı, ł, ő, ț of many residents' names. pdfkit embeds only the glyphs a document uses.
 * The fonts are parsed once per process and shared: parsing DejaVu's tables for every document
 * cost more than laying out the whole document. Each document still gets its own subset.
 */
const FONT_DIR = path.join(__dirname, 'fonts');
let fonts: { regular: fontkit.Font; bold: fontkit.Font } | undefined;
function loadFonts(): { regular: fontkit.Font; bold: fontkit.Font } {
  fonts ??= {
    regular: fontkit.create(readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf'))),
    bold: fontkit.create(readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf'))),
  };
  return fonts;
}

/** pdfkit takes an opened fontkit font wherever it takes a font file; its types only list the files. */
const asFontSource = (font: fontkit.Font) => font as unknown as PDFKit.Mixins.PDFFontSource;

/** 2 cm margins on A4; the bottom one leaves room for the footer line and the page number. */
const MARGIN = 56.7;
const BOTTOM = 76;
const COLOUR = { text: '#1a1a1a', heading: '#16365c', muted: '#4d4d4d', rule: '#8c8c8c', headerFill: '#e8edf3' };
const SIZE = { body: 10, title: 20, subtitle: 12.5, h1: 14, h2: 12, table: 9, footer: 8 };
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

interface Layout {
  doc: Doc;
  left: number;
  width: number;
}

function bottomLimit(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when less than `height` is left, so a heading never ends a page alone. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc) && doc.y > doc.page.margins.top + 1) doc.addPage();
}

/** Lines, fills and repeated table headers are decoration for a screen reader: artifacts, outside the tags. */
function artifact(doc: Doc, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Layout' });
  draw();
  doc.endMarkedContent();
}

function text(doc: Doc, value: string, x: number, options: PDFKit.Mixins.TextOptions & { font?: 'Body' | 'Bold'; size?: number; colour?: string; y?: number }): void {
  doc
    .font(options.font ?? 'Body')
    .fontSize(options.size ?? SIZE.body)
    .fillColor(options.colour ?? COLOUR.text);
  const { y, ...rest } = options;
  doc.text(cleanText(value), x, y ?? doc.y, { lineGap: 1.5, ...rest });
}

function heading(layout: Layout, parent: Struct, value: string, tag: 'H1' | 'H2' | 'H3', size: number): void {
  const { doc } = layout;
  doc.font('Bold').fontSize(size);
  const height = doc.heightOfString(cleanText(value), { width: layout.width });
  // Keep the heading with at least three lines of what follows it.
  ensureSpace(doc, height + 4 * SIZE.body * 1.4);
  doc.y += tag === 'H1' ? 0 : size * 0.6;
  parent.add(doc.struct(tag, {}, () => text(doc, value, layout.left, { font: 'Bold', size, colour: COLOUR.heading, width: layout.width })));
  doc.y += size * 0.35;
}

function paragraph(layout: Layout, parent: Struct, value: string): void {
  const { doc } = layout;
  ensureSpace(doc, SIZE.body * 1.5);
  parent.add(doc.struct('P', {}, () => text(doc, value, layout.left, { width: layout.width })));
  doc.y += SIZE.body * 0.5;
}

function bullets(layout: Layout, parent: Struct, items: readonly string[]): void {
  const { doc } = layout;
  const list = doc.struct('L');
  parent.add(list);
  const indent = 16;
  for (const value of items) {
    ensureSpace(doc, SIZE.body * 1.5);
    const item = doc.struct('LI');
    list.add(item);
    const top = doc.y;
    item.add(doc.struct('Lbl', {}, () => text(doc, '•', layout.left + 4, { y: top, width: indent, lineBreak: false })));
    item.add(doc.struct('LBody', {}, () => text(doc, value, layout.left + indent, { y: top, width: layout.width - indent })));
    item.end();
    doc.y += SIZE.body * 0.25;
  }
  list.end();
  doc.y += SIZE.body * 0.35;
}

interface Columns {
  x: number[];
  w: number[];
}

function columnsOf(table: DocumentTable, layout: Layout): Columns {
  const weights = columnWeights(table);
  const sum = weights.reduce((a, b) => a + b, 0);
  const w = weights.map((weight) => (weight / sum) * layout.width);
  const x: number[] = [];
  w.reduce((at, width) => {
    x.push(at);
    return at + width;
  }, layout.left);
  return { x, w };
}

function rowHeight(doc: Doc, cells: readonly string[], columns: Columns, bold: boolean): number {
  doc.font(bold ? 'Bold' : 'Body').fontSize(SIZE.table);
  const heights = cells.map((value, i) => doc.heightOfString(cleanText(value) || ' ', { width: (columns.w[i] ?? 0) - 2 * CELL_PAD, lineGap: 1.5 }));
  return Math.max(...heights, SIZE.table) + 2 * CELL_PAD;
}

function rowFrame(doc: Doc, columns: Columns, top: number, height: number, header: boolean): void {
  artifact(doc, () => {
    columns.x.forEach((x, i) => {
      const width = columns.w[i] ?? 0;
      if (header) doc.rect(x, top, width, height).fill(COLOUR.headerFill);
      doc.rect(x, top, width, height).lineWidth(0.5).strokeColor(COLOUR.rule).stroke();
    });
  });
}

function rowText(doc: Doc, cells: readonly string[], columns: Columns, top: number, header: boolean): void {
  cells.forEach((value, i) => {
    text(doc, value, (columns.x[i] ?? 0) + CELL_PAD, { y: top + CELL_PAD, width: (columns.w[i] ?? 0) - 2 * CELL_PAD, font: header ? 'Bold' : 'Body', size: SIZE.table });
  });
}

/**
 * A table drawn row by row: a row never splits, and on every page after the first the header row
 * is drawn again (as an artifact: it is tagged once, where the table starts).
 */
function table(layout: Layout, parent: Struct, data: DocumentTable): void {
  const { doc } = layout;
  const columns = columnsOf(data, layout);
  const headerHeight = rowHeight(doc, data.columns, columns, true);
  const element = doc.struct('Table');
  parent.add(element);
  const firstRow = data.rows[0] ? rowHeight(doc, data.rows[0], columns, false) : 0;
  ensureSpace(doc, headerHeight + firstRow);

  const header = doc.struct('TR');
  element.add(header);
  rowFrame(doc, columns, doc.y, headerHeight, true);
  const headerTop = doc.y;
  data.columns.forEach((value, i) => {
    header.add(doc.struct('TH', {}, () => text(doc, value, (columns.x[i] ?? 0) + CELL_PAD, { y: headerTop + CELL_PAD, width: (columns.w[i] ?? 0) - 2 * CELL_PAD, font: 'Bold', size: SIZE.table })));
  });
  header.end();
  doc.y = headerTop + headerHeight;

  for (const row of data.rows) {
    const cells = data.columns.map((_, i) => row[i] ?? '');
    const height = rowHeight(doc, cells, columns, false);
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      const top = doc.y;
      rowFrame(doc, columns, top, headerHeight, true);
      artifact(doc, () => rowText(doc, data.columns, columns, top, true));
      doc.y = top + headerHeight;
    }
    const top = doc.y;
    const tr = doc.struct('TR');
    element.add(tr);
    rowFrame(doc, columns, top, height, false);
    cells.forEach((value, i) => {
      tr.add(doc.struct('TD', {}, () => text(doc, value, (columns.x[i] ?? 0) + CELL_PAD, { y: top + CELL_PAD, width: (columns.w[i] ?? 0) - 2 * CELL_PAD, size: SIZE.table })));
    });
    tr.end();
    doc.y = top + height;
  }
  element.end();
  doc.y += SIZE.body;
}

function facts(layout: Layout, parent: Struct, rows: readonly (readonly [string, string])[]): void {
  const { doc } = layout;
  const labelWidth = layout.width * 0.3;
  const element = doc.struct('Table');
  parent.add(element);
  for (const [label, value] of rows) {
    doc.font('Body').fontSize(SIZE.body);
    const height = Math.max(doc.heightOfString(cleanText(value) || ' ', { width: layout.width - labelWidth, lineGap: 1.5 }), SIZE.body * 1.3);
    ensureSpace(doc, height);
    const top = doc.y;
    const tr = doc.struct('TR');
    element.add(tr);
    tr.add(doc.struct('TH', {}, () => text(doc, label, layout.left, { y: top, width: labelWidth - 8, font: 'Bold' })));
    tr.add(doc.struct('TD', {}, () => text(doc, value, layout.left + labelWidth, { y: top, width: layout.width - labelWidth })));
    tr.end();
    doc.y = top + height + 3;
  }
  element.end();
  doc.y += SIZE.body;
}

function figure(layout: Layout, parent: Struct, item: DocumentFigure): void {
  const { doc } = layout;
  const scale = Math.min(1, layout.width / Math.max(1, item.width), (doc.page.height - doc.page.margins.top - doc.page.margins.bottom - 40) / Math.max(1, item.height));
  const width = item.width * scale;
  const height = item.height * scale;
  ensureSpace(doc, height + (item.caption ? 20 : 0));
  const top = doc.y;
  parent.add(doc.struct('Figure', { alt: cleanText(item.alt) }, () => doc.image(Buffer.from(item.png), layout.left, top, { width, height })));
  doc.y = top + height + 4;
  if (item.caption) {
    const caption = item.caption;
    parent.add(doc.struct('Caption', {}, () => text(doc, caption, layout.left, { width: layout.width, size: SIZE.table, colour: COLOUR.muted })));
  }
  doc.y += SIZE.body;
}

function section(layout: Layout, parent: Struct, value: DocumentSection, level: 1 | 2, outline: PDFKit.PDFOutline): void {
  const { doc } = layout;
  const element = doc.struct('Sect');
  parent.add(element);
  heading(layout, element, value.heading, level === 1 ? 'H2' : 'H3', level === 1 ? SIZE.h1 : SIZE.h2);
  const entry = outline.addItem(cleanText(value.heading));
  for (const p of value.paragraphs ?? []) paragraph(layout, element, p);
  if (value.bullets?.length) bullets(layout, element, value.bullets);
  if (value.table?.columns.length) table(layout, element, value.table);
  for (const f of value.figures ?? []) figure(layout, element, f);
  for (const sub of value.sections ?? []) section(layout, element, sub, 2, entry);
  element.end();
}

/** The footer line and "p. X / Y" on every page, once the number of pages is known. */
function pageFooters(doc: Doc, layout: Layout, footer: string | undefined): void {
  const range = doc.bufferedPageRange();
  const numberWidth = 60;
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Drawing below the bottom margin would otherwise make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - BOTTOM + 22;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc
      .moveTo(layout.left, y - 6)
      .lineTo(layout.left + layout.width, y - 6)
      .lineWidth(0.5)
      .strokeColor(COLOUR.rule)
      .stroke();
    if (footer) text(doc, footer, layout.left, { y, width: layout.width - numberWidth - 8, size: SIZE.footer, colour: COLOUR.muted });
    text(doc, pageLabel(i - range.start + 1, range.count), layout.left + layout.width - numberWidth, {
      y,
      width: numberWidth,
      align: 'right',
      size: SIZE.footer,
      colour: COLOUR.muted,
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

export function renderPdf(model: DocumentModel): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: BOTTOM },
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: model.locale,
    displayTitle: true,
    font: asFontSource(regular) as string,
    info: {
      Title: cleanText(model.title),
      ...(model.subtitle ? { Subject: cleanText(model.subtitle) } : {}),
      Author: cleanText(model.author ?? 'Kansrijk'),
      Creator: 'Kansrijk',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('Body', asFontSource(regular));
    doc.registerFont('Bold', asFontSource(bold));
    const layout: Layout = { doc, left: MARGIN, width: doc.page.width - 2 * MARGIN };
    const root = doc.struct('Document');
    doc.addStructure(root);
    heading(layout, root, model.title, 'H1', SIZE.title);
    if (model.subtitle) {
      const subtitle = model.subtitle;
      root.add(doc.struct('P', {}, () => text(doc, subtitle, layout.left, { width: layout.width, size: SIZE.subtitle, colour: COLOUR.muted })));
      doc.y += SIZE.body;
    }
    if (model.facts?.length) facts(layout, root, model.facts);
    for (const value of model.sections) section(layout, root, value, 1, doc.outline);
    root.end();
    pageFooters(doc, layout, model.footer);
    doc.end();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}
