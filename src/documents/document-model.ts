/**
 * What a generated document says, independent of its format: the minutes of a meeting and a
 * report to the college are both built as this model and rendered to .docx
 * (src/documents/docx-renderer.ts) and .pdf (src/documents/pdf-renderer.ts) from it, so the two
 * formats can never say different things.
 */
export interface DocumentTable {
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

export interface DocumentSection {
  heading: string;
  paragraphs?: readonly string[];
  bullets?: readonly string[];
  table?: DocumentTable;
  /** Sub-sections, one level deep (e.g. an agenda item's notes and decisions). */
  sections?: readonly DocumentSection[];
}

export interface DocumentModel {
  /** nl-BE or en: the language the document is written in (hyphenation, document properties). */
  locale: 'nl-BE' | 'en';
  title: string;
  subtitle?: string;
  /** Label/value pairs under the title (date, place, body, status). */
  facts?: readonly (readonly [string, string])[];
  sections: readonly DocumentSection[];
  /** A line at the bottom of every page, e.g. the confidentiality note. */
  footer?: string;
}
