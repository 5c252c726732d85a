import type { DocumentModel, DocumentSection } from '../documents/document-model';
import { calendarDate } from '../documents/minutes-document';
import type { ActionStatus } from '../shared/enums';
import { actionStatuses } from '../shared/enums';
import { chartedIndicators, indicatorChart, MAX_CHARTS } from './report-chart';
import type { ReportSnapshot } from './report-schemas';

/**
 * The progress report to the college as a document model: the snapshot (computed from the plan)
 * and the free text of the coordinator and the chair, nothing else. It names people only as
 * owners of actions and authors of progress notes, by name.
 */
export interface ReportDocumentInput {
  snapshot: ReportSnapshot;
  summary: string;
  decisionsRequested: string;
  budgetRequests: string;
  state: 'draft' | 'submitted' | 'sent_back' | 'approved';
  approvedAt: string | null;
  approvedByName: string | null;
}

type Locale = DocumentModel['locale'];

const statusWords: Record<Locale, Record<ActionStatus, string>> = {
  'nl-BE': { planned: 'Gepland', in_progress: 'Bezig', done: 'Afgerond', postponed: 'Uitgesteld', dropped: 'Geschrapt' },
  en: { planned: 'Planned', in_progress: 'In progress', done: 'Done', postponed: 'Postponed', dropped: 'Dropped' },
};

const texts = {
  'nl-BE': {
    title: 'Voortgangsrapport aan het college',
    period: 'Periode',
    college: 'Collegezitting',
    status: 'Status',
    states: { draft: 'Ontwerp', submitted: 'Ingediend bij de voorzitter', sent_back: 'Teruggestuurd', approved: 'Goedgekeurd' } as Record<string, string>,
    approvedBy: (name: string, date: string) => `Goedgekeurd door ${name} op ${date}`,
    summary: 'Samenvatting',
    noSummary: 'Geen samenvatting.',
    keyFigures: 'Kerncijfers',
    figure: 'Kerncijfer',
    number: 'Aantal',
    domains: 'Domeinen',
    objectives: 'Operationele doelstellingen',
    actions: 'Acties',
    overdueCount: 'Acties over hun einddatum',
    indicatorsCount: 'Indicatoren',
    perDomain: 'Voortgang per domein',
    structural: 'structureel',
    mitigating: 'milderend',
    objective: 'Doelstelling',
    byStatus: 'Acties per status',
    noObjectives: 'Nog geen doelstellingen in dit domein.',
    changes: 'Wat veranderde sinds het vorige rapport',
    firstReport: 'Dit is het eerste rapport aan het college: er is geen vorig rapport om mee te vergelijken.',
    comparedWith: (start: string, end: string) => `Vergeleken met het rapport over ${start} tot ${end}.`,
    noChanges: 'Geen wijzigingen in de acties sinds het vorige rapport.',
    action: 'Actie',
    change: 'Wijziging',
    from: 'Was',
    to: 'Wordt',
    changeKinds: { added: 'Nieuw', removed: 'Verwijderd', status_changed: 'Status', due_changed: 'Einddatum' } as Record<string, string>,
    overdue: 'Acties over hun einddatum',
    asOf: (date: string) => `Stand op ${date}.`,
    noOverdue: 'Geen enkele actie is over haar einddatum.',
    domain: 'Domein',
    due: 'Einddatum',
    daysLate: (n: number) => (n === 1 ? '1 dag te laat' : `${n} dagen te laat`),
    owner: 'Trekker',
    latestNote: 'Laatste stand van zaken',
    noNote: 'Nog geen notitie.',
    indicators: 'Indicatoren: beginwaarde, streefwaarde en meting',
    noIndicators: 'Er zijn nog geen indicatoren.',
    indicator: 'Indicator',
    baseline: 'Beginwaarde',
    target: 'Streefwaarde',
    latest: 'Laatste meting',
    progress: 'Op weg naar doel',
    chartsNote: (n: number) => `Grafieken voor de eerste ${n} indicatoren met metingen; de waarden staan in de tabel.`,
    decisions: 'Beslissingen uit de verslagen van deze periode',
    noDecisions: 'Er werden in deze periode geen beslissingen genoteerd.',
    meeting: 'Vergadering',
    item: 'Agendapunt',
    decision: 'Beslissing',
    next: 'Wat komt eraan',
    nextIntro: (start: string, end: string) => `Acties met een einddatum tussen ${start} en ${end}.`,
    noNext: 'Geen acties met een einddatum in de volgende periode.',
    more: (shown: number, all: number) => `De eerste ${shown} van ${all}; de volledige lijst staat in het rapport in Kansrijk.`,
    asked: 'Wat het college gevraagd wordt te beslissen',
    noAsked: 'Het college wordt deze keer niets gevraagd.',
    budget: 'Budgetvragen',
    noBudget: 'Geen budgetvragen.',
    footer: 'Voortgangsrapport lokaal beleid kinderarmoede — berekend uit het actieplan in Kansrijk.',
  },
  en: {
    title: 'Progress report to the college',
    period: 'Period',
    college: 'College meeting',
    status: 'Status',
    states: { draft: 'Draft', submitted: 'Submitted to the chair', sent_back: 'Sent back', approved: 'Approved' } as Record<string, string>,
    approvedBy: (name: string, date: string) => `Approved by ${name} on ${date}`,
    summary: 'Summary',
    noSummary: 'No summary.',
    keyFigures: 'Key figures',
    figure: 'Figure',
    number: 'Number',
    domains: 'Domains',
    objectives: 'Operational objectives',
    actions: 'Actions',
    overdueCount: 'Actions past their due date',
    indicatorsCount: 'Indicators',
    perDomain: 'Progress per domain',
    structural: 'structural',
    mitigating: 'mitigating',
    objective: 'Objective',
    byStatus: 'Actions by status',
    noObjectives: 'No objectives in this domain yet.',
    changes: 'What changed since the previous report',
    firstReport: 'This is the first report to the college: there is no previous report to compare with.',
    comparedWith: (start: string, end: string) => `Compared with the report on ${start} to ${end}.`,
    noChanges: 'No changes to the actions since the previous report.',
    action: 'Action',
    change: 'Change',
    from: 'Was',
    to: 'Now',
    changeKinds: { added: 'New', removed: 'Removed', status_changed: 'Status', due_changed: 'Due date' } as Record<string, string>,
    overdue: 'Actions past their due date',
    asOf: (date: string) => `As of ${date}.`,
    noOverdue: 'No action is past its due date.',
    domain: 'Domain',
    due: 'Due',
    daysLate: (n: number) => (n === 1 ? '1 day late' : `${n} days late`),
    owner: 'Owner',
    latestNote: 'Latest progress note',
    noNote: 'No note yet.',
    indicators: 'Indicators: baseline, target and measurement',
    noIndicators: 'There are no indicators yet.',
    indicator: 'Indicator',
    baseline: 'Baseline',
    target: 'Target',
    latest: 'Latest measurement',
    progress: 'Towards target',
    chartsNote: (n: number) => `Charts for the first ${n} indicators with measurements; every value is in the table.`,
    decisions: 'Decisions from the minutes of this period',
    noDecisions: 'No decisions were recorded in this period.',
    meeting: 'Meeting',
    item: 'Agenda item',
    decision: 'Decision',
    next: 'What comes next',
    nextIntro: (start: string, end: string) => `Actions due between ${start} and ${end}.`,
    noNext: 'No actions due in the next period.',
    more: (shown: number, all: number) => `The first ${shown} of ${all}; the full list is in the report in Kansrijk.`,
    asked: 'What the college is asked to decide',
    noAsked: 'The college is asked to decide nothing this time.',
    budget: 'Budget requests',
    noBudget: 'No budget requests.',
    footer: 'Progress report on the local policy against child poverty — computed from the action plan in Kansrijk.',
  },
} as const;

function paragraphs(text: string, empty: string): string[] {
  const parts = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts : [empty];
}

export function formatValue(value: number | null, locale: Locale): string {
  return value === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/**
 * A long list stops here in the documents: a college reads the first ones, and a 2,500-action
 * plan would otherwise make a document of hundreds of pages that takes seconds to render. The
 * snapshot and the tab keep every row.
 */
export const MAX_TABLE_ROWS = 100;

function capped<T>(rows: readonly T[], note: (shown: number, all: number) => string): { rows: readonly T[]; notes: string[] } {
  return rows.length > MAX_TABLE_ROWS ? { rows: rows.slice(0, MAX_TABLE_ROWS), notes: [note(MAX_TABLE_ROWS, rows.length)] } : { rows, notes: [] };
}

export function reportDocument(input: ReportDocumentInput): DocumentModel {
  const { snapshot: s } = input;
  const locale = s.locale;
  const t = texts[locale];
  const words = statusWords[locale];
  const date = (d: string) => calendarDate(d, locale);

  const facts: [string, string][] = [
    [t.period, `${date(s.period.start)} – ${date(s.period.end)}`],
    ...(s.collegeDate ? ([[t.college, date(s.collegeDate)]] as [string, string][]) : []),
    [t.status, input.state === 'approved' && input.approvedByName && input.approvedAt ? t.approvedBy(input.approvedByName, date(input.approvedAt)) : (t.states[input.state] ?? input.state)],
  ];

  const keyFigures: DocumentSection = {
    heading: t.keyFigures,
    table: {
      columns: [t.figure, t.number],
      rows: [
        [t.domains, String(s.totals.domains)],
        [t.objectives, String(s.totals.objectives)],
        [t.actions, String(s.totals.actions)],
        ...actionStatuses.map((st) => [`${t.actions}: ${words[st].toLowerCase()}`, String(s.totals.byStatus[st])]),
        [t.overdueCount, String(s.totals.overdue)],
        [t.indicatorsCount, String(s.totals.indicators)],
      ],
    },
  };

  const perDomain: DocumentSection = {
    heading: t.perDomain,
    sections: s.domains.map((d) => {
      // One cell with the counts: five narrow number columns would break their headings mid-word.
      const rows = d.strategicObjectives.flatMap((so) => so.operationalObjectives.map((o) => [o.title, actionStatuses.map((st) => `${words[st]}: ${o.byStatus[st]}`).join(' · ')]));
      return {
        heading: `${d.name} (${d.approach === 'mitigating' ? t.mitigating : t.structural})`,
        paragraphs: [actionStatuses.map((st) => `${words[st]}: ${d.byStatus[st]}`).join(' · ')],
        ...(rows.length ? { table: { columns: [t.objective, t.byStatus], rows } } : { bullets: [t.noObjectives] }),
      };
    }),
  };

  const changeRows = capped(s.changes, t.more);
  const changes: DocumentSection = {
    heading: t.changes,
    paragraphs: [s.comparedWith ? t.comparedWith(date(s.comparedWith.periodStart), date(s.comparedWith.periodEnd)) : t.firstReport, ...(s.comparedWith && s.changes.length === 0 ? [t.noChanges] : []), ...changeRows.notes],
    ...(s.changes.length
      ? {
          table: {
            columns: [t.action, t.change, t.from, t.to],
            rows: changeRows.rows.map((c) => {
              const show = (v: string | null) => (v === null ? '—' : c.kind === 'due_changed' ? date(v) : (words[v as ActionStatus] ?? v));
              return [c.title, t.changeKinds[c.kind] ?? c.kind, show(c.from), show(c.to)];
            }),
          },
        }
      : {}),
  };

  const overdueRows = capped(s.overdue, t.more);
  const overdue: DocumentSection = {
    heading: t.overdue,
    paragraphs: [t.asOf(date(s.asOf)), ...(s.overdue.length ? [] : [t.noOverdue]), ...overdueRows.notes],
    ...(s.overdue.length
      ? {
          table: {
            columns: [t.action, t.domain, t.due, t.owner, t.latestNote],
            rows: overdueRows.rows.map((o) => [o.title, o.domainName, `${date(o.dueDate)} (${t.daysLate(o.daysOverdue)})`, o.ownerName ?? '—', o.latestNote ? `${o.latestNote.note} (${o.latestNote.authorName}, ${date(o.latestNote.createdAt)})` : t.noNote]),
          },
        }
      : {}),
  };

  const charted = chartedIndicators(s);
  const indicatorRows = capped(s.indicators, t.more);
  const indicators: DocumentSection = {
    heading: t.indicators,
    ...(s.indicators.length
      ? {
          paragraphs: [...(charted.length === MAX_CHARTS ? [t.chartsNote(MAX_CHARTS)] : []), ...indicatorRows.notes],
          table: {
            columns: [t.indicator, t.domain, t.baseline, t.target, t.latest, t.progress],
            rows: indicatorRows.rows.map((i) => [
              i.unit ? `${i.name} (${i.unit})` : i.name,
              i.domainName,
              formatValue(i.baseline, locale),
              formatValue(i.target, locale),
              i.latest ? `${formatValue(i.latest.value, locale)} (${date(i.latest.measuredOn)})` : '—',
              i.progress === null ? '—' : `${Math.round(i.progress * 100)}%`,
            ]),
          },
          figures: charted.map((i) => indicatorChart(i, locale)),
        }
      : { paragraphs: [t.noIndicators] }),
  };

  const decisions: DocumentSection = {
    heading: t.decisions,
    ...(s.decisions.length
      ? { table: { columns: [t.meeting, t.item, t.decision], rows: s.decisions.map((d) => [`${d.bodyName}: ${d.meetingTitle} (${date(d.heldOn)})`, d.agendaItemTitle, d.decisions.trim()]) } }
      : { paragraphs: [t.noDecisions] }),
  };

  const nextRows = capped(s.next, t.more);
  const next: DocumentSection = {
    heading: t.next,
    paragraphs: [t.nextIntro(date(s.nextPeriod.start), date(s.nextPeriod.end)), ...(s.next.length ? [] : [t.noNext]), ...nextRows.notes],
    ...(s.next.length ? { table: { columns: [t.action, t.domain, t.due, t.status, t.owner], rows: nextRows.rows.map((a) => [a.title, a.domainName, a.dueDate ? date(a.dueDate) : '—', words[a.status], a.ownerName ?? '—']) } } : {}),
  };

  return {
    locale,
    title: t.title,
    subtitle: `${s.trajectory.municipality} — ${s.trajectory.name}`,
    facts,
    sections: [
      { heading: t.summary, paragraphs: paragraphs(input.summary, t.noSummary) },
      keyFigures,
      { heading: t.asked, paragraphs: paragraphs(input.decisionsRequested, t.noAsked) },
      { heading: t.budget, paragraphs: paragraphs(input.budgetRequests, t.noBudget) },
      perDomain,
      changes,
      overdue,
      indicators,
      decisions,
      next,
    ],
    footer: t.footer,
    author: s.trajectory.municipality,
  };
}
