import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { DocumentFigure, DocumentModel, DocumentSection, DocumentTable } from './document-model';
import { cleanText, columnWeights, textLines } from './document-text';

/** A4 in twentieths of a point, with 2 cm margins: what Belgian administrations print on. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Arial is on every Office installation (and metric-compatible Liberation Sans where it is not). */
const FONT = 'Arial';
const TEXT_COLOUR = '1A1A1A';
const HEADING_COLOUR = '16365C';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' } as const;
const BULLETS = 'kansrijk-bullets';

/** Word's proofing language; Belgium writes British English. */
function proofingLanguage(locale: DocumentModel['locale']): string {
  return locale === 'en' ? 'en-GB' : 'nl-BE';
}

function runs(text: string, bold = false): TextRun[] {
  return textLines(text).map((line, index) => new TextRun({ text: line, bold, break: index > 0 ? 1 : undefined }));
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({ children: runs(text), spacing: { after: 120 } });
}

function cell(text: string, options: { header?: boolean; width: number }): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: runs(text, options.header), spacing: { before: 40, after: 40 } })],
    width: { size: options.width, type: WidthType.DXA },
    margins: { left: 80, right: 80 },
    ...(options.header ? { shading: { type: ShadingType.CLEAR, fill: 'E8EDF3', color: 'auto' } } : {}),
  });
}

const borders = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function widths(table: DocumentTable, total: number): number[] {
  const weights = columnWeights(table);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => Math.floor((weight / sum) * total));
}

function dataTable(table: DocumentTable): Table {
  const columnWidths = widths(table, TEXT_WIDTH);
  const width = (index: number) => columnWidths[index] ?? 0;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: [
      // tableHeader marks the row as the header for screen readers and repeats it on every page.
      new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((column, i) => cell(column, { header: true, width: width(i) })) }),
      ...table.rows.map(
        (row) => new TableRow({ cantSplit: true, children: table.columns.map((_, i) => cell(row[i] ?? '', { width: width(i) })) }),
      ),
    ],
  });
}

function factsTable(facts: readonly (readonly [string, string])[]): Table {
  const labelWidth = Math.round(TEXT_WIDTH * 0.3);
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: facts.map(
      ([label, value]) =>
        new TableRow({ cantSplit: true, children: [cell(label, { header: true, width: labelWidth }), cell(value, { width: TEXT_WIDTH - labelWidth })] }),
    ),
  });
}

/** Pixels at 96 dpi, fitted to the text width. */
function figureSize(figure: DocumentFigure): { width: number; height: number } {
  const maxWidth = Math.floor((TEXT_WIDTH / 1440) * 96);
  const scale = Math.min(1, maxWidth / Math.max(1, figure.width));
  return { width: Math.round(figure.width * scale), height: Math.round(figure.height * scale) };
}

function figureParagraphs(figure: DocumentFigure, index: number): Paragraph[] {
  const image = new ImageRun({
    type: 'png',
    data: figure.png,
    transformation: figureSize(figure),
    altText: { name: `figure-${index + 1}`, title: cleanText(figure.caption ?? figure.alt), description: cleanText(figure.alt) },
  });
  const out = [new Paragraph({ children: [image], keepNext: Boolean(figure.caption), spacing: { before: 120, after: 60 } })];
  if (figure.caption) out.push(new Paragraph({ style: 'Caption', children: runs(figure.caption) }));
  return out;
}

/** Numbers the figures through the whole document (their names must be unique in the package). */
interface Counter {
  figures: number;
}

function sectionBlocks(section: DocumentSection, level: 1 | 2, counter: Counter): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: runs(section.heading) }),
  ];
  for (const text of section.paragraphs ?? []) blocks.push(bodyParagraph(text));
  for (const item of section.bullets ?? []) {
    // Word's own list numbering: the bullet is the level's symbol, not a character in the text.
    blocks.push(new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: runs(item), spacing: { after: 60 } }));
  }
  // A table without columns has nothing to show (and Word refuses a row without cells).
  if (section.table?.columns.length) {
    blocks.push(dataTable(section.table));
    blocks.push(new Paragraph({ children: [], spacing: { after: 120 } }));
  }
  for (const figure of section.figures ?? []) blocks.push(...figureParagraphs(figure, counter.figures++));
  for (const sub of section.sections ?? []) blocks.push(...sectionBlocks(sub, 2, counter));
  return blocks;
}

function footer(model: DocumentModel): Footer {
  const children: ParagraphChild[] = [];
  if (model.footer) children.push(...runs(model.footer), new TextRun({ text: '\t' }));
  children.push(new TextRun({ children: ['p. ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES] }));
  return new Footer({
    children: [
      new Paragraph({
        children,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C', space: 4 } },
        style: 'Footer',
      }),
    ],
  });
}

/** docx writes no dc:language in the core properties; Word, search and screen readers read it there. */
function withCoreLanguage(docx: Uint8Array, language: string): Buffer {
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'];
  if (core) {
    const xml = strFromU8(core);
    if (!xml.includes('<dc:language>')) {
      files['docProps/core.xml'] = strToU8(xml.replace('</cp:coreProperties>', `<dc:language>${language}</dc:language></cp:coreProperties>`));
    }
  }
  return Buffer.from(zipSync(files, { level: 6 }));
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const language = proofingLanguage(model.locale);
  const counter: Counter = { figures: 0 };
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: runs(model.title) })];
  if (model.subtitle) children.push(new Paragraph({ style: 'Subtitle', children: runs(model.subtitle) }));
  if (model.facts?.length) {
    children.push(factsTable(model.facts));
    children.push(new Paragraph({ children: [], spacing: { after: 120 } }));
  }
  for (const section of model.sections) children.push(...sectionBlocks(section, 1, counter));

  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: HEADING_COLOUR },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  const document = new Document({
    title: cleanText(model.title),
    subject: model.subtitle ? cleanText(model.subtitle) : undefined,
    creator: model.author ? cleanText(model.author) : 'Kansrijk',
    lastModifiedBy: 'Kansrijk',
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, color: TEXT_COLOUR, language: { value: language } }, paragraph: { spacing: { line: 276 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: HEADING_COLOUR }, paragraph: { spacing: { after: 120 } } },
        heading1: heading(28, 360),
        heading2: heading(24, 240),
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { size: 26, color: '4D4D4D' }, paragraph: { spacing: { after: 240 } } },
        { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', run: { size: 18, italics: true, color: '4D4D4D' }, paragraph: { spacing: { after: 200 } } },
        { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 17, color: '4D4D4D' } },
      ],
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '\u2022',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 567, hanging: 283 } }, run: { font: FONT } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, footer: 567 },
          },
        },
        footers: { default: footer(model) },
        children,
      },
    ],
  });
  return withCoreLanguage(await Packer.toBuffer(document), model.locale);
}
