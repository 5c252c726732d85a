/*
 * A PDF read back by an independent parser (pdf2json), for tests of generated documents.
 * pdf2json is CommonJS and has no types; only the parts read here are typed.
 */
interface PdfJson {
  Meta: Record<string, unknown>;
  Pages: { Texts: { R: { T: string }[] }[] }[];
}
interface PdfParser {
  on(event: 'pdfParser_dataReady', listener: (data: PdfJson) => void): void;
  on(event: 'pdfParser_dataError', listener: (error: unknown) => void): void;
  parseBuffer(buffer: Buffer): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PDFParser = require('pdf2json') as new (context: null, rawText: boolean) => PdfParser;

/** The document's metadata and each page's text, its text runs joined by `separator`. */
export function readPdf(pdf: Buffer, separator = '\n'): Promise<{ meta: Record<string, unknown>; pages: string[] }> {
  return new Promise((resolve, reject) => {
    const parser = new PDFParser(null, true);
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))));
    parser.on('pdfParser_dataReady', (data) => {
      const pages = data.Pages.map((page) =>
        page.Texts.map((t) =>
          t.R.map((r) => {
            try {
              return decodeURIComponent(r.T);
            } catch {
              return r.T;
            }
          }).join(''),
        ).join(separator),
      );
      resolve({ meta: data.Meta, pages });
    });
    parser.parseBuffer(pdf);
  });
}
