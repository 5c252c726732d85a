import ExcelJS from 'exceljs';
import { assessDeviations, contextCatalogue, contextLevels, type ContextLevel } from '../context-indicators/context-catalogue';
import type { ActionStatus } from '../shared/enums';
import { spreadsheetCell, spreadsheetRow } from '../shared/spreadsheet-cell';
import { addEvaluationSheet, type EvaluationExport } from './plan-evaluation-sheet';
import type { createPlanService } from './plan-service';

type Plan = Awaited<ReturnType<ReturnType<typeof createPlanService>['plan']>>;

export const statusLabelsNl: Record<ActionStatus, string> = {
  planned: 'gepland',
  in_progress: 'lopend',
  done: 'afgerond',
  postponed: 'uitgesteld',
  dropped: 'geschrapt',
};

const approachLabelsNl: Record<string, string> = { structural: 'structureel', mitigating: 'milderend' };
const kindLabelsNl: Record<string, string> = { output: 'output', outcome: 'outcome' };

/** Dutch headers, in the order a coordinator's spreadsheet usually has them. */
export const planExportColumns = [
  { header: 'Beleidsdomein', key: 'domain', width: 28 },
  { header: 'Aanpak', key: 'approach', width: 12 },
  { header: 'Strategische doelstelling', key: 'strategic', width: 40 },
  { header: 'Operationele doelstelling', key: 'operational', width: 40 },
  { header: 'Actie', key: 'action', width: 44 },
  { header: 'Eigenaar', key: 'owner', width: 22 },
  { header: 'Partners', key: 'partners', width: 28 },
  { header: 'Startdatum', key: 'start', width: 12 },
  { header: 'Einddatum', key: 'due', width: 12 },
  { header: 'Status', key: 'status', width: 12 },
  { header: 'Achterstallig', key: 'overdue', width: 12 },
  { header: 'Middelen', key: 'means', width: 32 },
  { header: 'Budget (EUR)', key: 'budget', width: 14 },
  { header: 'Indicatoren', key: 'indicators', width: 60 },
] as const;

function asDate(value: string | null): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}

function number(value: number | null): string {
  return value === null ? '–' : value.toLocaleString('nl-BE');
}

function describeIndicator(i: Plan['domains'][number]['strategicObjectives'][number]['operationalObjectives'][number]['actions'][number]['indicators'][number]): string {
  const unit = i.unit ? ` ${i.unit}` : '';
  const latest = i.latestValue === null ? 'nog geen meting' : `laatste meting ${number(i.latestValue)}${unit}${i.latestOn ? ` op ${i.latestOn}` : ''}`;
  return `${i.name} (${kindLabelsNl[i.kind] ?? i.kind}): nulmeting ${number(i.baseline)}, streefwaarde ${number(i.target)}${unit}, ${latest}`;
}

/** A context value as the environment analysis' slice hands it out (src/context-indicators/). */
export interface ContextExportValue {
  indicator: string;
  year: number;
  level: ContextLevel;
  value: number;
  source: string;
}

const unitLabelsNl: Record<string, string> = { count: 'aantal', percent: '%', index: 'index' };

export const contextExportColumns = [
  { header: 'Indicator', key: 'indicator', width: 48 },
  { header: 'Eenheid', key: 'unit', width: 10 },
  { header: 'Jaar', key: 'year', width: 8 },
  { header: 'Gemeente', key: 'municipality', width: 12 },
  { header: 'Arrondissement', key: 'arrondissement', width: 14 },
  { header: 'Provincie', key: 'province', width: 12 },
  { header: 'Vlaams Gewest', key: 'region', width: 14 },
  { header: 'Verschil met gewest', key: 'difference', width: 18 },
  { header: 'Opvallend', key: 'flagged', width: 10 },
  { header: 'Bron', key: 'source', width: 32 },
] as const;

/** The environment analysis: one row per indicator and year, the four levels side by side. */
function addContextSheet(workbook: ExcelJS.Workbook, values: readonly ContextExportValue[]): void {
  const sheet = workbook.addWorksheet('Omgevingsanalyse', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = contextExportColumns.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  const deviations = new Map(assessDeviations(values).map((d) => [`${d.indicator}/${d.year}`, d]));
  for (const indicator of contextCatalogue) {
    const own = values.filter((v) => v.indicator === indicator.code);
    for (const year of [...new Set(own.map((v) => v.year))].sort((a, b) => a - b)) {
      const at = (level: ContextLevel) => own.find((v) => v.year === year && v.level === level);
      const deviation = deviations.get(`${indicator.code}/${year}`);
      const cells = Object.fromEntries(contextLevels.map((level) => [level, at(level)?.value ?? null]));
      sheet.addRow(
        spreadsheetRow({
          indicator: indicator.nameNl,
          unit: unitLabelsNl[indicator.unit] ?? indicator.unit,
          year,
          ...cells,
          difference: deviation ? deviation.relativeDifference : null,
          flagged: deviation ? (deviation.flagged ? 'ja' : 'nee') : '',
          source: [...new Set(own.filter((v) => v.year === year).map((v) => v.source).filter(Boolean))].join(', '),
        }),
      );
    }
  }
  sheet.getColumn('difference').numFmt = '+0.0%;-0.0%;0.0%';
  if (!values.length) sheet.addRow(['Nog geen cijfers ingevoerd of geïmporteerd.']);
}

/** One row per action, with the objectives above it spelled out so that the sheet can be filtered. */
export async function buildPlanWorkbook(plan: Plan, context: readonly ContextExportValue[] = [], evaluation: EvaluationExport = { plans: [], verdicts: [] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kansrijk';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('Actieplan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = planExportColumns.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  const names = new Map(plan.people.map((p) => [p.id, p.displayName]));

  for (const domain of plan.domains) {
    for (const strategic of domain.strategicObjectives) {
      for (const operational of strategic.operationalObjectives) {
        for (const action of operational.actions) {
          const row = sheet.addRow(spreadsheetRow({
            domain: domain.name,
            approach: approachLabelsNl[domain.approach] ?? domain.approach,
            strategic: strategic.title,
            operational: operational.title,
            action: action.title,
            owner: action.ownerId ? (names.get(action.ownerId) ?? '') : '',
            partners: action.partners.join(', '),
            start: asDate(action.startDate),
            due: asDate(action.dueDate),
            status: statusLabelsNl[action.status as ActionStatus] ?? action.status,
            overdue: action.overdue ? 'ja' : 'nee',
            means: action.means,
            budget: action.budget,
            indicators: action.indicators.map(describeIndicator).join('\n'),
          }));
          row.alignment = { vertical: 'top', wrapText: true };
        }
      }
    }
  }
  for (const key of ['start', 'due'] as const) sheet.getColumn(key).numFmt = 'dd/mm/yyyy';
  sheet.getColumn('budget').numFmt = '#,##0.00';
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: planExportColumns.length } };

  addContextSheet(workbook, context);
  addEvaluationSheet(workbook, plan.domains, evaluation);

  const info = workbook.addWorksheet('Info');
  info.addRows(
    [
      ['Traject', plan.trajectory.name],
      ['Gemeente', plan.trajectory.municipality],
      ['Stand op', plan.today],
    ].map((row) => row.map(spreadsheetCell)),
  );
  info.getColumn(1).font = { bold: true };
  info.getColumn(1).width = 14;
  info.getColumn(2).width = 50;

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function exportFileName(plan: Plan): string {
  const slug = plan.trajectory.municipality
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `actieplan-${slug || 'kansrijk'}-${plan.today}.xlsx`;
}
