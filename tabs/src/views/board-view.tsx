import { Button, makeStyles, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client';
import { actionStatuses, type ActionStatus, type PlanAction, type PlanIndicator, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { ColumnSwitcher } from '../components/column-switcher';
import { useModal } from '../components/modal';
import { describeError, ErrorBox } from '../components/problem';
import { media, useNarrow } from '../components/responsive';
import { useCardStyles, ViewRoot } from '../components/view';
import { ActionDialog } from '../dialogs/action-dialog';
import { actionRights, actionsOfDomain, usePlan, usePlanIndicators } from '../data/plan';
import { label, useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';
import { ActionDetail } from './action-detail';
import { rememberSavedAction } from './actions/saved-action';
import { BoardCard } from './board-card';
import { BoardColumn } from './board-column';
import { BoardDomains } from './board-domains';
import { useBoardMoves } from './board-moves';

/** A column shows this many cards at first; a long column grows on request. */
const CARDS_PER_COLUMN = 100;

const useStyles = makeStyles({
  hint: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  board: {
    display: 'grid',
    gridTemplateColumns: 'repeat(5, minmax(230px, 1fr))',
    gap: tokens.spacingHorizontalM,
    overflowX: 'auto',
    paddingBottom: tokens.spacingVerticalS,
    alignItems: 'start',
    // On a phone one column at a time, chosen with the column switcher.
    [media.narrow]: { gridTemplateColumns: 'minmax(0, 1fr)', overflowX: 'visible' },
  },
});

/** One empty list for cards without indicators, so that memoised cards stay equal. */
const noIndicators: readonly PlanIndicator[] = [];

export function BoardView({ trajectoryId, domainId }: { trajectoryId: string; domainId: string | null; access: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const planResource = usePlan(api, trajectoryId);
  const plan = planResource.data?.trajectory.id === trajectoryId ? planResource.data : undefined;
  const can = plan?.can;
  const moves = useBoardMoves(trajectoryId, can);
  const { focusAfterMove, focusFollowed } = moves;
  const [over, setOver] = useState<ActionStatus | null>(null);
  const [limits, setLimits] = useState<Partial<Record<ActionStatus, number>>>({});
  const detail = useModal<string>();
  const editing = useModal<string>();
  const narrow = useNarrow();
  const [chosenColumn, setChosenColumn] = useState<ActionStatus | null>(null);

  const domain = plan?.domains.find((d) => d.id === domainId) ?? null;
  useEffect(() => {
    if (!plan || domain) return;
    const first = plan.domains.find((d) => d.state === 'active') ?? plan.domains[0];
    if (first) navigate(paths.board(trajectoryId, first.id), { replace: true });
  }, [plan, domain, trajectoryId]);

  const owners = useMemo(() => new Map(plan?.people.map((p) => [p.id, p.displayName])), [plan]);
  // Not part of the plan read: this domain's indicators, for the cards' bars.
  const domainIndicators = usePlanIndicators(api, trajectoryId, domain?.id, Boolean(domain));
  // Whether any card here may be moved, by the server's answers: else the board says it is read-only.
  const anyMovable = useMemo(() => Boolean(domain && actionsOfDomain(domain).some((a) => actionRights(can, a.id).move)), [domain, can]);
  const columns = useMemo(() => {
    const byStatus = new Map<ActionStatus, PlanAction[]>(actionStatuses.map((s) => [s, []]));
    if (domain) for (const a of actionsOfDomain(domain)) byStatus.get(a.status)?.push(a);
    for (const list of byStatus.values()) list.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'));
    return byStatus;
  }, [domain]);

  // On a phone the first column with cards shows until the user picks another one.
  const shownColumn = chosenColumn ?? actionStatuses.find((s) => columns.get(s)?.length) ?? actionStatuses[0];
  useEffect(() => {
    if (!focusAfterMove) return;
    // On a phone the moved card's new column comes into view first, so the focus can follow it.
    const movedTo = narrow ? actionStatuses.find((s) => columns.get(s)?.some((a) => a.id === focusAfterMove)) : undefined;
    if (movedTo && movedTo !== shownColumn) {
      setChosenColumn(movedTo);
      return;
    }
    document.querySelector<HTMLElement>(`li[data-action-id="${CSS.escape(focusAfterMove)}"] button`)?.focus();
    focusFollowed();
  }, [focusAfterMove, focusFollowed, columns, narrow, shownColumn]);

  const statusName = useCallback((s: ActionStatus) => label(i18n, 'status', s), [i18n]);
  const onDragEnd = useCallback(() => setOver(null), []);
  const findInDomain = (id: string) => (domain ? actionsOfDomain(domain).find((a) => a.id === id) : undefined);
  const renderCard = (a: PlanAction) => (
    <BoardCard
      key={a.id}
      action={a}
      ownerName={owners.get(a.ownerId ?? '') ?? ''}
      indicators={domainIndicators.data?.get(a.id) ?? noIndicators}
      busy={moves.busy.has(a.id)}
      conflicted={moves.conflict?.id === a.id}
      canMove={actionRights(can, a.id).move}
      onMove={moves.move}
      onStep={moves.step}
      onOpen={detail.show}
      onDragEnd={onDragEnd}
    />
  );

  return (
    <ViewRoot
      name="board"
      title={domain ? `${t('board.title')}: ${domain.name}` : t('board.title')}
      subtitle={domain ? t('board.approach', { approach: label(i18n, 'approach', domain.approach) }) : undefined}
      ready={Boolean(plan && (domain || !plan.domains.length))}
    >
      {planResource.error && !plan ? <ErrorBox error={planResource.error} onRetry={() => void planResource.reload()} /> : null}
      {!plan && !planResource.error ? <Spinner label={t('app.loading')} /> : null}
      {plan && !plan.domains.length ? <p className={card.muted}>{t('board.noDomains')}</p> : null}
      {plan && plan.domains.length ? <BoardDomains trajectoryId={trajectoryId} domains={plan.domains} currentId={domain?.id} /> : null}
      {moves.conflict ? (
        <MessageBar intent="warning" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('conflict.title')}</MessageBarTitle>
            {t('conflict.board', { name: moves.conflict.title })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={moves.dismissConflict}>{t('conflict.dismiss')}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {moves.error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{moves.error instanceof ApiError && moves.error.status === 403 ? t('error.forbiddenWrite') : describeError(i18n, moves.error)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {domain ? (
        <>
          {anyMovable ? (
            <p className={styles.hint}>{t('board.keyboardHint')}</p>
          ) : (
            <p className={styles.hint} data-testid="read-only">
              {t('rights.readOnlyBoard')}
            </p>
          )}
          {narrow ? (
            <ColumnSwitcher
              label={t('board.switcher')}
              items={actionStatuses.map((s) => ({ value: s, label: statusName(s), count: columns.get(s)?.length ?? 0 }))}
              value={shownColumn}
              onChange={setChosenColumn}
              panelId={(s) => `column-${s}`}
              tabText={(item) => t('board.switcherTab', { status: item.label, count: item.count })}
            />
          ) : null}
          <div className={styles.board}>
            {actionStatuses.map((status) => {
              const limit = limits[status] ?? CARDS_PER_COLUMN;
              return (
                <BoardColumn
                  key={status}
                  status={status}
                  name={statusName(status)}
                  cards={columns.get(status) ?? []}
                  limit={limit}
                  onShowMore={() => setLimits((l) => ({ ...l, [status]: limit + CARDS_PER_COLUMN }))}
                  over={over === status}
                  onDragOver={(on) => setOver((o) => (on ? status : o === status ? null : o))}
                  onDropAction={(id) => {
                    const action = findInDomain(id);
                    if (action) moves.move(action, status);
                  }}
                  narrow={narrow}
                  hidden={narrow && status !== shownColumn}
                  renderCard={renderCard}
                />
              );
            })}
          </div>
        </>
      ) : null}
      {moves.dialog}
      {detail.value ? (
        <ActionDetail
          open={detail.open}
          actionId={detail.value}
          plan={plan}
          onClose={detail.hide}
          onEdit={() => (detail.value ? editing.show(detail.value) : undefined)}
        />
      ) : null}
      {editing.value ? (
        <ActionDialog
          key={editing.key}
          open={editing.open}
          trajectoryId={trajectoryId}
          mode={{ kind: 'edit', actionId: editing.value }}
          onClose={editing.hide}
          onSaved={async (saved) => {
            rememberSavedAction(api, trajectoryId, saved);
            editing.hide();
            announce(t('form.saved', { name: saved.title }));
          }}
        />
      ) : null}
    </ViewRoot>
  );
}
