import type { DocumentTable } from './document-model';

/**
 * Text as both renderers need it. Input comes from people typing in Teams, so it may hold control
 * characters that are not allowed in XML (a .docx would not open) and that a PDF font has no glyph for.
 */
// eslint-disable-next-line no-control-regex
const notAllowed = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(notAllowed, '');
}

/** The lines of a text typed with line breaks; an all-blank text has none. */
export function textLines(text: string): string[] {
  return cleanText(text)
    .split('\n')
    .map((line) => line.trimEnd());
}

/** "p. 3 / 7" in both languages: the abbreviation reads the same in Dutch and English. */
export function pageLabel(page: number, pages: number): string {
  return `p. ${page} / ${pages}`;
}

/**
 * Relative column widths from how much each column holds, so a "status" column does not get as
 * wide as a title; both formats use them, so a table has the same shape in Word and in the PDF.
 */
export function columnWeights(table: DocumentTable): number[] {
  return table.columns.map((column, index) => {
    const lengths = table.rows.map((row) => (row[index] ?? '').length).sort((a, b) => a - b);
    const typical = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
    return Math.min(40, Math.max(6, column.length, typical));
  });
}
