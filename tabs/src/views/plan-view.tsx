import { Button, Checkbox, Field, Input, makeStyles, mergeClasses, Select, Spinner, tokens } from '@fluentui/react-components';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { actionStatuses, type Plan, type PlanAction, type PlanCan, type PlanDomain, type PlanOperational, type PlanStrategic, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { ChevronDown, ChevronRight, Download, Pencil, Plus } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { IndicatorProgress, OverdueFlag, StatusLabel } from '../components/status';
import { useCardStyles, ViewRoot } from '../components/view';
import { ActionDialog, type ActionDialogMode } from '../dialogs/action-dialog';
import { DomainDialog } from '../dialogs/domain-dialog';
import { ObjectiveDialog, type ObjectiveTarget } from '../dialogs/objective-dialog';
import { actionRights, allActions, applyActionToPlan, domainRights, operationalRights, strategicRights, usePlan } from '../data/plan';
import { loadResource } from '../data/resource';
import { label, useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';
import { ActionDetail } from './action-detail';
import { PlanSetupTools } from '../dialogs/plan-setup-tools';
import { useModal } from '../components/modal';
import { planCardLabels, usePlanCardStyles } from './plan-cards';

/** Above this many actions the plan opens with only its domains showing. */
const BIG_PLAN = 300;
const ROWS_PER_PAGE = 300;

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  search: { minWidth: '220px', flexGrow: 1, maxWidth: '360px' },
  filter: { minWidth: '150px' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginInlineStart: 'auto' },
  tableWrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusLarge },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase300,
    '& th': {
      textAlign: 'start',
      fontWeight: tokens.fontWeightSemibold,
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
      position: 'sticky',
      top: 0,
      backgroundColor: tokens.colorNeutralBackground1,
      whiteSpace: 'nowrap',
    },
    '& td': { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, verticalAlign: 'top' },
  },
  domainRow: { backgroundColor: tokens.colorNeutralBackground3, '& td': { paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS } },
  focused: { outline: `2px solid ${tokens.colorPaletteMarigoldBorderActive}`, outlineOffset: '-2px', backgroundColor: tokens.colorPaletteMarigoldBackground1 },
  titleCell: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalXS, minWidth: '18rem' },
  toggle: {
    display: 'inline-flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    background: 'none',
    border: 'none',
    padding: '2px',
    margin: 0,
    color: 'inherit',
    font: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  chevron: { flexShrink: 0, marginTop: '3px' },
  spacer: { width: '20px', flexShrink: 0 },
  caption: { display: 'block', fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, color: tokens.colorNeutralForeground2, textTransform: 'uppercase', letterSpacing: '0.04em' },
  domainName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  strategic: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  actionLink: {
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'none',
    padding: '2px',
    ':hover': { textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
  indicators: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  tools: { display: 'flex', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  due: { display: 'flex', flexDirection: 'column', whiteSpace: 'nowrap' },
  footer: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalM },
});

interface Filters {
  q: string;
  domain: string;
  owner: string;
  status: string;
  overdue: boolean;
}

function filtersFrom(query: URLSearchParams): Filters {
  return { q: query.get('q') ?? '', domain: query.get('domain') ?? '', owner: query.get('owner') ?? '', status: query.get('status') ?? '', overdue: query.get('overdue') === 'true' };
}

type Row =
  | { kind: 'domain'; id: string; domain: PlanDomain; count: number }
  | { kind: 'strategic'; id: string; strategic: PlanStrategic; domain: PlanDomain; count: number }
  | { kind: 'operational'; id: string; operational: PlanOperational; strategic: PlanStrategic; count: number }
  | { kind: 'action'; id: string; action: PlanAction };

interface Expansion {
  all: boolean;
  toggled: ReadonlySet<string>;
}

const isExpanded = (e: Expansion, id: string) => e.all !== e.toggled.has(id);

function buildRows(plan: Plan, matches: ((a: PlanAction) => boolean) | null, domainFilter: string, expansion: Expansion): { rows: Row[]; matched: number } {
  const rows: Row[] = [];
  let matched = 0;
  for (const domain of plan.domains) {
    if (domainFilter && domain.id !== domainFilter) continue;
    const count = (list: PlanAction[]) => (matches ? list.filter(matches).length : list.length);
    const domainCount = domain.strategicObjectives.reduce((n, s) => n + s.operationalObjectives.reduce((m, o) => m + count(o.actions), 0), 0);
    matched += domainCount;
    if (matches && !domainCount) continue;
    rows.push({ kind: 'domain', id: domain.id, domain, count: domainCount });
    if (!isExpanded(expansion, domain.id)) continue;
    for (const strategic of domain.strategicObjectives) {
      const sCount = strategic.operationalObjectives.reduce((m, o) => m + count(o.actions), 0);
      if (matches && !sCount) continue;
      rows.push({ kind: 'strategic', id: strategic.id, strategic, domain, count: sCount });
      if (!isExpanded(expansion, strategic.id)) continue;
      for (const operational of strategic.operationalObjectives) {
        const oCount = count(operational.actions);
        if (matches && !oCount) continue;
        rows.push({ kind: 'operational', id: operational.id, operational, strategic, count: oCount });
        if (!isExpanded(expansion, operational.id)) continue;
        for (const action of operational.actions) if (!matches || matches(action)) rows.push({ kind: 'action', id: action.id, action });
      }
    }
  }
  return { rows, matched };
}

/** The ids of a node and everything above it in the plan. */
function pathTo(plan: Plan, id: string): string[] {
  for (const d of plan.domains) {
    if (d.id === id) return [d.id];
    for (const s of d.strategicObjectives) {
      if (s.id === id) return [d.id, s.id];
      for (const o of s.operationalObjectives) {
        if (o.id === id) return [d.id, s.id, o.id];
        if (o.actions.some((a) => a.id === id)) return [d.id, s.id, o.id, id];
      }
    }
  }
  return [];
}

type DialogState = { kind: 'objective'; target: ObjectiveTarget } | { kind: 'action'; mode: ActionDialogMode } | { kind: 'domain'; domain: PlanDomain };

interface RowProps {
  row: Row;
  trajectoryId: string;
  expanded: boolean;
  focused: boolean;
  /** What the server says the caller may do, per entity (absent: the tools column is not shown). */
  can: PlanCan | null;
  ownerName: string;
  onToggle: (id: string) => void;
  onDialog: (dialog: DialogState) => void;
}

const PlanRow = memo(function PlanRow({ row, trajectoryId, expanded, focused, can, ownerName, onToggle, onDialog }: RowProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const level = { domain: 0, strategic: 1, operational: 2, action: 3 }[row.kind];
  // The server's answers for this row's entity.
  const rights = { domain: domainRights(can, row.id), strategic: strategicRights(can, row.id), operational: operationalRights(can, row.id), action: actionRights(can, row.id) };
  const indent = { paddingInlineStart: `${level * 20}px` };
  const toggle = (title: string, caption: string, className?: string) => (
    <button type="button" className={styles.toggle} aria-expanded={expanded} onClick={() => onToggle(row.id)}>
      {expanded ? <ChevronDown className={styles.chevron} /> : <ChevronRight className={styles.chevron} />}
      <span>
        <span className={styles.caption}>{caption}</span>
        <span className={className}>{title}</span>
      </span>
    </button>
  );
  const editButton = (name: string, dialog: DialogState) => (
    <Button size="small" appearance="subtle" data-control="edit" icon={<Pencil />} aria-label={t('plan.edit', { name })} title={t('plan.edit', { name })} onClick={() => onDialog(dialog)} />
  );
  const addButton = (text: string, fullLabel: string, dialog: DialogState) => (
    <Button size="small" appearance="subtle" data-control="add" icon={<Plus />} aria-label={fullLabel} onClick={() => onDialog(dialog)}>
      {text}
    </Button>
  );

  let cells;
  switch (row.kind) {
    case 'domain':
      cells = (
        <>
          <td>
            <div className={styles.titleCell} style={indent}>
              {toggle(row.domain.name, t('plan.level.domain'), styles.domainName)}
            </div>
          </td>
          <td colSpan={4} className={styles.meta}>
            {label(i18n, 'approach', row.domain.approach)} · {label(i18n, 'domainState', row.domain.state)} · {i18n.tc('plan.actionsCount', row.count)}
          </td>
          {can ? (
            <td>
              <div className={styles.tools}>
                {rights.domain.edit ? editButton(row.domain.name, { kind: 'domain', domain: row.domain }) : null}
                {rights.domain.addStrategicObjective
                  ? addButton(t('plan.addStrategic'), t('plan.addStrategicTo', { name: row.domain.name }), { kind: 'objective', target: { kind: 'strategic', domain: row.domain } })
                  : null}
              </div>
            </td>
          ) : null}
        </>
      );
      break;
    case 'strategic':
      cells = (
        <>
          <td>
            <div className={styles.titleCell} style={indent}>
              {toggle(row.strategic.title, t('plan.level.strategic'), styles.strategic)}
            </div>
          </td>
          <td colSpan={4} className={styles.meta}>
            {i18n.tc('plan.actionsCount', row.count)}
          </td>
          {can ? (
            <td>
              <div className={styles.tools}>
                {rights.strategic.edit ? editButton(row.strategic.title, { kind: 'objective', target: { kind: 'strategic', domain: row.domain, existing: row.strategic } }) : null}
                {rights.strategic.addOperationalObjective
                  ? addButton(t('plan.addOperational'), t('plan.addOperationalTo', { name: row.strategic.title }), {
                      kind: 'objective',
                      target: { kind: 'operational', strategic: row.strategic },
                    })
                  : null}
              </div>
            </td>
          ) : null}
        </>
      );
      break;
    case 'operational': {
      const o = row.operational;
      const smart = [o.smartSpecific, o.smartMeasurable, o.smartAgreed, o.smartRealistic, o.smartTimeBound].filter(Boolean).length;
      cells = (
        <>
          <td>
            <div className={styles.titleCell} style={indent}>
              {toggle(o.title, t('plan.level.operational'))}
            </div>
          </td>
          <td colSpan={4} className={styles.meta}>
            {t('plan.smartScore', { done: smart })}
            {o.targetDate ? ` · ${t('plan.targetDate', { date: i18n.date(o.targetDate) })}` : ''} · {i18n.tc('plan.actionsCount', row.count)}
          </td>
          {can ? (
            <td>
              <div className={styles.tools}>
                {rights.operational.edit ? editButton(o.title, { kind: 'objective', target: { kind: 'operational', strategic: row.strategic, existing: o } }) : null}
                {rights.operational.addAction ? addButton(t('plan.addAction'), t('plan.addActionTo', { name: o.title }), { kind: 'action', mode: { kind: 'new', operational: o } }) : null}
              </div>
            </td>
          ) : null}
        </>
      );
      break;
    }
    case 'action': {
      const a = row.action;
      cells = (
        <>
          <td>
            <div className={styles.titleCell} style={indent}>
              <span className={styles.spacer} />
              <a className={styles.actionLink} href={paths.action(trajectoryId, a.id)}>
                {a.title}
              </a>
            </div>
          </td>
          <td>{ownerName || <span className={styles.meta}>{t('board.noOwner')}</span>}</td>
          <td>
            <span className={styles.due}>
              {a.dueDate ? i18n.date(a.dueDate) : <span className={styles.meta}>{t('plan.noDue')}</span>}
              {a.overdue ? <OverdueFlag /> : null}
            </span>
          </td>
          <td>
            <StatusLabel status={a.status} />
          </td>
          <td>
            <div className={styles.indicators}>
              {a.indicators.map((i) => (
                <IndicatorProgress key={i.id} indicator={i} />
              ))}
            </div>
          </td>
          {can ? <td>{rights.action.fields.length ? editButton(a.title, { kind: 'action', mode: { kind: 'edit', actionId: a.id } }) : null}</td> : null}
        </>
      );
      break;
    }
  }
  return (
    <tr data-row={row.kind} data-id={row.id} className={mergeClasses(row.kind === 'domain' && styles.domainRow, focused && styles.focused)}>
      {cells}
    </tr>
  );
});

export function PlanView({ trajectoryId, actionId, query }: { trajectoryId: string; actionId: string | null; query: URLSearchParams; access: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const planCards = usePlanCardStyles();
  const card = useCardStyles();
  const planResource = usePlan(api, trajectoryId);
  const plan = planResource.data?.trajectory.id === trajectoryId ? planResource.data : undefined;
  // Only the server decides what this caller may change; a read-only reader gets no tools column.
  const can = plan && !plan.readOnly ? plan.can : null;
  const queryKey = query.toString();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(query));
  const [expansion, setExpansion] = useState<Expansion | null>(null);
  const [filteredExpansion, setFilteredExpansion] = useState<Expansion>({ all: true, toggled: new Set() });
  const [limit, setLimit] = useState(ROWS_PER_PAGE);
  const dialog = useModal<DialogState>();
  const [detailId, setDetailId] = useState(actionId);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const focusId = query.get('focus');
  const tableRef = useRef<HTMLTableElement>(null);

  useEffect(() => setFilters(filtersFrom(new URLSearchParams(queryKey))), [queryKey]);
  useEffect(() => {
    if (actionId) setDetailId(actionId);
  }, [actionId]);

  const deferredQ = useDeferredValue(filters.q);
  const total = useMemo(() => (plan ? allActions(plan).length : 0), [plan]);
  const owners = useMemo(() => new Map(plan?.people.map((p) => [p.id, p.displayName])), [plan]);
  const filtering = Boolean(deferredQ.trim() || filters.owner || filters.status || filters.overdue);
  const activeExpansion = filtering ? filteredExpansion : (expansion ?? { all: total <= BIG_PLAN, toggled: new Set<string>() });

  const matches = useMemo(() => {
    if (!filtering) return null;
    const q = deferredQ.trim().toLocaleLowerCase(i18n.locale);
    return (a: PlanAction) =>
      (!filters.status || a.status === filters.status) &&
      (!filters.owner || (filters.owner === 'none' ? a.ownerId === null : a.ownerId === filters.owner)) &&
      (!filters.overdue || a.overdue) &&
      (!q || a.title.toLocaleLowerCase(i18n.locale).includes(q) || (owners.get(a.ownerId ?? '') ?? '').toLocaleLowerCase(i18n.locale).includes(q));
  }, [filtering, deferredQ, filters.status, filters.owner, filters.overdue, owners, i18n.locale]);

  const { rows, matched } = useMemo(() => (plan ? buildRows(plan, matches, filters.domain, activeExpansion) : { rows: [], matched: 0 }), [plan, matches, filters.domain, activeExpansion]);

  useEffect(() => {
    if (plan && filtering) announce(matched ? i18n.tc('plan.results', matched) : t('plan.noResults'));
  }, [plan, filtering, matched, announce, i18n, t]);

  // A link from the overview (?focus=…) opens the plan at that item.
  useEffect(() => {
    if (!plan || !focusId) return;
    const path = pathTo(plan, focusId).slice(0, -1);
    if (!path.length && !plan.domains.some((d) => d.id === focusId)) return;
    setExpansion((current) => {
      const base = current ?? { all: total <= BIG_PLAN, toggled: new Set<string>() };
      const toggled = new Set(base.toggled);
      for (const id of path) {
        if (isExpanded(base, id)) continue;
        if (toggled.has(id)) toggled.delete(id);
        else toggled.add(id);
      }
      return { all: base.all, toggled };
    });
  }, [plan, focusId, total]);
  // Scrolled to once per link: a save re-renders the rows, and must not jump back to the linked item.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (!focusId || scrolledTo.current === focusId) return;
    const row = tableRef.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(focusId)}"]`);
    if (!row) return;
    scrolledTo.current = focusId;
    row.scrollIntoView({ block: 'center' });
    row.querySelector<HTMLElement>('button, a')?.focus({ preventScroll: true });
  }, [focusId, rows]);

  const toggle = useCallback(
    (id: string) => {
      const flip = (e: Expansion): Expansion => {
        const toggled = new Set(e.toggled);
        if (toggled.has(id)) toggled.delete(id);
        else toggled.add(id);
        return { all: e.all, toggled };
      };
      if (filtering) setFilteredExpansion(flip);
      else setExpansion((e) => flip(e ?? { all: total <= BIG_PLAN, toggled: new Set() }));
    },
    [filtering, total],
  );
  const setAll = (all: boolean) => {
    if (filtering) setFilteredExpansion({ all, toggled: new Set() });
    else setExpansion({ all, toggled: new Set() });
  };
  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setLimit(ROWS_PER_PAGE);
  };

  const exportPlan = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, fileName } = await api.blob(`/api/v1/trajectories/${trajectoryId}/plan.xlsx`);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName ?? 'actieplan.xlsx';
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(t('plan.exported'));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  const reloadAfterSave = async (message: string) => {
    await loadResource(`plan:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/plan`));
    void loadResource(`overview:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/overview`));
    dialog.hide();
    announce(message);
  };

  const ownerOptions = useMemo(() => [...(plan?.people ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.locale)), [plan, i18n.locale]);
  const shown = rows.slice(0, limit);

  return (
    <ViewRoot
      name="plan"
      title={t('plan.title')}
      subtitle={plan ? `${plan.trajectory.name} · ${i18n.tc('plan.actionsCount', total)}` : undefined}
      ready={Boolean(plan)}
      actions={
        <PlanSetupTools trajectoryId={trajectoryId} plan={plan}>
          <Button icon={<Download />} onClick={() => void exportPlan()} disabled={!plan || exporting}>
            {exporting ? t('plan.exporting') : t('plan.export')}
          </Button>
        </PlanSetupTools>
      }
    >
      {exportError ? <ErrorBox error={exportError} /> : null}
      {planResource.error && !plan ? <ErrorBox error={planResource.error} onRetry={() => void planResource.reload()} /> : null}
      {!plan && !planResource.error ? <Spinner label={t('app.loading')} /> : null}
      {plan ? (
        <>
          <div role="search" className={styles.toolbar} aria-label={t('plan.toolbar')}>
            <Field label={t('plan.search')} className={styles.search}>
              <Input type="search" value={filters.q} onChange={(_, d) => setFilter('q', d.value)} />
            </Field>
            <Field label={t('plan.filterDomain')} className={styles.filter}>
              <Select value={filters.domain} onChange={(_, d) => setFilter('domain', d.value)}>
                <option value="">{t('plan.all')}</option>
                {plan.domains.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('plan.filterOwner')} className={styles.filter}>
              <Select value={filters.owner} onChange={(_, d) => setFilter('owner', d.value)}>
                <option value="">{t('plan.all')}</option>
                <option value="none">{t('plan.noOwner')}</option>
                {ownerOptions.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('plan.filterStatus')} className={styles.filter}>
              <Select value={filters.status} onChange={(_, d) => setFilter('status', d.value)}>
                <option value="">{t('plan.all')}</option>
                {actionStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Checkbox label={t('plan.filterOverdue')} checked={filters.overdue} onChange={(_, d) => setFilter('overdue', d.checked === true)} />
            <div className={styles.buttons}>
              {filtering || filters.domain ? (
                <Button appearance="subtle" onClick={() => setFilters({ q: '', domain: '', owner: '', status: '', overdue: false })}>
                  {t('plan.clearFilters')}
                </Button>
              ) : null}
              <Button onClick={() => setAll(true)}>{t('plan.expandAll')}</Button>
              <Button onClick={() => setAll(false)}>{t('plan.collapseAll')}</Button>
            </div>
          </div>
          {filtering ? <p className={card.muted}>{matched ? i18n.tc('plan.results', matched) : t('plan.noResults')}</p> : null}
          {plan.readOnly ? (
            <p className={card.muted} data-testid="read-only">
              {t('rights.readOnly')}
            </p>
          ) : null}
          {!plan.domains.length ? <p className={card.muted}>{t('plan.empty')}</p> : null}
          <div className={mergeClasses(styles.tableWrap, planCards.wrap)} style={planCardLabels(t)}>
            <table className={mergeClasses(styles.table, planCards.table)} ref={tableRef}>
              <thead>
                <tr>
                  <th scope="col">{t('plan.col.title')}</th>
                  <th scope="col">{t('plan.col.owner')}</th>
                  <th scope="col">{t('plan.col.due')}</th>
                  <th scope="col">{t('plan.col.status')}</th>
                  <th scope="col">{t('plan.col.indicators')}</th>
                  {can ? <th scope="col">{t('plan.col.tools')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <PlanRow
                    key={row.id}
                    row={row}
                    trajectoryId={trajectoryId}
                    expanded={row.kind !== 'action' && isExpanded(activeExpansion, row.id)}
                    focused={row.id === focusId}
                    can={can}
                    ownerName={row.kind === 'action' ? (owners.get(row.action.ownerId ?? '') ?? '') : ''}
                    onToggle={toggle}
                    onDialog={dialog.show}
                  />
                ))}
              </tbody>
            </table>
            {rows.length > limit ? (
              <div className={styles.footer}>
                <Button onClick={() => setLimit((l) => l + ROWS_PER_PAGE)}>{t('plan.showMore', { count: rows.length - limit })}</Button>
              </div>
            ) : null}
          </div>
        </>
      ) : null}

      {detailId ? (
        <ActionDetail
          open={actionId !== null}
          actionId={detailId}
          plan={plan}
          onClose={() => navigate(paths.plan(trajectoryId))}
          onEdit={() => dialog.show({ kind: 'action', mode: { kind: 'edit', actionId: detailId } })}
        />
      ) : null}
      {dialog.value?.kind === 'objective' ? (
        <ObjectiveDialog key={dialog.key} open={dialog.open} target={dialog.value.target} onClose={dialog.hide} onSaved={(title, created) => reloadAfterSave(t(created ? 'form.created' : 'form.saved', { name: title }))} />
      ) : null}
      {dialog.value?.kind === 'domain' ? <DomainDialog key={dialog.key} open={dialog.open} domain={dialog.value.domain} onClose={dialog.hide} onSaved={(name) => reloadAfterSave(t('form.saved', { name }))} /> : null}
      {dialog.value?.kind === 'action' ? (
        <ActionDialog
          key={dialog.key}
          open={dialog.open}
          trajectoryId={trajectoryId}
          mode={dialog.value.mode}
          onClose={dialog.hide}
          onSaved={async (saved, created) => {
            applyActionToPlan(trajectoryId, saved);
            void loadResource(`action:${saved.id}`, () => Promise.resolve(saved));
            void loadResource(`updates:${saved.id}`, () => api.get(`/api/v1/actions/${saved.id}/updates`));
            await reloadAfterSave(t(created ? 'form.created' : 'form.saved', { name: saved.title }));
          }}
        />
      ) : null}
    </ViewRoot>
  );
}
