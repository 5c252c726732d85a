import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent, type UniqueIdentifier } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { useEffect, useMemo, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { agendaKinds, type AgendaItem, type AgendaKind, type Meeting, type MeetingAttendee, type MeetingDetail, type MeetingTransition, type MinutesDelivery, type Plan, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { emptyToNull, fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { describeError, ErrorBox } from '../components/problem';
import { useModal } from '../components/modal';
import { useCardStyles, ViewRoot } from '../components/view';
import { loadPlan, planKey } from '../data/plan';
import { invalidateResource, mutateResource, useResource } from '../data/resource';
import { label, useI18n, type I18n } from '../i18n/i18n';
import { paths } from '../router';
import { InvitationAnswerCard, ParentsToCallCard } from './meeting-invitation-cards';
import { lengthInMinutes, meetingWhen, meetingWhere, MeetingStateBadge } from './meeting-parts';
import { MeetingList, meetingKey, meetingsKey, TodayPicker } from './meetings-view';

export interface MeetingDetailViewProps {
  trajectoryId: string;
  /** `current`: the Teams meeting the tab is opened in (see TodayPicker). */
  meetingId: string;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 200px), 1fr))',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  button: { minHeight: '44px' },
  small: { minHeight: '44px', minWidth: '44px' },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  dragging: { boxShadow: tokens.shadow16, position: 'relative', zIndex: 1 },
  handle: { minHeight: '44px', minWidth: '44px', cursor: 'grab', touchAction: 'none' },
  itemText: { display: 'flex', flexDirection: 'column', gap: '2px', flex: '1 1 180px', minWidth: 0, overflowWrap: 'anywhere' },
  itemTitle: { fontWeight: tokens.fontWeightSemibold },
  itemButtons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 150px), 1fr))', gap: tokens.spacingHorizontalM },
  shrink: { minWidth: 0, '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  total: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  over: { margin: 0, color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  subheading: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  minutesItem: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalM, borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  attendee: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, padding: `${tokens.spacingVerticalXS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  attendeeName: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere', flex: '1 1 140px' },
  radios: { display: 'flex', flexWrap: 'wrap' },
  prose: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  status: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  delivery: { display: 'flex', flexDirection: 'column', gap: '2px', padding: `${tokens.spacingVerticalXS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere' },
});

const apiOf = (m: { id: string }) => `/api/v1/meetings/${m.id}`;

/** One fresh answer of the server for the meeting: shown at once, and the list reads again. */
function store(trajectoryId: string, detail: MeetingDetail): void {
  mutateResource<MeetingDetail>(meetingKey(detail.id), () => detail);
  void invalidateResource(meetingsKey(trajectoryId));
}

export function MeetingDetailView({ trajectoryId, meetingId, access }: MeetingDetailViewProps) {
  if (meetingId === 'current') return <CurrentMeeting trajectoryId={trajectoryId} access={access} />;
  return <MeetingDetailPage key={meetingId} trajectoryId={trajectoryId} meetingId={meetingId} access={access} />;
}

/**
 * Inside a Teams meeting the tab knows the Teams meeting (app.getContext(): meeting.id, chat.id),
 * but Kansrijk does not yet keep which of its meetings that is: today's meetings, to pick from.
 */
function CurrentMeeting({ trajectoryId, access }: { trajectoryId: string; access: Trajectory | undefined }) {
  const { api } = useApp();
  const { t } = useI18n();
  const card = useCardStyles();
  const meetings = useResource<{ meetings: Meeting[] }>(meetingsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/meetings`));
  return (
    <ViewRoot name="meeting" title={t('sidePanel.today')} ready={Boolean(meetings.data && access)}>
      {meetings.error && !meetings.data ? <ErrorBox error={meetings.error} onRetry={() => void meetings.reload()} /> : null}
      {meetings.data ? <TodayPicker trajectoryId={trajectoryId} meetings={meetings.data.meetings} /> : <Spinner label={t('app.loading')} />}
      <a href={paths.meetings(trajectoryId)} className={card.link}>
        {t('sidePanel.all')}
      </a>
    </ViewRoot>
  );
}

function MeetingDetailPage({ trajectoryId, meetingId, access }: { trajectoryId: string; meetingId: string; access: Trajectory | undefined }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const meeting = useResource<MeetingDetail>(meetingKey(meetingId), () => api.get(`/api/v1/meetings/${meetingId}`));
  const m = meeting.data;
  // The plan gives the people, domains and objectives to choose from: read only when something is edited.
  const needsPlan = Boolean(m && (m.can.editAgenda || m.can.propose || m.can.editMinutes));
  const plan = useResource<Plan>(needsPlan ? planKey(trajectoryId) : null, loadPlan(api, trajectoryId));
  const ready = Boolean(m && access && (!needsPlan || plan.data || plan.error));

  return (
    <ViewRoot
      name="meeting"
      title={m?.title ?? t('meetings.title')}
      subtitle={m ? `${m.bodyName} · ${meetingWhen(i18n, m)}` : undefined}
      ready={ready}
      actions={
        <a href={paths.meetings(trajectoryId)} className={card.link}>
          {t('meeting.back')}
        </a>
      }
    >
      {meeting.error && !m ? <ErrorBox error={meeting.error} onRetry={() => void meeting.reload()} /> : null}
      {!m && !meeting.error ? <Spinner label={t('app.loading')} /> : null}
      {m && m.trajectoryId !== trajectoryId ? (
        <MeetingList trajectoryId={m.trajectoryId} meetings={[m]} empty="" />
      ) : null}
      {m ? (
        <div className={styles.stack}>
          <FactsCard meeting={m} />
          <InvitationAnswerCard meeting={m} personId={access?.personId ?? null} onSaved={(next) => store(trajectoryId, next)} />
          <ParentsToCallCard meeting={m} />
          <StepsCard trajectoryId={trajectoryId} meeting={m} />
          <AgendaCard trajectoryId={trajectoryId} meeting={m} plan={plan.data} />
          <MinutesCard trajectoryId={trajectoryId} meeting={m} plan={plan.data} />
          {m.state === 'minutes_approved' || m.state === 'distributed' ? <DeliveriesCard meeting={m} /> : null}
        </div>
      ) : null}
    </ViewRoot>
  );
}

function FactsCard({ meeting: m }: { meeting: MeetingDetail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const sentBack = m.state === 'held' && !m.minutesSubmittedAt && m.minutesRemark;
  return (
    <section className={card.card} aria-label={m.title}>
      <dl className={styles.facts}>
        <div>
          <dt>{t('schedule.date')}</dt>
          <dd>{meetingWhen(i18n, m)}</dd>
        </div>
        <div>
          <dt>{t('schedule.place')}</dt>
          <dd>
            {meetingWhere(i18n, m)} · {t(`dayPart.${m.dayPart}`)}
          </dd>
        </div>
        <div>
          <dt>{t('meetings.filter.body')}</dt>
          <dd>
            {m.bodyName} · {i18n.tc('meeting.attendees', m.attendeeCount)}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.state')}</dt>
          <dd>
            <MeetingStateBadge state={m.state} />
          </dd>
        </div>
      </dl>
      {m.onlineJoinUrl ? (
        <p>
          <a href={m.onlineJoinUrl} target="_blank" rel="noreferrer" className={card.link}>
            {t('meeting.join')}
          </a>
        </p>
      ) : null}
      {sentBack ? (
        <MessageBar intent="warning" layout="multiline" data-testid="sent-back">
          <MessageBarBody>
            <MessageBarTitle>{t('meeting.sentBack')}</MessageBarTitle>
            {m.minutesRemark}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {m.state === 'cancelled' && m.cancelReason ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('meeting.cancelReason')}</MessageBarTitle>
            {m.cancelReason}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// State changes

const stepUrls: Record<Exclude<MeetingTransition, 'send_back' | 'cancel'>, string> = {
  fix_agenda: 'fix-agenda',
  mark_held: 'held',
  submit_minutes: 'minutes/submit',
  approve_minutes: 'minutes/approve',
};

function StepsCard({ trajectoryId, meeting: m }: { trajectoryId: string; meeting: MeetingDetail }) {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [sendingBack, setSendingBack] = useState(false);
  const [remark, setRemark] = useState('');
  // Mounted from the first time it opens, and kept while it closes (see components/modal.ts).
  const cancelDialog = useModal<true>();
  const [reason, setReason] = useState('');
  const transitions = m.can.transitions;
  if (transitions.length === 0) return null;

  const run = async (step: MeetingTransition, work: () => Promise<MeetingDetail>) => {
    const ok = await submit(async () => store(trajectoryId, await work()));
    if (ok) announce(t(`transition.done.${step}`));
    return ok;
  };
  const primary = (step: MeetingTransition) => step !== 'cancel' && step !== 'send_back';

  return (
    <section className={card.card} aria-labelledby="steps-heading" data-testid="steps">
      <h2 id="steps-heading" className={card.heading}>
        {t('meeting.steps')}
      </h2>
      <div className={styles.buttons}>
        {transitions.map((step) => (
          <Button
            key={step}
            className={styles.button}
            appearance={primary(step) ? 'primary' : 'secondary'}
            disabled={saving}
            data-transition={step}
            onClick={() => {
              if (step === 'cancel') cancelDialog.show(true);
              else if (step === 'send_back') setSendingBack(true);
              else void run(step, () => api.post(`${apiOf(m)}/${stepUrls[step]}`, {}));
            }}
          >
            {t(`transition.${step}`)}
          </Button>
        ))}
      </div>
      {sendingBack ? (
        <form
          className={form.form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run('send_back', () => api.post(`${apiOf(m)}/minutes/send-back`, { remark })).then((ok) => ok && setSendingBack(false));
          }}
        >
          <Field label={t('sendBack.remark')} required {...fieldState(errors, 'remark')}>
            <Textarea value={remark} onChange={(_e, d) => setRemark(d.value)} resize="vertical" name="remark" />
          </Field>
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
              {t('sendBack.submit')}
            </Button>
            <Button className={styles.button} onClick={() => setSendingBack(false)}>
              {t('sendBack.cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormError message={formError} />
      {cancelDialog.value ? (
      <Dialog key={cancelDialog.key} open={cancelDialog.open} onOpenChange={(_e, d) => (d.open ? undefined : cancelDialog.hide())}>
        <DialogSurface>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void run('cancel', () => api.post(`${apiOf(m)}/cancel`, reason.trim() ? { reason: reason.trim() } : {})).then((ok) => ok && cancelDialog.hide());
            }}
          >
            <DialogBody>
              <DialogTitle>{t('cancel.title')}</DialogTitle>
              <DialogContent className={form.form}>
                <p>{t('cancel.body')}</p>
                <Field label={t('cancel.reason')}>
                  <Textarea value={reason} onChange={(_e, d) => setReason(d.value)} resize="vertical" />
                </Field>
                <FormError message={formError} />
              </DialogContent>
              <DialogActions>
                <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
                  {t('cancel.confirm')}
                </Button>
                <Button className={styles.button} onClick={cancelDialog.hide}>
                  {t('cancel.keep')}
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// The agenda builder

interface ItemDraft {
  title: string;
  kind: AgendaKind;
  presenterId: string;
  durationMinutes: string;
  domainId: string;
}

const draftOf = (item?: AgendaItem): ItemDraft => ({
  title: item?.title ?? '',
  kind: item?.kind ?? 'discussion',
  presenterId: item?.presenterId ?? '',
  durationMinutes: String(item?.durationMinutes ?? 15),
  domainId: item?.domainId ?? '',
});

function kindLabel(i18n: I18n, kind: string): string {
  return label(i18n, 'agenda.kind', kind);
}

function AgendaCard({ trajectoryId, meeting: m, plan }: { trajectoryId: string; meeting: MeetingDetail; plan: Plan | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const [order, setOrder] = useState<string[] | null>(null);
  const [orderError, setOrderError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));

  const byId = useMemo(() => new Map(m.agenda.map((i) => [i.id, i])), [m.agenda]);
  // While a new order is being saved it shows at once; the server's answer replaces it.
  const items = order ? order.map((id) => byId.get(id)).filter((i): i is AgendaItem => Boolean(i)) : m.agenda;
  const total = items.reduce((sum, i) => sum + i.durationMinutes, 0);
  const length = lengthInMinutes(m);
  const canReorder = m.can.editAgenda && items.length > 1;
  const titleOf = (id: UniqueIdentifier) => byId.get(String(id))?.title ?? '';
  const positionOf = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : items.findIndex((i) => i.id === String(id)) + 1);

  const saveOrder = async (ids: string[], movedId: string) => {
    setOrder(ids);
    setOrderError(null);
    try {
      const fresh = await api.put<MeetingDetail>(`${apiOf(m)}/agenda-order`, { itemIds: ids });
      store(trajectoryId, fresh);
      announce(t('agenda.moved', { title: titleOf(movedId), position: ids.indexOf(movedId) + 1, count: ids.length }));
    } catch (error) {
      setOrderError(describeError(i18n, error));
    } finally {
      setOrder(null);
    }
  };
  const move = (id: string, by: number) => {
    // One move at a time; the buttons stay enabled so that focus stays on them.
    if (order !== null) return;
    const ids = items.map((i) => i.id);
    const from = ids.indexOf(id);
    const to = from + by;
    if (from < 0 || to < 0 || to >= ids.length) return;
    void saveOrder(arrayMove(ids, from, to), id);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const ids = items.map((i) => i.id);
    void saveOrder(arrayMove(ids, ids.indexOf(String(active.id)), ids.indexOf(String(over.id))), String(active.id));
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('agenda.dnd.start', { title: titleOf(active.id), position: positionOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('agenda.dnd.over', { title: titleOf(active.id), position: positionOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => t('agenda.dnd.end', { title: titleOf(active.id), position: positionOf(over?.id ?? active.id) }),
    onDragCancel: ({ active }) => t('agenda.dnd.cancel', { title: titleOf(active.id) }),
  };

  const remove = async (item: AgendaItem) => {
    setOrderError(null);
    try {
      await api.del(`/api/v1/agenda-items/${item.id}`);
      store(trajectoryId, await api.get<MeetingDetail>(apiOf(m)));
      announce(t('agenda.deleted', { title: item.title }));
    } catch (error) {
      setOrderError(describeError(i18n, error));
    }
  };

  const list = (
    <ol className={styles.list} data-testid="agenda">
      {items.map((item, index) =>
        editing === item.id ? (
          <li key={item.id} className={styles.item}>
            <ItemForm
              trajectoryId={trajectoryId}
              meeting={m}
              plan={plan}
              item={item}
              onDone={() => setEditing(null)}
            />
          </li>
        ) : (
          <AgendaRow
            key={item.id}
            item={item}
            index={index}
            count={items.length}
            sortable={canReorder}
            busy={order !== null}
            onMove={(by) => move(item.id, by)}
            onEdit={() => setEditing(item.id)}
            onDelete={() => void remove(item)}
          />
        ),
      )}
    </ol>
  );

  return (
    <section className={card.card} aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" className={card.heading}>
        {t('agenda.title')}
      </h2>
      {items.length === 0 ? <p className={card.muted}>{t('agenda.empty')}</p> : null}
      <p className={styles.total} data-testid="agenda-total">
        {t('agenda.total', { total, length })}
      </p>
      {total > length ? <p className={styles.over}>{t('agenda.tooLong', { over: total - length })}</p> : null}
      {canReorder ? (
        <p className={styles.meta} id="agenda-drag-hint">
          {t('agenda.dragHint')}
        </p>
      ) : null}
      {canReorder ? (
        <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: t('agenda.dragHint') } }}>
          <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
            {list}
          </SortableContext>
        </DndContext>
      ) : (
        list
      )}
      {orderError ? (
        <MessageBar intent="error">
          <MessageBarBody>{orderError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {m.can.editAgenda || m.can.propose ? (
        adding ? (
          <div className={styles.item} style={{ marginTop: tokens.spacingVerticalM }}>
            <ItemForm trajectoryId={trajectoryId} meeting={m} plan={plan} onDone={() => setAdding(false)} />
          </div>
        ) : (
          <div className={styles.buttons} style={{ marginTop: tokens.spacingVerticalM }}>
            <Button className={styles.button} onClick={() => setAdding(true)} data-testid="add-item">
              {m.can.editAgenda ? t('agenda.add') : t('agenda.propose')}
            </Button>
            {!m.can.editAgenda ? <span className={styles.meta}>{t('agenda.proposeHint')}</span> : null}
          </div>
        )
      ) : null}
    </section>
  );
}

interface AgendaRowProps {
  item: AgendaItem;
  index: number;
  count: number;
  sortable: boolean;
  busy: boolean;
  onMove(by: number): void;
  onEdit(): void;
  onDelete(): void;
}

function AgendaRow(props: AgendaRowProps) {
  return props.sortable ? <SortableRow {...props} /> : <RowBody {...props} />;
}

function SortableRow(props: AgendaRowProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: props.item.id });
  const style = { transform: CSS.Translate.toString(transform), transition };
  return <RowBody {...props} rowRef={setNodeRef} style={style} dragging={isDragging} handle={{ ref: setActivatorNodeRef, props: { ...attributes, ...listeners } }} />;
}

function RowBody({
  item,
  index,
  count,
  sortable,
  busy,
  onMove,
  onEdit,
  onDelete,
  rowRef,
  style,
  dragging,
  handle,
}: AgendaRowProps & { rowRef?: (el: HTMLElement | null) => void; style?: CSSProperties; dragging?: boolean; handle?: { ref: (el: HTMLElement | null) => void; props: Record<string, unknown> } }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const meta = [
    kindLabel(i18n, item.kind),
    item.presenterName,
    t('agenda.minutesShort', { count: item.durationMinutes }),
    item.domainName,
    item.proposedByName ? t('agenda.proposedBy', { name: item.proposedByName }) : null,
  ].filter(Boolean);
  return (
    <li ref={rowRef} style={style} className={mergeClasses(styles.item, dragging && styles.dragging)} data-item-id={item.id} aria-busy={busy}>
      {handle ? (
        <Button
          ref={handle.ref}
          {...handle.props}
          className={styles.handle}
          appearance="subtle"
          aria-label={t('agenda.drag', { title: item.title })}
          aria-describedby="agenda-drag-hint"
          data-testid="drag-handle"
          icon={
            <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              {[4, 8, 12].flatMap((y) => [6, 10].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.3" fill="currentColor" />))}
            </svg>
          }
        />
      ) : null}
      <span className={styles.itemText}>
        <span className={styles.itemTitle}>
          {index + 1}. {item.title}
        </span>
        <span className={styles.meta}>{meta.join(' · ')}</span>
      </span>
      <span className={styles.itemButtons}>
        {sortable ? (
          <>
            <Button className={styles.small} disabledFocusable={index === 0} onClick={() => onMove(-1)} aria-label={t('agenda.upItem', { title: item.title })}>
              {t('agenda.up')}
            </Button>
            <Button className={styles.small} disabledFocusable={index === count - 1} onClick={() => onMove(1)} aria-label={t('agenda.downItem', { title: item.title })}>
              {t('agenda.down')}
            </Button>
          </>
        ) : null}
        {item.can.edit ? (
          <Button className={styles.small} onClick={onEdit} aria-label={t('agenda.editItem', { title: item.title })}>
            {t('agenda.edit')}
          </Button>
        ) : null}
        {item.can.delete ? (
          <Button className={styles.small} onClick={onDelete} aria-label={t('agenda.deleteItem', { title: item.title })}>
            {t('agenda.delete')}
          </Button>
        ) : null}
      </span>
    </li>
  );
}

/** Adds an item (organisers), proposes one (members while the agenda is open), or edits one. */
function ItemForm({ trajectoryId, meeting: m, plan, item, onDone }: { trajectoryId: string; meeting: MeetingDetail; plan: Plan | undefined; item?: AgendaItem; onDone(): void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [draft, setDraft] = useState<ItemDraft>(draftOf(item));
  const set = <K extends keyof ItemDraft>(key: K, value: ItemDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const proposing = !item && !m.can.editAgenda;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: draft.title.trim(),
      kind: draft.kind,
      presenterId: emptyToNull(draft.presenterId),
      durationMinutes: Number(draft.durationMinutes),
      domainId: emptyToNull(draft.domainId),
    };
    const ok = await submit(async () => {
      if (item) await api.patch(`/api/v1/agenda-items/${item.id}`, body);
      else await api.post(`${apiOf(m)}/agenda-items`, body);
      store(trajectoryId, await api.get<MeetingDetail>(apiOf(m)));
    });
    if (ok) {
      if (!item) announce(t(proposing ? 'agenda.proposed' : 'agenda.added', { title: body.title }));
      onDone();
    }
  };

  return (
    <form className={form.form} style={{ flex: '1 1 100%', minWidth: 0 }} onSubmit={(e) => void onSubmit(e)} noValidate data-testid="item-form">
      {proposing ? <p className={form.hint}>{t('agenda.proposeHint')}</p> : null}
      <Field label={t('agenda.itemTitle')} required {...fieldState(errors, 'title')}>
        <Input value={draft.title} onChange={(_e, d) => set('title', d.value)} name="title" maxLength={200} />
      </Field>
      <div className={styles.row}>
        <Field className={styles.shrink} label={t('agenda.kind')} {...fieldState(errors, 'kind')}>
          <Select className={styles.shrink} value={draft.kind} onChange={(_e, d) => set('kind', d.value as AgendaKind)} name="kind">
            {agendaKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(i18n, k)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.shrink} label={t('agenda.minutes')} {...fieldState(errors, 'durationMinutes')}>
          <Input type="number" min={1} max={480} value={draft.durationMinutes} onChange={(_e, d) => set('durationMinutes', d.value)} name="durationMinutes" />
        </Field>
      </div>
      <div className={styles.row}>
        <Field className={styles.shrink} label={t('agenda.presenter')} {...fieldState(errors, 'presenterId')}>
          <Select className={styles.shrink} value={draft.presenterId} onChange={(_e, d) => set('presenterId', d.value)} name="presenterId">
            <option value="">{t('agenda.noPresenter')}</option>
            {(plan?.people ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.shrink} label={t('agenda.domain')} {...fieldState(errors, 'domainId')}>
          <Select className={styles.shrink} value={draft.domainId} onChange={(_e, d) => set('domainId', d.value)} name="domainId">
            <option value="">{t('agenda.noDomain')}</option>
            {(plan?.domains ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <FormError message={formError} />
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
          {item ? t('agenda.save') : proposing ? t('agenda.propose') : t('agenda.add')}
        </Button>
        <Button className={styles.button} onClick={onDone}>
          {t('agenda.cancelEdit')}
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Minutes

type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';

function SaveStatusText({ status, error }: { status: SaveStatus; error: string | null }) {
  const { t } = useI18n();
  const styles = useStyles();
  const text = status === 'saving' ? t('minutes.saving') : status === 'saved' ? t('minutes.saved') : status === 'dirty' ? t('minutes.unsaved') : status === 'error' ? t('minutes.failed', { message: error ?? '' }) : '';
  return (
    <span role="status" className={status === 'error' ? styles.error : styles.status} data-save-status={status}>
      {text}
    </span>
  );
}

/** Saves when asked and when the field is left; a second save while one runs waits its turn. */
function useAutosave(save: () => Promise<void>) {
  const i18n = useI18n();
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<string | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const dirty = useRef(false);
  const run = async () => {
    if (running.current) await running.current.catch(() => undefined);
    if (!dirty.current) return;
    dirty.current = false;
    setStatus('saving');
    running.current = save();
    try {
      await running.current;
      setStatus(dirty.current ? 'dirty' : 'saved');
      setError(null);
    } catch (e) {
      dirty.current = true;
      setStatus('error');
      setError(e instanceof ApiError && e.status === 400 ? i18n.t('form.fixErrors') : describeError(i18n, e));
    } finally {
      running.current = null;
    }
  };
  return {
    status,
    error,
    changed() {
      dirty.current = true;
      setStatus('dirty');
    },
    save: () => void run(),
  };
}

function MinutesCard({ trajectoryId, meeting: m, plan }: { trajectoryId: string; meeting: MeetingDetail; plan: Plan | undefined }) {
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const after = m.state === 'held' || m.state === 'minutes_approved' || m.state === 'distributed';
  if (!m.can.editMinutes && !after) {
    return m.can.manage && m.state !== 'cancelled' ? (
      <section className={card.card} aria-labelledby="minutes-heading">
        <h2 id="minutes-heading" className={card.heading}>
          {t('minutes.title')}
        </h2>
        <p className={card.muted}>{t('minutes.notYet')}</p>
      </section>
    ) : null;
  }
  const edit = m.can.editMinutes;
  return (
    <section className={card.card} aria-labelledby="minutes-heading" data-testid="minutes" data-editable={edit ? 'true' : 'false'}>
      <h2 id="minutes-heading" className={card.heading}>
        {t('minutes.title')}
      </h2>
      {m.state === 'held' && m.minutesSubmittedAt ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('minutes.readOnlySubmitted')}</MessageBarBody>
        </MessageBar>
      ) : null}
      {edit ? <p className={styles.meta}>{t('minutes.autosave')}</p> : null}
      <div className={styles.list}>
        {m.agenda.map((item, index) =>
          edit && item.can.minutes ? <ItemMinutes key={item.id} meeting={m} item={item} index={index} /> : <ItemMinutesRead key={item.id} item={item} index={index} />,
        )}
      </div>
      <Attendance trajectoryId={trajectoryId} meeting={m} edit={edit} />
      <GeneralNotes trajectoryId={trajectoryId} meeting={m} edit={edit} />
      <MeetingActions trajectoryId={trajectoryId} meeting={m} plan={plan} edit={edit} />
    </section>
  );
}

function ItemMinutes({ meeting: m, item, index }: { meeting: MeetingDetail; item: AgendaItem; index: number }) {
  const { api } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const [notes, setNotes] = useState(item.notes);
  const [decisions, setDecisions] = useState(item.decisions);
  const latest = useRef({ notes, decisions });
  latest.current = { notes, decisions };
  const autosave = useAutosave(async () => {
    const saved = await api.patch<AgendaItem>(`/api/v1/agenda-items/${item.id}`, latest.current);
    mutateResource<MeetingDetail>(meetingKey(m.id), (d) => ({ ...d, agenda: d.agenda.map((i) => (i.id === saved.id ? saved : i)) }));
  });
  const headingId = `minutes-item-${item.id}`;
  return (
    <div className={styles.minutesItem} role="group" aria-labelledby={headingId} data-minutes-item={item.id}>
      <h3 id={headingId} className={styles.subheading}>
        {index + 1}. {item.title}
      </h3>
      <Field label={t('minutes.notes')}>
        <Textarea
          value={notes}
          resize="vertical"
          name="notes"
          onChange={(_e, d) => {
            setNotes(d.value);
            autosave.changed();
          }}
          onBlur={autosave.save}
        />
      </Field>
      <Field label={t('minutes.decisions')}>
        <Textarea
          value={decisions}
          resize="vertical"
          name="decisions"
          onChange={(_e, d) => {
            setDecisions(d.value);
            autosave.changed();
          }}
          onBlur={autosave.save}
        />
      </Field>
      <div className={styles.buttons}>
        <Button className={styles.button} onClick={autosave.save} disabled={autosave.status === 'saving'}>
          {t('minutes.saveItem')}
        </Button>
        <SaveStatusText status={autosave.status} error={autosave.error} />
      </div>
    </div>
  );
}

function ItemMinutesRead({ item, index }: { item: AgendaItem; index: number }) {
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  return (
    <div className={styles.minutesItem} data-minutes-item={item.id}>
      <h3 className={styles.subheading}>
        {index + 1}. {item.title}
      </h3>
      {item.notes || item.decisions ? null : <p className={card.muted}>{t('minutes.none')}</p>}
      {item.notes ? (
        <div>
          <strong>{t('minutes.notes')}</strong>
          <p className={styles.prose}>{item.notes}</p>
        </div>
      ) : null}
      {item.decisions ? (
        <div>
          <strong>{t('minutes.decisions')}</strong>
          <p className={styles.prose}>{item.decisions}</p>
        </div>
      ) : null}
    </div>
  );
}

function attendeeNote(i18n: I18n, a: MeetingAttendee): string | null {
  if (!a.isParent) return null;
  return a.trustedPersonName ? i18n.t('minutes.parentVia', { name: a.trustedPersonName }) : i18n.t('minutes.parent');
}

function Attendance({ trajectoryId, meeting: m, edit }: { trajectoryId: string; meeting: MeetingDetail; edit: boolean }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  // The choice shows at once; the server's answer confirms it (or the old value comes back).
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const record = async (a: MeetingAttendee, attendance: string) => {
    setChosen((c) => ({ ...c, [a.personId]: attendance }));
    setError(null);
    try {
      store(trajectoryId, await api.patch<MeetingDetail>(`${apiOf(m)}/attendees/${a.personId}`, { attendance }));
    } catch (e) {
      setError(describeError(i18n, e));
    } finally {
      setChosen(({ [a.personId]: _done, ...rest }) => rest);
    }
  };
  return (
    <div>
      <h3 className={styles.subheading}>{t('minutes.attendance')}</h3>
      <ul className={styles.list} style={{ gap: 0 }} data-testid="attendance">
        {m.attendees.map((a) => {
          const nameId = `attendee-${a.personId}`;
          const note = attendeeNote(i18n, a);
          return (
            <li key={a.personId} className={styles.attendee} data-person-id={a.personId}>
              <span className={styles.attendeeName} id={nameId}>
                <span>{a.displayName}</span>
                {note ? <span className={styles.meta}>{note}</span> : null}
              </span>
              {edit ? (
                <RadioGroup
                  className={styles.radios}
                  layout="horizontal"
                  value={chosen[a.personId] ?? (a.attendance === 'unknown' ? '' : a.attendance)}
                  aria-label={t('minutes.attendanceOf', { name: a.displayName })}
                  onChange={(_e, d) => void record(a, d.value)}
                >
                  {(['present', 'excused', 'absent'] as const).map((s) => (
                    <Radio key={s} value={s} label={t(`attendance.${s}`)} />
                  ))}
                </RadioGroup>
              ) : (
                <span>{t(`attendance.${a.attendance}`)}</span>
              )}
            </li>
          );
        })}
      </ul>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}

function GeneralNotes({ trajectoryId, meeting: m, edit }: { trajectoryId: string; meeting: MeetingDetail; edit: boolean }) {
  const { api } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const [notes, setNotes] = useState(m.minutesNotes);
  const latest = useRef(notes);
  latest.current = notes;
  const autosave = useAutosave(async () => {
    const fresh = await api.patch<MeetingDetail>(`${apiOf(m)}/minutes`, { notes: latest.current });
    store(trajectoryId, fresh);
  });
  if (!edit) {
    return (
      <div>
        <h3 className={styles.subheading}>{t('minutes.general')}</h3>
        {m.minutesNotes ? <p className={styles.prose}>{m.minutesNotes}</p> : <p className={card.muted}>{t('minutes.none')}</p>}
      </div>
    );
  }
  return (
    <div className={styles.minutesItem}>
      <Field label={<span className={styles.subheading}>{t('minutes.general')}</span>}>
        <Textarea
          value={notes}
          resize="vertical"
          name="minutesNotes"
          onChange={(_e, d) => {
            setNotes(d.value);
            autosave.changed();
          }}
          onBlur={autosave.save}
        />
      </Field>
      <div className={styles.buttons}>
        <Button className={styles.button} onClick={autosave.save} disabled={autosave.status === 'saving'}>
          {t('minutes.saveGeneral')}
        </Button>
        <SaveStatusText status={autosave.status} error={autosave.error} />
      </div>
    </div>
  );
}

function MeetingActions({ trajectoryId, meeting: m, plan, edit }: { trajectoryId: string; meeting: MeetingDetail; plan: Plan | undefined; edit: boolean }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [local, setLocal] = useState<string | null>(null);
  const empty = { title: '', ownerId: '', dueDate: '', operationalObjectiveId: '', agendaItemId: '' };
  const [draft, setDraft] = useState(empty);
  const set = <K extends keyof typeof empty>(key: K, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const objectives = (plan?.domains ?? []).map((d) => ({ domain: d, objectives: d.strategicObjectives.flatMap((s) => s.operationalObjectives) })).filter((g) => g.objectives.length > 0);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setLocal(null);
    if (!draft.title.trim() || !draft.operationalObjectiveId) {
      setLocal(t('minutes.actionMissing'));
      return;
    }
    const title = draft.title.trim();
    const ok = await submit(async () => {
      const fresh = await api.post<MeetingDetail>(`${apiOf(m)}/actions`, {
        title,
        operationalObjectiveId: draft.operationalObjectiveId,
        ownerId: emptyToNull(draft.ownerId),
        dueDate: emptyToNull(draft.dueDate),
        ...(draft.agendaItemId ? { agendaItemId: draft.agendaItemId } : {}),
      });
      store(trajectoryId, fresh);
      void invalidateResource(planKey(trajectoryId));
    });
    if (ok) {
      announce(t('minutes.actionAdded', { title }));
      setDraft(empty);
    }
  };

  return (
    <div>
      <h3 className={styles.subheading}>{t('minutes.actions')}</h3>
      {m.actions.length === 0 ? <p className={card.muted}>{t('minutes.noActions')}</p> : null}
      <ul className={styles.list} data-testid="meeting-actions">
        {m.actions.map((a) => (
          <li key={a.id}>
            <a href={paths.action(trajectoryId, a.id)} className={card.link}>
              {a.title}
            </a>{' '}
            <span className={styles.meta}>
              · {a.ownerName ?? t('minutes.noOwner')} · {a.dueDate ? i18n.date(a.dueDate) : t('minutes.noDue')} · {t(`status.${a.status}`)}
            </span>
          </li>
        ))}
      </ul>
      {edit ? (
        objectives.length === 0 ? (
          <p className={card.muted}>{t('minutes.noObjectives')}</p>
        ) : (
          <form className={form.form} style={{ marginTop: tokens.spacingVerticalM }} onSubmit={(e) => void onSubmit(e)} noValidate data-testid="action-form">
            <Field label={t('minutes.actionTitle')} required {...fieldState(errors, 'title')}>
              <Input value={draft.title} onChange={(_e, d) => set('title', d.value)} name="actionTitle" maxLength={300} />
            </Field>
            <Field className={styles.shrink} label={t('minutes.objective')} required {...fieldState(errors, 'operationalObjectiveId')}>
              <Select className={styles.shrink} value={draft.operationalObjectiveId} onChange={(_e, d) => set('operationalObjectiveId', d.value)} name="operationalObjectiveId">
                <option value="">{t('minutes.chooseObjective')}</option>
                {objectives.map((g) => (
                  <optgroup key={g.domain.id} label={g.domain.name}>
                    {g.objectives.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </Select>
            </Field>
            <div className={styles.row}>
              <Field className={styles.shrink} label={t('minutes.owner')} {...fieldState(errors, 'ownerId')}>
                <Select className={styles.shrink} value={draft.ownerId} onChange={(_e, d) => set('ownerId', d.value)} name="ownerId">
                  <option value="">{t('minutes.noOwner')}</option>
                  {(plan?.people ?? []).map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.displayName}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field className={styles.shrink} label={t('minutes.due')} {...fieldState(errors, 'dueDate')}>
                <Input type="date" value={draft.dueDate} onChange={(_e, d) => set('dueDate', d.value)} name="dueDate" />
              </Field>
            </div>
            <Field className={styles.shrink} label={t('minutes.forItem')} {...fieldState(errors, 'agendaItemId')}>
              <Select className={styles.shrink} value={draft.agendaItemId} onChange={(_e, d) => set('agendaItemId', d.value)} name="agendaItemId">
                <option value="">{t('minutes.noItem')}</option>
                {m.agenda.map((i, n) => (
                  <option key={i.id} value={i.id}>
                    {n + 1}. {i.title}
                  </option>
                ))}
              </Select>
            </Field>
            <FormError message={local ?? formError} />
            <div className={styles.buttons}>
              <Button type="submit" className={styles.button} disabled={saving}>
                {t('minutes.addAction')}
              </Button>
            </div>
          </form>
        )
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Delivery log

function DeliveriesCard({ meeting: m }: { meeting: MeetingDetail }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  // The delivery log's route may not exist on an older server: a 404 is an empty log.
  const deliveries = useResource<{ deliveries: MinutesDelivery[] }>(`deliveries:${m.id}`, () =>
    api.get<{ deliveries: MinutesDelivery[] }>(`${apiOf(m)}/deliveries`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return { deliveries: [] };
      throw error;
    }),
  );
  const list = deliveries.data?.deliveries ?? [];
  // While mail is still going out, the log reads itself again now and then.
  const underway = list.some((d) => d.state === 'pending' || d.state === 'sending');
  const reload = deliveries.reload;
  useEffect(() => {
    if (!underway) return;
    const timer = window.setTimeout(() => void reload(), 3000);
    return () => window.clearTimeout(timer);
  }, [underway, reload, deliveries.data]);
  return (
    <section className={card.card} aria-labelledby="deliveries-heading" data-testid="deliveries">
      <h2 id="deliveries-heading" className={card.heading}>
        {t('deliveries.title')}
      </h2>
      {deliveries.error && !deliveries.data ? <ErrorBox error={deliveries.error} onRetry={() => void deliveries.reload()} /> : null}
      {!deliveries.data && !deliveries.error ? <Spinner size="small" label={t('app.loading')} /> : null}
      {deliveries.data && list.length === 0 ? <p className={card.muted}>{t('deliveries.empty')}</p> : null}
      {list.length ? (
        <ul className={styles.list} style={{ gap: 0 }}>
          {list.map((d) => (
            <li key={d.id} className={styles.delivery} data-delivery-state={d.state}>
              <span>
                <strong>{d.recipientName}</strong> · {label(i18n, 'deliveries.reason', d.reason)}
              </span>
              <span className={styles.meta}>
                {d.address} · {label(i18n, 'deliveries.transport', d.transport)}
              </span>
              <span className={d.state === 'failed' ? styles.error : styles.meta}>
                {label(i18n, 'deliveries.state', d.state)} · {i18n.tc('deliveries.attempts', d.attempts)}
                {d.sentAt ? ` · ${t('deliveries.sentAt', { date: i18n.dateTime(d.sentAt) })}` : ''}
                {d.error ? ` · ${d.error}` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
