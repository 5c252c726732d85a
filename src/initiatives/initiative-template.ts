import ExcelJS from 'exceljs';
import { sectors } from '../shared/enums';
import { spreadsheetCell } from '../shared/spreadsheet-cell';
import { importColumns } from './initiative-import';

const sectorNames: Record<(typeof sectors)[number], string> = {
  gemeentelijke_partners: 'Gemeentelijke partners',
  welzijnspartners: 'Welzijnspartners',
  gezondheid: 'Gezondheid',
  wonen_en_leven: 'Wonen en leven',
  ervaringsdeskundigen: 'Ervaringsdeskundigen',
  onderwijs_en_vorming: 'Onderwijs en vorming',
  gezin: 'Gezin',
};

const hints: Record<string, string> = {
  name: 'Verplicht. Een bestaande naam werkt dat initiatief bij.',
  state: 'gepland, lopend of afgerond',
  partners: 'Meerdere partners gescheiden door ; of ,',
  sectors: 'Eén of meer uit de lijst, gescheiden door ; of ,',
  targetGroup: 'Voor wie is het bedoeld?',
  reachFamilies: 'Aantal (bv. 40)',
  reachChildren: 'Aantal (bv. 1.250)',
  since: 'Datum (15/09/2023) of jaartal',
  contactOrganisation: 'Een organisatie, geen gegevens van ouders',
  source: 'meerjarenplan, partner, vereniging, sociale kaart of andere',
  domain: 'Naam van een domein uit de keuzelijst',
};

/**
 * The import's own columns as a workbook: headers with a hint each, and the lists (states,
 * sectors, sources, this trajectory's domains) as drop-downs, so a typed value matches.
 */
export async function buildInitiativeTemplate(domainNames: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kansrijk';
  const sheet = workbook.addWorksheet('Initiatieven', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = importColumns.map((c) => ({ header: c.nl, key: c.field, width: c.field === 'description' || c.field === 'effect' ? 40 : 22 }));
  sheet.getRow(1).font = { bold: true };
  const lists = workbook.addWorksheet('Keuzelijsten');
  const columns: [string, string[]][] = [
    ['Status', ['gepland', 'lopend', 'afgerond']],
    ['Sector', sectors.map((s) => sectorNames[s])],
    ['Bron', ['meerjarenplan', 'partner', 'vereniging', 'sociale kaart', 'andere']],
    ['Domein', domainNames.map((n) => String(spreadsheetCell(n)))],
  ];
  columns.forEach(([header, values], i) => {
    const column = lists.getColumn(i + 1);
    column.width = 28;
    column.values = [header, ...values];
  });
  lists.getRow(1).font = { bold: true };
  const listRef = (i: number, count: number) => {
    const letter = String.fromCharCode(65 + i);
    return `Keuzelijsten!$${letter}$2:$${letter}$${Math.max(2, count + 1)}`;
  };
  const columnLetter = (field: string) => String.fromCharCode(65 + importColumns.findIndex((c) => c.field === field));
  const validations: [string, number, number][] = [
    ['state', 0, 3],
    ['source', 2, 5],
    ...(domainNames.length ? ([['domain', 3, domainNames.length]] as [string, number, number][]) : []),
  ];
  for (const [field, listIndex, count] of validations) {
    const letter = columnLetter(field);
    // exceljs has no range API for validations: one per cell of the first rows an inventory uses.
    for (let row = 2; row <= 200; row++) {
      sheet.getCell(`${letter}${row}`).dataValidation = { type: 'list', allowBlank: true, formulae: [listRef(listIndex, count)], showErrorMessage: true };
    }
  }
  // The hints sit in notes on the headers: a row of them would be imported as an initiative.
  importColumns.forEach((c, i) => {
    const hint = hints[c.field];
    if (hint) sheet.getRow(1).getCell(i + 1).note = hint;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
