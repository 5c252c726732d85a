import type ExcelJS from 'exceljs';
import type { PlannedMeasurements } from '../measurement-plans/measurement-plan-service';
import { spreadsheetCell, spreadsheetRow } from '../shared/spreadsheet-cell';
import type { SignalVerdictOutput } from '../signal-verdicts/signal-verdict-service';

/** What the "Evaluatie" sheet shows beside the plan's indicators (issue 14). */
export interface EvaluationExport {
  plans: PlannedMeasurements['plans'];
  verdicts: readonly SignalVerdictOutput[];
}

interface ExportIndicator {
  id: string;
  name: string;
  kind: string;
  unit: string;
  baseline: number | null;
  target: number | null;
  latestValue: number | null;
  latestOn: string | null;
}

interface ExportDomain {
  id: string;
  name: string;
  strategicObjectives: { operationalObjectives: { actions: { id: string; title: string; indicators: readonly ExportIndicator[] }[] }[] }[];
}

const frequencyNl: Record<string, string> = { monthly: 'maandelijks', quarterly: 'per kwartaal', half_yearly: 'halfjaarlijks', yearly: 'jaarlijks' };
const verdictNl: Record<string, string> = { works: 'werkt', partly: 'werkt deels', not: 'werkt niet' };

export const evaluationColumns = [
  { header: 'Beleidsdomein', key: 'domain', width: 26 },
  { header: 'Actie', key: 'action', width: 40 },
  { header: 'Indicator', key: 'indicator', width: 40 },
  { header: 'Soort', key: 'kind', width: 10 },
  { header: 'Eenheid', key: 'unit', width: 12 },
  { header: 'Nulmeting', key: 'baseline', width: 11 },
  { header: 'Streefwaarde', key: 'target', width: 12 },
  { header: 'Laatste meting', key: 'latest', width: 14 },
  { header: 'Gemeten op', key: 'latestOn', width: 12 },
  { header: 'Meetfrequentie', key: 'frequency', width: 15 },
  { header: 'Volgende meting', key: 'dueOn', width: 15 },
  { header: 'Oordeel signaalgroep', key: 'verdict', width: 22 },
] as const;

const asDate = (value: string | null | undefined): Date | null => (value ? new Date(`${value}T00:00:00Z`) : null);

/**
 * Indicators against their baseline and target with the last value, how they are measured, and
 * the signal group's latest verdict on their action; below them every verdict with its reasons.
 */
export function addEvaluationSheet(workbook: ExcelJS.Workbook, domains: readonly ExportDomain[], evaluation: EvaluationExport): void {
  const sheet = workbook.addWorksheet('Evaluatie', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = evaluationColumns.map((c) => ({ ...c }));
  sheet.getRow(1).font = { bold: true };
  const planOf = new Map(evaluation.plans.map((p) => [p.indicatorId, p]));
  // Newest first from the service: the first one per action is the latest.
  const latestVerdict = new Map<string, SignalVerdictOutput>();
  for (const v of evaluation.verdicts) if (v.actionId && !latestVerdict.has(v.actionId)) latestVerdict.set(v.actionId, v);
  const domainNames = new Map(domains.map((d) => [d.id, d.name]));
  let indicatorRows = 0;
  for (const domain of domains) {
    for (const strategic of domain.strategicObjectives) {
      for (const operational of strategic.operationalObjectives) {
        for (const action of operational.actions) {
          for (const indicator of action.indicators) {
            const plan = planOf.get(indicator.id);
            const verdict = latestVerdict.get(action.id);
            indicatorRows++;
            sheet.addRow(
              spreadsheetRow({
                domain: domain.name,
                action: action.title,
                indicator: indicator.name,
                kind: indicator.kind,
                unit: indicator.unit,
                baseline: indicator.baseline,
                target: indicator.target,
                latest: indicator.latestValue,
                latestOn: asDate(indicator.latestOn),
                frequency: plan ? (frequencyNl[plan.frequency] ?? plan.frequency) : 'geen meetplan',
                dueOn: plan ? asDate(plan.dueOn) : null,
                verdict: verdict ? `${verdictNl[verdict.verdict] ?? verdict.verdict} (${verdict.givenOn})` : '',
              }),
            ).alignment = { vertical: 'top', wrapText: true };
          }
        }
      }
    }
  }
  if (!indicatorRows) sheet.addRow(['Nog geen indicatoren in het plan.']);
  for (const key of ['latestOn', 'dueOn'] as const) sheet.getColumn(key).numFmt = 'dd/mm/yyyy';

  sheet.addRow([]);
  const title = sheet.addRow(['Oordelen van de signaalgroep']);
  title.font = { bold: true };
  const header = sheet.addRow(['Datum', 'Beleidsdomein', 'Actie (leeg: het hele domein)', 'Oordeel', 'Waarom', 'Groep', 'Genoteerd door']);
  header.font = { bold: true };
  for (const v of evaluation.verdicts) {
    sheet
      .addRow(
        [asDate(v.givenOn), domainNames.get(v.domainId) ?? '', v.actionTitle ?? '', verdictNl[v.verdict] ?? v.verdict, v.reasons, v.bodyName, v.recordedByName ?? ''].map(spreadsheetCell),
      )
      .alignment = { vertical: 'top', wrapText: true };
  }
  if (!evaluation.verdicts.length) sheet.addRow(['Nog geen oordelen van de signaalgroep.']);
}
