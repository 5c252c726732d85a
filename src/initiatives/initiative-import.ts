import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { sectors } from '../shared/enums';
import type { FieldProblem } from '../shared/errors';
import { MAX_YEAR, MIN_YEAR } from '../shared/schemas';
import { initiativeFields, initiativeSources, type InitiativeFields } from './initiative-fields';

/**
 * Reading an inventory someone kept in a spreadsheet: CSV (`;` as Belgian Excel writes it, or
 * `,`) or .xlsx. Pure: bytes in, rows or problems out, each problem naming its line and column.
 */

export const MAX_IMPORT_ROWS = 1000;
/** What an .xlsx may unpack to: a small file must not expand into gigabytes of XML. */
const MAX_XLSX_UNPACKED = 32 * 1024 * 1024;

export interface ImportProblem extends FieldProblem {
  /** Line of the file (CSV) or row of the sheet (xlsx), 1 = the header. */
  line: number;
  /** The column's header as written in the file, or its letter/number when there is none. */
  column: string;
}

/** Columns of the file, each mapped on a field of the initiative. */
export const importColumns = [
  { field: 'name', nl: 'Naam', en: 'Name', aliases: ['naam', 'name', 'initiatief', 'initiative', 'naaminitiatief'] },
  { field: 'description', nl: 'Omschrijving', en: 'Description', aliases: ['omschrijving', 'beschrijving', 'description', 'wat', 'what'] },
  { field: 'state', nl: 'Status', en: 'State', aliases: ['status', 'state', 'stand'] },
  { field: 'partners', nl: 'Partners', en: 'Partners', aliases: ['partners', 'partner', 'metwie', 'partnerorganisaties'] },
  { field: 'sectors', nl: 'Sectoren', en: 'Sectors', aliases: ['sectoren', 'sector', 'sectors'] },
  { field: 'targetGroup', nl: 'Doelgroep', en: 'Target group', aliases: ['doelgroep', 'voorwie', 'targetgroup', 'forwhom'] },
  { field: 'reachFamilies', nl: 'Bereik gezinnen', en: 'Families reached', aliases: ['bereikgezinnen', 'gezinnen', 'aantalgezinnen', 'families', 'familiesreached', 'reachfamilies'] },
  { field: 'reachChildren', nl: 'Bereik kinderen', en: 'Children reached', aliases: ['bereikkinderen', 'kinderen', 'aantalkinderen', 'children', 'childrenreached', 'reachchildren'] },
  { field: 'since', nl: 'Sinds', en: 'Since', aliases: ['sinds', 'startdatum', 'start', 'gestart', 'since', 'startdate'] },
  { field: 'contactOrganisation', nl: 'Contactorganisatie', en: 'Contact organisation', aliases: ['contactorganisatie', 'contact', 'aanspreekpunt', 'contactorganisation', 'contactorganization'] },
  { field: 'source', nl: 'Bron', en: 'Source', aliases: ['bron', 'source', 'gevondenin'] },
  { field: 'effect', nl: 'Effect', en: 'Effect', aliases: ['effect', 'werking', 'effectiviteit', 'effectiveness'] },
  { field: 'domain', nl: 'Domein', en: 'Domain', aliases: ['domein', 'beleidsdomein', 'domain', 'policydomain'] },
] as const;

export type ImportField = (typeof importColumns)[number]['field'];
export type Cell = string | number | Date | boolean | null;

export interface Sheet {
  headers: { text: string; index: number; letter: string }[];
  rows: { line: number; cells: Cell[] }[];
}

export type ImportFormat = 'csv' | 'xlsx';

export class ImportFileError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super('The file has problems');
  }
}

/** Lower case, no accents, letters and digits only: "Bereik (gezinnen)" and "bereik gezinnen" agree. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const stateWords: Record<string, InitiativeFields['state']> = {
  planned: 'planned', gepland: 'planned', planning: 'planned', voorzien: 'planned',
  active: 'active', actief: 'active', lopend: 'active', loopt: 'active', bezig: 'active',
  finished: 'finished', afgerond: 'finished', beeindigd: 'finished', gestopt: 'finished', afgelopen: 'finished', done: 'finished',
};

const sectorWords: Record<string, (typeof sectors)[number]> = {
  ...Object.fromEntries(sectors.map((s) => [normalise(s), s])),
  gemeente: 'gemeentelijke_partners', municipalpartners: 'gemeentelijke_partners',
  welzijn: 'welzijnspartners', welfarepartners: 'welzijnspartners', welfare: 'welzijnspartners',
  health: 'gezondheid',
  wonen: 'wonen_en_leven', housingandliving: 'wonen_en_leven', housing: 'wonen_en_leven',
  ervaringsdeskundige: 'ervaringsdeskundigen', expertsbyexperience: 'ervaringsdeskundigen',
  onderwijs: 'onderwijs_en_vorming', educationandtraining: 'onderwijs_en_vorming', education: 'onderwijs_en_vorming',
  family: 'gezin', gezinnen: 'gezin',
};

const sourceWords: Record<string, (typeof initiativeSources)[number]> = {
  ...Object.fromEntries(initiativeSources.map((s) => [normalise(s), s])),
  meerjarenplan: 'multi_year_plan', meerjarenplanning: 'multi_year_plan', strategischmeerjarenplan: 'multi_year_plan', multiyearplan: 'multi_year_plan',
  bevragingpartner: 'partner', partnerbevraging: 'partner',
  verenigingwaararmenhetwoordnemen: 'parents_association', vereniging: 'parents_association', welzijnsschakel: 'parents_association', association: 'parents_association',
  socialekaart: 'social_map', socialmap: 'social_map',
  andere: 'other', anders: 'other',
};

export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

/** `;` unless the header line has more commas (or tabs) outside quotes. */
function detectDelimiter(text: string): string {
  const firstLine = (text.split('\n', 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const count = (c: string) => firstLine.split(c).length - 1;
  const candidates = [';', ',', '\t'].sort((a, b) => count(b) - count(a));
  return count(candidates[0]!) > 0 ? candidates[0]! : ';';
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel for Windows still saves "CSV" as Windows-1252 unless told otherwise.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function readCsv(bytes: Buffer): Sheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.includes('\u0000')) throw new ImportFileError([{ path: 'file', message: 'is not a text (CSV) file', line: 1, column: '' }]);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter: detectDelimiter(text), info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    throw new ImportFileError([{ path: `rows[${line}]`, message: 'is not valid CSV (an opened quote is never closed?)', line, column: '' }]);
  }
  const [head, ...body] = records;
  if (!head) return { headers: [], rows: [] };
  // csv-parse counts the line a record ends on; a quoted field may span lines.
  const startLine = (r: { record: string[]; info: { lines: number } }) => r.info.lines - r.record.join('').split('\n').length + 1;
  return {
    headers: head.record.map((text, i) => ({ text, index: i, letter: columnLetter(i + 1) })),
    rows: body.map((r) => ({ line: startLine(r), cells: r.record })),
  };
}

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return xlsxCell((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return null;
  }
  return null;
}

/** The first row of the sheet of one of these (normalised) names, or of the first sheet, as headers; the rest as rows. */
export async function readXlsx(bytes: Buffer, sheetNames: readonly string[] = ['initiatieven', 'initiatives']): Promise<Sheet> {
  let unpacked = 0;
  try {
    // Only the sizes the archive declares are read here, nothing is inflated.
    unzipSync(bytes, { filter: (file) => { unpacked += file.originalSize; return false; } });
  } catch {
    throw new ImportFileError([{ path: 'file', message: 'is not an Excel (.xlsx) file', line: 1, column: '' }]);
  }
  if (unpacked > MAX_XLSX_UNPACKED) throw new ImportFileError([{ path: 'file', message: 'unpacks to more than 32 MB; split it in smaller files', line: 1, column: '' }]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError([{ path: 'file', message: 'is not an Excel (.xlsx) file', line: 1, column: '' }]);
  }
  // The template has its lists on a second sheet: the initiatives are on the first.
  const sheet = workbook.worksheets.find((w) => sheetNames.includes(normalise(w.name))) ?? workbook.worksheets[0];
  if (!sheet) return { headers: [], rows: [] };
  const out: Sheet = { headers: [], rows: [] };
  let headerSeen = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(xlsxCell(row.getCell(c).value));
    if (!headerSeen) {
      headerSeen = true;
      out.headers = values.map((v, i) => ({ text: cellText(v), index: i, letter: columnLetter(i + 1) }));
      return;
    }
    out.rows.push({ line: rowNumber, cells: values });
  });
  return out;
}

export function formatOf(fileName: string): ImportFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  return undefined;
}

function splitList(text: string): string[] {
  return text.split(/[;|\n,]/).map((s) => s.trim()).filter(Boolean);
}

function parseWholeNumber(cell: Cell): number | null | 'bad' {
  if (cell === null || cell === '') return null;
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : 'bad';
  // Belgian thousands: "1.250" and "1 250" are 1250; a decimal part is refused, not rounded.
  const text = cellText(cell).replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return Number(text.replace(/\./g, ''));
  if (/^\d+$/.test(text)) return Number(text);
  return 'bad';
}

function isoDate(year: number, month: number, day: number): string | 'bad' {
  if (year < MIN_YEAR || year > MAX_YEAR) return 'bad';
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'bad';
  return date.toISOString().slice(0, 10);
}

/** 15/09/2023, 15-09-2023, 15.09.2023, 2023-09-15, 09/2023 and 2023 (the first day of it). */
export function parseDate(cell: Cell): string | null | 'bad' {
  if (cell === null || cell === '') return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'bad' : isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= MIN_YEAR && cell <= MAX_YEAR) return isoDate(cell, 1, 1);
    return 'bad';
  }
  const text = cellText(cell);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[2]), Number(m[1]), 1);
  m = /^(\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[1]), 1, 1);
  return 'bad';
}

/** How names are compared: an import updates the initiative of the same name. */
export function nameKey(name: string): string {
  return name.trim().toLocaleLowerCase('nl-BE');
}

/** A file may leave out the state (new rows then count as running, existing ones keep theirs). */
const rowSchema = initiativeFields.extend({ state: initiativeFields.shape.state.optional() }).strict();

export interface ImportedRow {
  line: number;
  /** Only the fields of the columns the file has: an update leaves the others alone. */
  values: Partial<InitiativeFields>;
}

export interface ImportContext {
  /** Domains of the trajectory by normalised name. */
  domains: Map<string, string>;
}

export async function readInitiativeFile(bytes: Buffer, format: ImportFormat, context: ImportContext): Promise<ImportedRow[]> {
  const sheet = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  const problems: ImportProblem[] = [];
  const byField = new Map<ImportField, { index: number; column: string }>();
  for (const header of sheet.headers) {
    if (!header.text) continue;
    const key = normalise(header.text);
    const column = importColumns.find((c) => (c.aliases as readonly string[]).includes(key));
    if (!column) {
      problems.push({ path: `rows[1].${header.letter}`, message: `unknown column; use ${importColumns.map((c) => c.nl).join(', ')}`, line: 1, column: header.text });
    } else if (byField.has(column.field)) {
      problems.push({ path: `rows[1].${header.letter}`, message: `is the same column as "${byField.get(column.field)!.column}"`, line: 1, column: header.text });
    } else {
      byField.set(column.field, { index: header.index, column: header.text });
    }
  }
  if (!byField.has('name')) problems.push({ path: 'rows[1]', message: 'has no column "Naam" (name)', line: 1, column: '' });
  const rows = sheet.rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (!rows.length && !problems.length) problems.push({ path: 'file', message: 'has no initiatives under its header', line: 1, column: '' });
  if (rows.length > MAX_IMPORT_ROWS) problems.push({ path: 'file', message: `has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} at once`, line: 1, column: '' });
  if (problems.length) throw new ImportFileError(problems);

  const out: ImportedRow[] = [];
  const seenNames = new Map<string, number>();
  for (const row of rows) {
    const columnOf = (field: string) => byField.get(field as ImportField)?.column ?? field;
    const flagged = new Set<string>();
    const problem = (field: string, message: string) => {
      flagged.add(field);
      problems.push({ path: `rows[${row.line}].${field}`, message, line: row.line, column: columnOf(field) });
    };
    const candidate: Record<string, unknown> = {};
    let rowOk = true;
    for (const [field, { index }] of byField) {
      const cell = row.cells[index] ?? null;
      const text = cellText(cell);
      switch (field) {
        case 'state': {
          const state = stateWords[normalise(text)];
          if (!state) { problem(field, 'must be gepland, lopend or afgerond (planned, active, finished)'); rowOk = false; } else candidate.state = state;
          break;
        }
        case 'partners':
          candidate.partners = splitList(text);
          break;
        case 'sectors': {
          const found: string[] = [];
          for (const word of splitList(text)) {
            const sector = sectorWords[normalise(word)];
            if (!sector) { problem(field, `"${word.slice(0, 60)}" is not a sector`); rowOk = false; } else if (!found.includes(sector)) found.push(sector);
          }
          candidate.sectors = found;
          break;
        }
        case 'reachFamilies':
        case 'reachChildren': {
          const n = parseWholeNumber(cell);
          if (n === 'bad') { problem(field, 'must be a whole number (e.g. 40 or 1.250)'); rowOk = false; } else candidate[field] = n;
          break;
        }
        case 'since': {
          const date = parseDate(cell);
          if (date === 'bad') { problem(field, 'must be a date such as 15/09/2023, or a year'); rowOk = false; } else candidate.since = date;
          break;
        }
        case 'source': {
          if (!text) { candidate.source = null; break; }
          const source = sourceWords[normalise(text)];
          if (!source) { problem(field, 'must be meerjarenplan, partner, vereniging, sociale kaart or andere'); rowOk = false; } else candidate.source = source;
          break;
        }
        case 'domain': {
          if (!text) { candidate.domainId = null; break; }
          const domainId = context.domains.get(normalise(text));
          if (!domainId) { problem(field, `no domain "${text.slice(0, 80)}" in this trajectory`); rowOk = false; } else candidate.domainId = domainId;
          break;
        }
        default:
          candidate[field] = text;
      }
    }
    const parsed = rowSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        const shown = field === 'domainId' ? 'domain' : field;
        // A cell already refused above is not reported twice.
        if (!flagged.has(shown)) problem(shown, issue.message);
      }
      continue;
    }
    if (!rowOk) continue;
    const key = nameKey(parsed.data.name);
    const earlier = seenNames.get(key);
    if (earlier !== undefined) { problem('name', `is the same initiative as on line ${earlier}`); continue; }
    seenNames.set(key, row.line);
    out.push({ line: row.line, values: parsed.data });
  }
  if (problems.length) throw new ImportFileError(problems);
  return out;
}
