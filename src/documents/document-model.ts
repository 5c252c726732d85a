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

/** An image in a section, e.g. an indicator chart: the same PNG in both formats. */
export interface DocumentFigure {
  png: Uint8Array;
  /** The image's size in pixels; the renderers keep its ratio and fit it to the text width. */
  width: number;
  height: number;
  /** What the image shows, for screen readers (a chart without it says nothing to them). */
  alt: string;
  caption?: string;
}

/** A section's parts appear in this order: paragraphs, bullets, table, figures, sub-sections. */
export interface DocumentSection {
  heading: string;
  paragraphs?: readonly string[];
  bullets?: readonly string[];
  table?: DocumentTable;
  figures?: readonly DocumentFigure[];
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
  /** Who the document is from (the document properties' author), e.g. the municipality. */
  author?: string;
}
