import type { DocumentModel, DocumentSection } from '../documents/document-model';
import { calendarDate } from '../documents/minutes-document';
import type { ActionStatus } from '../shared/enums';
import { actionStatuses } from '../shared/enums';
import { chartedIndicators, indicatorChart, MAX_CHARTS } from './report-chart';
import type { ReportSnapshot } from './report-schemas';
import { createTranslator } from '../shared/i18n/translator';

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

/** The status words of the tabs and the bot (catalogue keys status.*). */
const statusWords: Record<Locale, Record<ActionStatus, string>> = Object.fromEntries(
  (['nl-BE', 'en'] as const).map((locale) => {
    const { t } = createTranslator(locale === 'en' ? 'en' : 'nl');
    return [locale, Object.fromEntries(actionStatuses.map((s) => [s, t(`status.${s}`)])) as Record<ActionStatus, string>];
  }),
) as Record<Locale, Record<ActionStatus, string>>;

// The document's words live in the one catalogue (src/shared/i18n/messages/features/documents.ts).
function textsOf(locale: Locale) {
  const { t } = createTranslator(locale === 'en' ? 'en' : 'nl');
  return {
    title: t('doc.report.title'),
    period: t('doc.report.period'),
    college: t('doc.report.college'),
    status: t('doc.report.status'),
    states: { draft: t('doc.report.states.draft'), submitted: t('doc.report.states.submitted'), sent_back: t('doc.report.states.sent_back'), approved: t('doc.report.states.approved') } as Record<string, string>,
    approvedBy: (name: string, date: string) => t('doc.report.approvedBy', { name, date }),
    summary: t('doc.report.summary'),
    noSummary: t('doc.report.noSummary'),
    keyFigures: t('doc.report.keyFigures'),
    figure: t('doc.report.figure'),
    number: t('doc.report.number'),
    domains: t('doc.report.domains'),
    objectives: t('doc.report.objectives'),
    actions: t('doc.report.actions'),
    overdueCount: t('doc.report.overdueCount'),
    indicatorsCount: t('doc.report.indicatorsCount'),
    perDomain: t('doc.report.perDomain'),
    structural: t('doc.report.structural'),
    mitigating: t('doc.report.mitigating'),
    objective: t('doc.report.objective'),
    byStatus: t('doc.report.byStatus'),
    noObjectives: t('doc.report.noObjectives'),
    changes: t('doc.report.changes'),
    firstReport: t('doc.report.firstReport'),
    comparedWith: (start: string, end: string) => t('doc.report.comparedWith', { start, end }),
    noChanges: t('doc.report.noChanges'),
    action: t('doc.report.action'),
    change: t('doc.report.change'),
    from: t('doc.report.from'),
    to: t('doc.report.to'),
    changeKinds: { added: t('doc.report.changeKinds.added'), removed: t('doc.report.changeKinds.removed'), status_changed: t('doc.report.changeKinds.status_changed'), due_changed: t('doc.report.changeKinds.due_changed') } as Record<string, string>,
    overdue: t('doc.report.overdue'),
    asOf: (date: string) => t('doc.report.asOf', { date }),
    noOverdue: t('doc.report.noOverdue'),
    domain: t('doc.report.domain'),
    due: t('doc.report.due'),
    daysLate: (days: number) => t('doc.report.daysLate', { days }),
    owner: t('doc.report.owner'),
    latestNote: t('doc.report.latestNote'),
    noNote: t('doc.report.noNote'),
    indicators: t('doc.report.indicators'),
    noIndicators: t('doc.report.noIndicators'),
    indicator: t('doc.report.indicator'),
    baseline: t('doc.report.baseline'),
    target: t('doc.report.target'),
    latest: t('doc.report.latest'),
    progress: t('doc.report.progress'),
    chartsNote: (n: number) => t('doc.report.chartsNote', { n }),
    decisions: t('doc.report.decisions'),
    noDecisions: t('doc.report.noDecisions'),
    meeting: t('doc.report.meeting'),
    item: t('doc.report.item'),
    decision: t('doc.report.decision'),
    next: t('doc.report.next'),
    nextIntro: (start: string, end: string) => t('doc.report.nextIntro', { start, end }),
    noNext: t('doc.report.noNext'),
    more: (shown: number, all: number) => t('doc.report.more', { shown, all }),
    asked: t('doc.report.asked'),
    noAsked: t('doc.report.noAsked'),
    budget: t('doc.report.budget'),
    noBudget: t('doc.report.noBudget'),
    footer: t('doc.report.footer'),
  };
}

const texts: Record<Locale, ReturnType<typeof textsOf>> = { 'nl-BE': textsOf('nl-BE'), en: textsOf('en') };

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
