import { Button, makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { PlanAction, PlanIndicator, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { Download } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { ActionDialog } from '../dialogs/action-dialog';
import { DomainDialog } from '../dialogs/domain-dialog';
import { ObjectiveDialog } from '../dialogs/objective-dialog';
import { allActions, reloadPlan, usePlan, usePlanIndicators } from '../data/plan';
import { loadResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';
import { ActionDetail } from './action-detail';
import { rememberSavedAction } from './actions/saved-action';
import { PlanSetupTools } from '../dialogs/plan-setup-tools';
import { useModal } from '../components/modal';
import { planCardLabels, usePlanCardStyles } from './plan-cards';
import { usePlanExport } from './plan-export';
import { PlanFilters } from './plan-filters';
import { PlanRow, type DialogState } from './plan-row';
import { buildRows, filtersFrom, isExpanded, noFilters, pathTo, type Expansion, type PlanFilterValues } from './plan-rows';

/** Above this many actions the plan opens with only its domains showing. */
const BIG_PLAN = 300;
const ROWS_PER_PAGE = 300;

const useStyles = makeStyles({
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
  footer: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalM },
});

/** One empty list for rows without indicators, so that memoised rows stay equal. */
const noIndicators: readonly PlanIndicator[] = [];

export function PlanView({ trajectoryId, actionId, query }: { trajectoryId: string; actionId: string | null; query: URLSearchParams; access: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const planCards = usePlanCardStyles();
  const card = useCardStyles();
  const planResource = usePlan(api, trajectoryId);
  // Not part of the plan read: the tree paints first, the indicator bars follow.
  const planIndicators = usePlanIndicators(api, trajectoryId);
  const plan = planResource.data?.trajectory.id === trajectoryId ? planResource.data : undefined;
  // Only the server decides what this caller may change; a read-only reader gets no tools column.
  const can = plan && !plan.readOnly ? plan.can : null;
  const queryKey = query.toString();
  const [filters, setFilters] = useState<PlanFilterValues>(() => filtersFrom(query));
  const [expansion, setExpansion] = useState<Expansion | null>(null);
  const [filteredExpansion, setFilteredExpansion] = useState<Expansion>({ all: true, toggled: new Set() });
  const [limit, setLimit] = useState(ROWS_PER_PAGE);
  const dialog = useModal<DialogState>();
  const [detailId, setDetailId] = useState(actionId);
  const planExport = usePlanExport(trajectoryId);
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
  const setFilter = <K extends keyof PlanFilterValues>(key: K, value: PlanFilterValues[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setLimit(ROWS_PER_PAGE);
  };

  const reloadAfterSave = async (message: string) => {
    await reloadPlan(api, trajectoryId);
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
          <Button icon={<Download />} onClick={() => void planExport.run()} disabled={!plan || planExport.exporting}>
            {planExport.exporting ? t('plan.exporting') : t('plan.export')}
          </Button>
        </PlanSetupTools>
      }
    >
      {planExport.error ? <ErrorBox error={planExport.error} /> : null}
      {planResource.error && !plan ? <ErrorBox error={planResource.error} onRetry={() => void planResource.reload()} /> : null}
      {!plan && !planResource.error ? <Spinner label={t('app.loading')} /> : null}
      {plan ? (
        <>
          <PlanFilters
            filters={filters}
            domains={plan.domains}
            owners={ownerOptions}
            filtered={filtering || Boolean(filters.domain)}
            onChange={setFilter}
            onClear={() => setFilters(noFilters)}
            onExpandAll={setAll}
          />
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
                    indicators={(row.kind === 'action' && planIndicators.data?.get(row.id)) || noIndicators}
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
            rememberSavedAction(api, trajectoryId, saved);
            await reloadAfterSave(t(created ? 'form.created' : 'form.saved', { name: saved.title }));
          }}
        />
      ) : null}
    </ViewRoot>
  );
}
