import { cellText, ImportFileError, normalise, parseDate, readXlsx, type Cell, type ImportProblem } from '../initiatives/initiative-import';
import { planExportColumns, statusLabelsNl } from '../plan/plan-export';
import { actionStatuses, type ActionStatus } from '../shared/enums';
import { parseAmount } from '../shared/i18n/numbers';
import { actionInput } from './action-service';

/*
 * Reading actions from a sheet with the columns the plan export writes (plan.xlsx, sheet
 * "Actieplan"). Pure: bytes in, rows or problems out, each naming its row and its column.
 * Where an action goes is named by the titles above it (domain, strategic, operational
 * objective), as the export spells them out; the service matches them to the trajectory.
 */

export const MAX_ACTION_IMPORT_ROWS = 2000;

type ColumnKey = (typeof planExportColumns)[number]['key'];

/** English headers too, for a sheet someone made from the English template of their own. */
const englishHeaders: Record<ColumnKey, string[]> = {
  domain: ['domain', 'policydomain'],
  approach: ['approach'],
  strategic: ['strategicobjective'],
  operational: ['operationalobjective'],
  action: ['action', 'title'],
  owner: ['owner'],
  partners: ['partners'],
  start: ['startdate', 'start'],
  due: ['duedate', 'enddate', 'due'],
  status: ['status'],
  overdue: ['overdue'],
  means: ['means', 'resources'],
  budget: ['budget', 'budgeteur'],
  indicators: ['indicators'],
};

// Aanpak, Achterstallig and Indicatoren are written by the export but derived (the domain's
// approach, overdue) or free text (indicators): they are recognised and read past, never imported.
const requiredColumns: readonly ColumnKey[] = ['domain', 'strategic', 'operational', 'action'];

const statusWords: Record<string, ActionStatus> = {
  ...Object.fromEntries(actionStatuses.map((s) => [normalise(s), s])),
  ...Object.fromEntries(Object.entries(statusLabelsNl).map(([s, label]) => [normalise(label), s as ActionStatus])),
  open: 'planned', bezig: 'in_progress', running: 'in_progress', klaar: 'done', gedaan: 'done', uitgestelde: 'postponed', gestopt: 'dropped', stopped: 'dropped',
};

export interface ImportedAction {
  /** Row of the sheet (1 = the header). */
  line: number;
  path: { domain: string; strategic: string; operational: string };
  ownerName: string | null;
  values: {
    title: string;
    partners: string[];
    startDate: string | null;
    dueDate: string | null;
    status: ActionStatus;
    means: string;
    budget: number | null;
  };
  /** The header of each column as the sheet writes it, to name it in a problem. */
  columns: Partial<Record<ColumnKey | 'title', string>>;
}

/** An amount cell: a number as it is, text the Belgian way (1.500,50) through the shared reader. */
export function amountOf(cell: Cell): number | null | 'bad' {
  if (cell === null || cell === '') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : 'bad';
  const text = cellText(cell);
  if (!text) return null;
  const parsed = parseAmount(text, 'nl');
  return parsed.ok ? parsed.value : 'bad';
}

function headerKey(text: string): ColumnKey | undefined {
  const key = normalise(text);
  return planExportColumns.find((c) => normalise(c.header) === key || englishHeaders[c.key].includes(key))?.key;
}

/**
 * The sheet's rows. A problem with the file or its header throws (ImportFileError); problems of
 * single rows are handed back with the good rows, so that one answer lists every problem.
 */
export async function readActionSheet(bytes: Buffer): Promise<{ rows: ImportedAction[]; problems: ImportProblem[] }> {
  const sheet = await readXlsx(bytes, ['actieplan', 'actionplan', 'acties', 'actions']);
  const problems: ImportProblem[] = [];
  const byKey = new Map<ColumnKey, { index: number; column: string }>();
  for (const header of sheet.headers) {
    if (!header.text) continue;
    const key = headerKey(header.text);
    if (!key) {
      problems.push({ path: `rows[1].${header.letter}`, message: `unknown column; use the columns of the plan export (${planExportColumns.map((c) => c.header).join(', ')})`, line: 1, column: header.text });
    } else if (byKey.has(key)) {
      problems.push({ path: `rows[1].${header.letter}`, message: `is the same column as "${byKey.get(key)!.column}"`, line: 1, column: header.text });
    } else {
      byKey.set(key, { index: header.index, column: header.text });
    }
  }
  for (const key of requiredColumns) {
    const header = planExportColumns.find((c) => c.key === key)!.header;
    if (!byKey.has(key)) problems.push({ path: 'rows[1]', message: `has no column "${header}"`, line: 1, column: header });
  }
  const rows = sheet.rows.filter((r) => r.cells.some((c) => cellText(c) !== ''));
  if (!rows.length && !problems.length) problems.push({ path: 'file', message: 'has no actions under its header', line: 1, column: '' });
  if (rows.length > MAX_ACTION_IMPORT_ROWS) problems.push({ path: 'file', message: `has ${rows.length} rows; at most ${MAX_ACTION_IMPORT_ROWS} at once`, line: 1, column: '' });
  if (problems.length) throw new ImportFileError(problems);

  const columns = Object.fromEntries([...byKey].map(([key, { column }]) => [key, column])) as ImportedAction['columns'];
  columns.title = columns.action;
  const out: ImportedAction[] = [];
  for (const row of rows) {
    const rowProblems: ImportProblem[] = [];
    const problem = (key: ColumnKey, message: string) =>
      rowProblems.push({ path: `rows[${row.line}].${key}`, message, line: row.line, column: columns[key] ?? planExportColumns.find((c) => c.key === key)!.header });
    const cell = (key: ColumnKey): Cell => (byKey.has(key) ? (row.cells[byKey.get(key)!.index] ?? null) : null);
    const text = (key: ColumnKey) => cellText(cell(key));
    for (const key of requiredColumns.slice(0, 3)) if (!text(key)) problem(key, 'must not be empty: name where the action goes, as the export writes it');
    const status = text('status') ? statusWords[normalise(text('status'))] : 'planned';
    if (!status) problem('status', `must be ${Object.values(statusLabelsNl).join(', ')}`);
    const dates: Record<'start' | 'due', string | null> = { start: null, due: null };
    for (const key of ['start', 'due'] as const) {
      const date = parseDate(cell(key));
      if (date === 'bad') problem(key, 'must be a date such as 15/09/2027');
      else dates[key] = date;
    }
    const budget = amountOf(cell('budget'));
    if (budget === 'bad') problem('budget', 'must be an amount such as 1.500,50');
    const candidate = {
      title: text('action'),
      partners: text('partners').split(/[;,\n]/).map((s) => s.trim()).filter(Boolean),
      startDate: dates.start,
      dueDate: dates.due,
      status: status ?? 'planned',
      means: text('means'),
      budget: budget === 'bad' ? null : budget,
    };
    const parsed = actionInput.safeParse(candidate);
    if (!parsed.success) {
      const keyOf: Record<string, ColumnKey> = { title: 'action', partners: 'partners', startDate: 'start', dueDate: 'due', status: 'status', means: 'means', budget: 'budget' };
      for (const issue of parsed.error.issues) {
        const key = keyOf[String(issue.path[0] ?? 'title')] ?? 'action';
        if (!rowProblems.some((p) => p.path === `rows[${row.line}].${key}`)) problem(key, issue.message);
      }
    }
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    out.push({
      line: row.line,
      path: { domain: text('domain'), strategic: text('strategic'), operational: text('operational') },
      ownerName: text('owner') || null,
      values: candidate as ImportedAction['values'],
      columns,
    });
  }
  return { rows: out, problems };
}
