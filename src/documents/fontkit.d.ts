/**
 * fontkit (pdfkit's own font engine, installed with it) ships no types; the PDF renderer only
 * opens a font with it, once, and hands the result to pdfkit.
 */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
