import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError, invalid, type FieldProblem } from '../shared/errors';
import { findContextIndicator, findContextLevel, normaliseLabel, type ContextLevel, type ContextUnit } from './context-catalogue';

/*
 * Reading a file of context values, as the Flemish statistics portals publish them or as a
 * coordinator pastes them together. Two shapes (docs/context-indicators.md):
 *   long: one value per row — indicator; jaar; niveau; gebied; waarde; bron
 *   wide: one row per indicator and area, a column per year — indicator; niveau; gebied; bron; 2019; 2020; …
 * Nothing here touches the database: the service saves the rows only when no row has a problem.
 */

export const MAX_FILE_BYTES = 512 * 1024;
export const MAX_IMPORT_VALUES = 5000;
export const MIN_CONTEXT_YEAR = 1990;
export const MAX_CONTEXT_YEAR = 2100;
const MAX_TEXT = 200;
/** Problems listed before the import gives up reading: enough to fix a file, not a flood. */
const MAX_PROBLEMS = 100;
/** Portals put a title and notes above the header; it is looked for in the first rows. */
const HEADER_SEARCH_ROWS = 15;

export type FileKind = 'csv' | 'xlsx';
export type FileShape = 'long' | 'wide';

export interface ImportedValue {
  line: number;
  indicator: string;
  year: number;
  level: ContextLevel;
  area: string;
  value: number;
  source: string;
}

/** A problem in one row and column of the file; `line` is the row number as a spreadsheet shows it. */
export interface ImportProblem extends FieldProblem {
  line: number | null;
  column: string | null;
}

export interface ParsedFile {
  kind: FileKind;
  shape: FileShape;
  values: ImportedValue[];
}

type Cell = string | number | null;
interface GridRow {
  line: number;
  cells: Cell[];
}

const xlsxTypes = new Set(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
// Windows names a .csv "application/vnd.ms-excel" when Excel is installed: the extension decides then.
const csvTypes = new Set(['text/csv', 'text/plain', 'application/csv', 'text/comma-separated-values', 'application/vnd.ms-excel']);

/** Which reader a file needs, from its name and (when sent) its content type; anything else is refused. */
export function fileKindOf(fileName: string, contentType: string | undefined): FileKind {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (extension === 'xls') throw invalid([{ path: 'body.fileName', message: 'is an old Excel file (.xls): save it as .xlsx or .csv' }], 'Unsupported file type');
  const byName: FileKind | undefined = extension === 'csv' || extension === 'txt' ? 'csv' : extension === 'xlsx' ? 'xlsx' : undefined;
  const byType: FileKind | undefined = type === undefined || type === '' || type === 'application/octet-stream' ? undefined : xlsxTypes.has(type) ? 'xlsx' : csvTypes.has(type) ? 'csv' : undefined;
  if (type && type !== 'application/octet-stream' && !byType) {
    throw invalid([{ path: 'body.contentType', message: 'must be text/csv or an Excel workbook (.xlsx)' }], 'Unsupported file type');
  }
  const kind = byName ?? byType;
  if (!kind) throw invalid([{ path: 'body.fileName', message: 'must end in .csv or .xlsx' }], 'Unsupported file type');
  if (byType && byName && byType !== byName && type !== 'application/vnd.ms-excel' && type !== 'text/plain') {
    throw invalid([{ path: 'body.contentType', message: `does not match the file name (.${extension})` }], 'Unsupported file type');
  }
  return kind;
}

export function problem(line: number | null, column: string | null, message: string): ImportProblem {
  return { path: line === null ? 'file' : column === null ? `file.line${line}` : `file.line${line}.${column}`, message, line, column };
}

function fileProblem(problems: ImportProblem[], detail = 'The file has rows that cannot be imported; nothing was saved'): AppError {
  return invalid(problems, detail);
}

export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A CSV saved by Excel on a Belgian Windows is Windows-1252, not UTF-8.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function csvGrid(bytes: Buffer): GridRow[] {
  const text = decodeText(bytes).replace(/^\uFEFF/, '');
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(text)) throw fileProblem([problem(null, null, 'is not a text file (CSV)')], 'Unreadable file');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  const delimiter = counts.sort((a, b) => b.n - a.n)[0]!.d;
  try {
    const records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : null;
    throw fileProblem([problem(line, null, `cannot be read as CSV: ${(error as Error).message.split('\n')[0]?.slice(0, 200) ?? ''}`)], 'Unreadable file');
  }
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String((value as { text: unknown }).text).trim();
    if ('error' in value) return null;
  }
  return null;
}

async function xlsxGrid(bytes: Buffer): Promise<GridRow[]> {
  if (bytes.subarray(0, 4).toString('binary') !== 'PK\u0003\u0004') {
    throw fileProblem([problem(null, null, 'is not an Excel workbook (.xlsx)')], 'Unreadable file');
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fileProblem([problem(null, null, 'is not a readable Excel workbook (.xlsx)')], 'Unreadable file');
  }
  // The first sheet with data: portals often put a cover sheet with notes first only when it is empty.
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) return [];
  const rows: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (rows.length > MAX_IMPORT_VALUES + HEADER_SEARCH_ROWS) return;
    const cells: Cell[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 200); c += 1) cells.push(cellValue(row.getCell(c).value));
    rows.push({ line, cells });
  });
  return rows;
}

const headerNames: Record<string, 'indicator' | 'year' | 'level' | 'area' | 'value' | 'source'> = {
  indicator: 'indicator',
  indicatorcode: 'indicator',
  code: 'indicator',
  kenmerk: 'indicator',
  onderwerp: 'indicator',
  jaar: 'year',
  year: 'year',
  periode: 'year',
  niveau: 'level',
  level: 'level',
  'geografisch niveau': 'level',
  gebiedsniveau: 'level',
  gebied: 'area',
  area: 'area',
  gebiedsnaam: 'area',
  naam: 'area',
  regio: 'area',
  waarde: 'value',
  value: 'value',
  bron: 'source',
  source: 'source',
};

/** The Dutch name of each column, as errors name a missing one. */
const dutchColumn = { indicator: 'indicator', year: 'jaar', level: 'niveau', area: 'gebied', value: 'waarde', source: 'bron' } as const;

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());
const yearHeader = (cell: Cell | undefined): number | null => {
  const t = text(cell);
  return /^(19|20|21)\d\d$/.test(t) ? Number(t) : null;
};

/** A year cell: the number, or the message saying why it is none. */
function yearOf(cell: Cell): number | string {
  if (typeof cell === 'number') return cell;
  const t = text(cell);
  if (!t) return 'is empty';
  return /^\d{4}$/.test(t) ? Number(t) : `"${t.slice(0, 20)}" is not a year`;
}

/** Portals mark a missing figure with a dash or dots; in a column per year that cell is simply skipped. */
const MISSING = new Set(['', '-', '–', '—', '.', '..', '...', 'n.b.', 'nb', 'n.v.t.', 'x']);

/**
 * A number as a Belgian file writes it: a decimal comma ("12,5"), a point or space grouping
 * thousands ("1.234,5", "12 345"), a trailing %. A lone point is a decimal point, except in a
 * count with exactly three digits after it ("12.345" inhabitants).
 */
export function parseNumber(cell: Cell, unit: ContextUnit): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  let t = text(cell).replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (!/^[+-]?[\d.,]+$/.test(t) || !/\d/.test(t)) return null;
  const comma = t.lastIndexOf(',');
  const point = t.lastIndexOf('.');
  if (comma >= 0 && point >= 0) {
    t = comma > point ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
    if ((t.match(/\./g) ?? []).length > 1) return null;
  } else if (comma >= 0) {
    if (t.indexOf(',') !== comma) return null;
    t = t.replace(',', '.');
  } else if (point >= 0) {
    if (/^[+-]?\d{1,3}(\.\d{3}){2,}$/.test(t) || (unit === 'count' && /^[+-]?\d{1,3}\.\d{3}$/.test(t))) t = t.replace(/\./g, '');
    else if (t.indexOf('.') !== point) return null;
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The range a value of a unit may take; the same check guards a single value typed in the tab. */
export function valueProblem(value: number, unit: ContextUnit): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (unit === 'percent' && (value < 0 || value > 100)) return 'must be a percentage between 0 and 100';
  if (value < 0) return 'must not be negative';
  if (value > 1e12) return 'too large';
  return null;
}

function yearProblem(year: number): string | null {
  return Number.isInteger(year) && year >= MIN_CONTEXT_YEAR && year <= MAX_CONTEXT_YEAR ? null : `must be a year between ${MIN_CONTEXT_YEAR} and ${MAX_CONTEXT_YEAR}`;
}

function interpret(rows: GridRow[]): { shape: FileShape; values: ImportedValue[]; problems: ImportProblem[] } {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => text(c) !== ''));
  if (!nonEmpty.length) return { shape: 'long', values: [], problems: [problem(1, null, 'the file is empty')] };
  const headerRow = nonEmpty.slice(0, HEADER_SEARCH_ROWS).find((r) => r.cells.some((c) => headerNames[normaliseLabel(text(c))] === 'indicator'));
  if (!headerRow) return { shape: 'long', values: [], problems: [problem(nonEmpty[0]!.line, 'indicator', 'no header row with a column "indicator" was found')] };

  const columns: Partial<Record<keyof typeof dutchColumn, number>> = {};
  const years: { index: number; year: number }[] = [];
  headerRow.cells.forEach((cell, index) => {
    const year = yearHeader(cell);
    if (year !== null) years.push({ index, year });
    const name = headerNames[normaliseLabel(text(cell))];
    if (name && columns[name] === undefined) columns[name] = index;
  });
  const shape: FileShape = columns.value === undefined && years.length > 0 ? 'wide' : 'long';
  const required: (keyof typeof dutchColumn)[] = shape === 'long' ? ['indicator', 'year', 'level', 'value'] : ['indicator', 'level'];
  const missing = required.filter((c) => columns[c] === undefined);
  if (missing.length) {
    return { shape, values: [], problems: missing.map((c) => problem(headerRow.line, dutchColumn[c], c === 'value' ? 'the column is missing (or give one column per year)' : 'the column is missing')) };
  }
  const headerLabel = (index: number): string => text(headerRow.cells[index]) || String(index + 1);

  const values: ImportedValue[] = [];
  const problems: ImportProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of nonEmpty.filter((r) => r.line > headerRow.line)) {
    if (problems.length >= MAX_PROBLEMS) break;
    const at = (column: keyof typeof dutchColumn) => (columns[column] === undefined ? null : (row.cells[columns[column]] ?? null));
    const before = problems.length;
    const indicatorName = text(at('indicator'));
    const indicator = findContextIndicator(indicatorName);
    if (!indicator) problems.push(problem(row.line, headerLabel(columns.indicator!), indicatorName ? `unknown indicator "${indicatorName.slice(0, 80)}"` : 'is empty'));
    const levelName = text(at('level'));
    const level = findContextLevel(levelName);
    if (!level) problems.push(problem(row.line, headerLabel(columns.level!), levelName ? `unknown level "${levelName.slice(0, 80)}": use gemeente, arrondissement, provincie or Vlaams Gewest` : 'is empty'));
    const area = text(at('area'));
    const source = text(at('source'));
    if (area.length > MAX_TEXT) problems.push(problem(row.line, headerLabel(columns.area!), `at most ${MAX_TEXT} characters`));
    if (source.length > MAX_TEXT) problems.push(problem(row.line, headerLabel(columns.source!), `at most ${MAX_TEXT} characters`));

    const cells: { year: number | string; cell: Cell; column: string; yearColumn: string }[] =
      shape === 'long'
        ? [{ year: yearOf(at('year')), cell: at('value'), column: headerLabel(columns.value!), yearColumn: headerLabel(columns.year!) }]
        : years.map((y) => ({ year: y.year, cell: row.cells[y.index] ?? null, column: headerLabel(y.index), yearColumn: headerLabel(y.index) }));
    const parsed: ImportedValue[] = [];
    for (const c of cells) {
      if (shape === 'wide' && MISSING.has(text(c.cell).toLowerCase())) continue;
      const yearMessage = typeof c.year === 'string' ? c.year : yearProblem(c.year);
      if (yearMessage) problems.push(problem(row.line, c.yearColumn, yearMessage));
      const unit = indicator?.unit ?? 'count';
      const value = parseNumber(c.cell, unit);
      const valueMessage = value === null ? (text(c.cell) ? `"${text(c.cell).slice(0, 40)}" is not a number` : 'is empty') : valueProblem(value, unit);
      // The range depends on the indicator's unit: without a known indicator only "not a number" is certain.
      if (valueMessage && (indicator || value === null)) problems.push(problem(row.line, c.column, valueMessage));
      if (indicator && level && value !== null && typeof c.year === 'number' && !yearMessage && !valueMessage) {
        parsed.push({ line: row.line, indicator: indicator.code, year: c.year, level, area, value, source });
      }
    }
    if (problems.length > before) continue;
    for (const v of parsed) {
      const key = `${v.indicator}/${v.year}/${v.level}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push(problem(row.line, headerLabel(columns.indicator!), `repeats the value of line ${earlier} (same indicator, year and level)`));
        continue;
      }
      seen.set(key, row.line);
      values.push(v);
    }
    if (values.length > MAX_IMPORT_VALUES) {
      problems.push(problem(row.line, null, `more than ${MAX_IMPORT_VALUES} values in one file: split it`));
      break;
    }
  }
  if (!values.length && !problems.length) problems.push(problem(headerRow.line, null, 'the file has a header but no values'));
  return { shape, values, problems };
}

/** Reads a whole file; throws a 400 listing every bad row (line, column) so that nothing is saved. */
export async function parseContextFile(fileName: string, contentType: string | undefined, bytes: Buffer): Promise<ParsedFile> {
  const kind = fileKindOf(fileName, contentType);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError(413, 'payload_too_large', 'File too large', `The file has ${bytes.length} bytes; at most ${MAX_FILE_BYTES} are accepted`, [
      { path: 'body.contentBase64', message: `at most ${MAX_FILE_BYTES} bytes` },
    ]);
  }
  if (bytes.length === 0) throw fileProblem([problem(1, null, 'the file is empty')], 'Empty file');
  const grid = kind === 'csv' ? csvGrid(bytes) : await xlsxGrid(bytes);
  const { shape, values, problems } = interpret(grid);
  if (problems.length) throw fileProblem(problems);
  return { kind, shape, values };
}
