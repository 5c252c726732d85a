import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../api/client';
import { actionStatuses, type Action, type ActionStatus, type Plan, type PlanAction, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { Calendar, Move, Person } from '../components/icons';
import { describeError, ErrorBox } from '../components/problem';
import { IndicatorProgress, OverdueFlag, statusColors } from '../components/status';
import { useCardStyles, ViewRoot } from '../components/view';
import { ActionDialog } from '../dialogs/action-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { actionRights, actionsOfDomain, applyActionToPlan, findAction, planKey, usePlan, withAction } from '../data/plan';
import { cancelResource, invalidateResource, loadResource, mutateResource, peekResource } from '../data/resource';
import { label, useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';
import { ActionDetail } from './action-detail';
import { useModal } from '../components/modal';
import { ColumnSwitcher } from '../components/column-switcher';
import { media, useNarrow } from '../components/responsive';

/** A column shows this many cards at first; a long column grows on request. */
const CARDS_PER_COLUMN = 100;
/** Only our own cards may be dropped on a column, not text dragged in from elsewhere. */
const DRAG_TYPE = 'application/x-kansrijk-action';

const useStyles = makeStyles({
  domains: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
    // On a phone the domains are one row that scrolls sideways in its own box.
    [media.narrow]: { flexWrap: 'nowrap', overflowX: 'auto', scrollbarWidth: 'thin', padding: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  },
  domainLink: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  domainCurrent: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand, border: `1px solid ${tokens.colorBrandBackground}`, ':hover': { backgroundColor: tokens.colorBrandBackgroundHover } },
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
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusLarge,
    borderTop: '4px solid',
    minHeight: '200px',
  },
  over: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-2px', backgroundColor: tokens.colorBrandBackground2 },
  columnHead: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: `0 ${tokens.spacingHorizontalXS}` },
  columnTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  count: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  cards: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
    cursor: 'grab',
    // Cards far down a long column are laid out only when scrolled to.
    contentVisibility: 'auto',
    containIntrinsicSize: 'auto 170px',
  },
  busy: { opacity: 0.6 },
  conflicted: { outline: `2px solid ${tokens.colorPaletteMarigoldBorderActive}` },
  cardTitle: {
    background: 'none',
    border: 'none',
    overflowWrap: 'anywhere',
    padding: 0,
    margin: 0,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px', borderRadius: tokens.borderRadiusSmall },
  },
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: `2px ${tokens.spacingHorizontalM}`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  metaItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  cardFoot: { display: 'flex', justifyContent: 'flex-end' },
  move: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    background: 'none',
    color: tokens.colorNeutralForeground2,
    font: 'inherit',
    fontSize: tokens.fontSizeBase200,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    ':disabled': { cursor: 'default', color: tokens.colorNeutralForegroundDisabled },
  },
  empty: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, padding: tokens.spacingHorizontalS, textAlign: 'center' },
});

interface CardProps {
  action: PlanAction;
  ownerName: string;
  busy: boolean;
  conflicted: boolean;
  /** The server's `can.move` for this action: only then may the card be dragged or moved. */
  canMove: boolean;
  onMove: (action: PlanAction, to: ActionStatus) => void;
  onStep: (action: PlanAction, step: -1 | 1) => void;
  onOpen: (actionId: string) => void;
  onDragEnd: () => void;
}

/**
 * The "move to" menu, mounted only while open: a Fluent Menu on every one of hundreds of cards
 * costs more to render than the whole rest of the card.
 */
function MoveMenu({ target, current, onPick, onClose }: { target: HTMLElement; current: ActionStatus; onPick: (status: ActionStatus) => void; onClose: () => void }) {
  const i18n = useI18n();
  const popover = useRef<HTMLDivElement>(null);
  useEffect(() => {
    popover.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, []);
  return (
    <Menu
      open
      positioning={{ target, position: 'below', align: 'end' }}
      onOpenChange={(event, data) => {
        // A click on the button itself toggles the menu; it is no "click outside".
        if (data.type === 'clickOutside' && target.contains(event.target as Node)) return;
        if (!data.open) onClose();
      }}
    >
      <MenuPopover ref={popover}>
        <MenuList>
          {actionStatuses
            .filter((s) => s !== current)
            .map((s) => (
              <MenuItem key={s} onClick={() => onPick(s)}>
                {i18n.t('board.moveTo', { status: label(i18n, 'status', s) })}
              </MenuItem>
            ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

const Card = memo(function Card({ action, ownerName, busy, conflicted, canMove, onMove, onStep, onOpen, onDragEnd }: CardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const moveRef = useRef<HTMLButtonElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (!canMove || !(event.ctrlKey || event.metaKey)) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      onStep(action, event.key === 'ArrowRight' ? 1 : -1);
    }
  };
  return (
    <li
      className={mergeClasses(styles.card, busy && styles.busy, conflicted && styles.conflicted)}
      data-action-id={action.id}
      data-status={action.status}
      aria-busy={busy}
      draggable={canMove && !busy}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, action.id);
        event.dataTransfer.setData('text/plain', action.title);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragEnd={onDragEnd}
      onKeyDown={onKeyDown}
    >
      <button type="button" className={styles.cardTitle} onClick={() => onOpen(action.id)}>
        {action.title}
      </button>
      <div className={styles.meta}>
        <span className={styles.metaItem}>
          <Person size={14} />
          {ownerName || t('board.noOwner')}
        </span>
        <span className={styles.metaItem}>
          <Calendar size={14} />
          {action.dueDate ? t('board.due', { date: i18n.date(action.dueDate) }) : t('board.noDue')}
        </span>
        {action.overdue ? <OverdueFlag /> : null}
      </div>
      {action.indicators.slice(0, 2).map((i) => (
        <IndicatorProgress key={i.id} indicator={i} />
      ))}
      {canMove ? (
        <div className={styles.cardFoot}>
          <button
            ref={moveRef}
            type="button"
            className={styles.move}
            data-control="move"
            aria-haspopup="menu"
            aria-expanded={menuOpen}
            aria-label={t('board.moveLabel', { name: action.title })}
            disabled={busy}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <Move />
            {t('board.move')}
          </button>
          {menuOpen && moveRef.current ? (
            <MoveMenu
              target={moveRef.current}
              current={action.status}
              onPick={(status) => {
                setMenuOpen(false);
                onMove(action, status);
              }}
              onClose={() => {
                setMenuOpen(false);
                moveRef.current?.focus();
              }}
            />
          ) : null}
        </div>
      ) : null}
    </li>
  );
});

function PostponeDialog({ open, action, onCancel, onConfirm, onConflict }: { open: boolean; action: PlanAction; onCancel: () => void; onConfirm: (note: string) => Promise<void>; onConflict: (current: unknown) => void }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const [note, setNote] = useState('');
  const { saving, errors, formError, conflict, submit } = useSubmit();
  useEffect(() => {
    if (conflict) onConflict(conflict.current);
  }, [conflict, onConflict]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await submit(() => onConfirm(note));
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onCancel())}>
      <DialogSurface>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t('board.postponeTitle', { name: action.title })}</DialogTitle>
            <DialogContent className={styles.form}>
              <FormError message={formError} />
              <Field label={t('form.postponeReason')} required {...fieldState(errors, 'progressNote')}>
                <Textarea name="progressNote" value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onCancel}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" appearance="primary" disabled={saving}>
                {saving ? t('form.saving') : t('board.postponeConfirm')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export function BoardView({ trajectoryId, domainId }: { trajectoryId: string; domainId: string | null; access: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const planResource = usePlan(api, trajectoryId);
  const plan = planResource.data?.trajectory.id === trajectoryId ? planResource.data : undefined;
  const can = plan?.can;
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [conflict, setConflict] = useState<{ id: string; title: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const postpone = useModal<PlanAction>();
  const [over, setOver] = useState<ActionStatus | null>(null);
  const [limits, setLimits] = useState<Partial<Record<ActionStatus, number>>>({});
  const detail = useModal<string>();
  const editing = useModal<string>();
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const narrow = useNarrow();
  const [chosenColumn, setChosenColumn] = useState<ActionStatus | null>(null);

  const domain = plan?.domains.find((d) => d.id === domainId) ?? null;
  useEffect(() => {
    if (!plan || domain) return;
    const first = plan.domains.find((d) => d.state === 'active') ?? plan.domains[0];
    if (first) navigate(paths.board(trajectoryId, first.id), { replace: true });
  }, [plan, domain, trajectoryId]);

  const owners = useMemo(() => new Map(plan?.people.map((p) => [p.id, p.displayName])), [plan]);
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
    setFocusAfterMove(null);
  }, [focusAfterMove, columns, narrow, shownColumn]);

  const statusName = useCallback((s: ActionStatus) => label(i18n, 'status', s), [i18n]);

  const showConflict = useCallback(
    (current: unknown) => {
      const fresh = current as Action | undefined;
      if (!fresh?.id) return;
      applyActionToPlan(trajectoryId, fresh);
      setConflict({ id: fresh.id, title: fresh.title });
      postpone.hide();
      announce(t('conflict.board', { name: fresh.title }));
    },
    [trajectoryId, announce, t, postpone],
  );

  const queryClient = useQueryClient();
  const key = planKey(trajectoryId);
  /**
   * The one way a card changes column: PATCH with the version the card shows. The card moves at
   * once (optimistic); if the server refuses, it goes back to where it was; either way the plan
   * is read again once the last move has settled, so the board ends on the server's truth.
   */
  const statusMove = useMutation({
    mutationKey: ['board-move', trajectoryId],
    mutationFn: ({ action, to, note }: { action: PlanAction; to: ActionStatus; note?: string }) =>
      api.patch<Action>(`/api/v1/actions/${action.id}`, { status: to, ...(note !== undefined ? { progressNote: note } : {}) }, { ifMatch: action.version }),
    onMutate: async ({ action, to, note }) => {
      setBusy((b) => new Set(b).add(action.id));
      // A read under way would put the old column back over the optimistic one.
      await cancelResource(key);
      const before = peekResource<Plan>(key);
      const was = before ? findAction(before, action.id)?.action : undefined;
      if (was) mutateResource<Plan>(key, (p) => withAction(p, { ...was, status: to }));
      // The keyboard follows the card at once; from the postpone dialog, only once it is done.
      if (note === undefined) setFocusAfterMove(action.id);
      return { was };
    },
    onSuccess: (updated, { action, to }) => {
      applyActionToPlan(trajectoryId, updated);
      setConflict((c) => (c?.id === action.id ? null : c));
      setFocusAfterMove(action.id);
      announce(t('board.moved', { name: updated.title, status: statusName(to) }));
      void loadResource(`updates:${action.id}`, () => api.get(`/api/v1/actions/${action.id}/updates`));
    },
    onError: (_error, { action, note }, context) => {
      // Only this card goes back: other cards moved meanwhile keep their own moves.
      const was = context?.was;
      if (was) mutateResource<Plan>(key, (p) => withAction(p, was));
      // The postpone dialog stays open with its error: the focus stays in it.
      if (note === undefined) setFocusAfterMove(action.id);
    },
    onSettled: (_data, _error, { action }) => {
      setBusy((b) => {
        const next = new Set(b);
        next.delete(action.id);
        return next;
      });
      // Reading the plan while another move is still out would show that card in its old column
      // for a moment (this move still counts itself here). Not awaited: the move is done.
      if (queryClient.isMutating({ mutationKey: ['board-move', trajectoryId] }) <= 1) void invalidateResource(key);
    },
  });
  const { mutateAsync: moveAsync } = statusMove;
  const patchStatus = useCallback(
    async (action: PlanAction, to: ActionStatus, note?: string) => {
      await moveAsync({ action, to, ...(note !== undefined ? { note } : {}) });
    },
    [moveAsync],
  );
  const busyRef = useRef(busy);
  busyRef.current = busy;
  const canRef = useRef(can);
  canRef.current = can;

  const move = useCallback(
    (action: PlanAction, to: ActionStatus) => {
      // A card on its way carries the version it left with; a second move would only meet 412.
      if (to === action.status || busyRef.current.has(action.id) || !actionRights(canRef.current, action.id).move) return;
      setError(null);
      if (to === 'postponed') {
        postpone.show(action);
        return;
      }
      patchStatus(action, to).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 412) showConflict(e.problem.current);
        else setError(e);
      });
    },
    [patchStatus, showConflict, postpone],
  );

  const step = useCallback(
    (action: PlanAction, by: -1 | 1) => {
      const next = actionStatuses[actionStatuses.indexOf(action.status) + by];
      if (next) move(action, next);
    },
    [move],
  );

  const findInDomain = (id: string) => (domain ? actionsOfDomain(domain).find((a) => a.id === id) : undefined);
  const onDrop = (event: DragEvent, status: ActionStatus) => {
    event.preventDefault();
    setOver(null);
    const action = findInDomain(event.dataTransfer.getData(DRAG_TYPE));
    if (action) move(action, status);
  };

  const onDragEnd = useCallback(() => setOver(null), []);

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
      {plan && plan.domains.length ? (
        <nav aria-label={t('board.domains')}>
          <ul className={styles.domains}>
            {plan.domains.map((d) => (
              <li key={d.id}>
                <a href={paths.board(trajectoryId, d.id)} className={mergeClasses(styles.domainLink, d.id === domain?.id && styles.domainCurrent)} aria-current={d.id === domain?.id ? 'page' : undefined}>
                  {d.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {conflict ? (
        <MessageBar intent="warning" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('conflict.title')}</MessageBarTitle>
            {t('conflict.board', { name: conflict.title })}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => setConflict(null)}>{t('conflict.dismiss')}</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error instanceof ApiError && error.status === 403 ? t('error.forbiddenWrite') : describeError(i18n, error)}</MessageBarBody>
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
              const cards = columns.get(status) ?? [];
              const limit = limits[status] ?? CARDS_PER_COLUMN;
              const headingId = `col-${status}`;
              return (
                <section
                  key={status}
                  id={`column-${status}`}
                  role={narrow ? 'tabpanel' : undefined}
                  hidden={narrow && status !== shownColumn}
                  aria-labelledby={headingId}
                  data-column={status}
                  className={mergeClasses(styles.column, over === status && styles.over)}
                  // The column's own display:flex would override the hidden attribute.
                  style={{ borderTopColor: statusColors[status], ...(narrow && status !== shownColumn ? { display: 'none' } : {}) }}
                  onDragOver={(event) => {
                    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    if (over !== status) setOver(status);
                  }}
                  onDragLeave={(event) => {
                    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver((o) => (o === status ? null : o));
                  }}
                  onDrop={(event) => onDrop(event, status)}
                >
                  <div className={styles.columnHead}>
                    <h2 id={headingId} className={styles.columnTitle}>
                      {statusName(status)}
                    </h2>
                    <span className={styles.count}>{i18n.tc('board.columnCount', cards.length)}</span>
                  </div>
                  {cards.length ? (
                    <ul className={styles.cards} aria-labelledby={headingId}>
                      {cards.slice(0, limit).map((a) => (
                        <Card
                          key={a.id}
                          action={a}
                          ownerName={owners.get(a.ownerId ?? '') ?? ''}
                          busy={busy.has(a.id)}
                          conflicted={conflict?.id === a.id}
                          canMove={actionRights(can, a.id).move}
                          onMove={move}
                          onStep={step}
                          onOpen={detail.show}
                          onDragEnd={onDragEnd}
                        />
                      ))}
                    </ul>
                  ) : (
                    <p className={styles.empty}>{t('board.empty')}</p>
                  )}
                  {cards.length > limit ? (
                    <Button appearance="subtle" onClick={() => setLimits((l) => ({ ...l, [status]: limit + CARDS_PER_COLUMN }))}>
                      {t('board.showMore', { count: cards.length - limit })}
                    </Button>
                  ) : null}
                </section>
              );
            })}
          </div>
        </>
      ) : null}
      {postpone.value ? (
        <PostponeDialog
          key={postpone.key}
          open={postpone.open}
          action={postpone.value}
          onCancel={postpone.hide}
          onConflict={showConflict}
          onConfirm={async (note) => {
            if (!postpone.value) return;
            await patchStatus(postpone.value, 'postponed', note);
            postpone.hide();
          }}
        />
      ) : null}
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
            applyActionToPlan(trajectoryId, saved);
            void loadResource(`action:${saved.id}`, () => Promise.resolve(saved));
            void loadResource(`updates:${saved.id}`, () => api.get(`/api/v1/actions/${saved.id}/updates`));
            editing.hide();
            announce(t('form.saved', { name: saved.title }));
          }}
        />
      ) : null}
    </ViewRoot>
  );
}
