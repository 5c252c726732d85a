/**
 * Text that a spreadsheet would read as a formula (or a DDE command) once someone edits the cell
 * or opens the file as CSV: =, +, - and @ start formulas, and a leading tab or carriage return
 * hides one of them from a reviewer's eye. OWASP's advice is a leading single quote, which every
 * spreadsheet shows as text and never evaluates.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Every value an export writes goes through here. Only strings change: numbers, dates, booleans
 * and empty cells keep their type so that sums, filters and date formats still work.
 */
export function spreadsheetCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** The same for a whole row given as an object (exceljs addRow with column keys). */
export function spreadsheetRow<R extends Record<string, unknown>>(row: R): { [K in keyof R]: R[K] | string } {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, spreadsheetCell(value)])) as { [K in keyof R]: R[K] | string };
}
