import { Button, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Textarea, ToggleButton, tokens } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { checkVision } from '../../../src/shared/vision-check';
import { qualityCriteria } from '../../../src/shared/enums';
import type { HomeworkMember, HomeworkSendResult, SteeringSession, SteeringSessions, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { Check, Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { useCardStyles, ViewRoot } from '../components/view';
import { loadResource, useResource } from '../data/resource';
import { label, useI18n, type I18n } from '../i18n/i18n';
import { paths } from '../router';

export interface SteeringViewProps {
  trajectoryId: string;
  session: number | null;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
  steps: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))', gap: tokens.spacingHorizontalS, counterReset: 'none' },
  step: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    minHeight: '44px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    textDecorationLine: 'none',
    '& strong': { color: tokens.colorBrandForegroundLink, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  stepCurrent: { border: `2px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2, '& strong': { textDecorationLine: 'none', color: tokens.colorNeutralForeground1 } },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  intro: { margin: 0, maxWidth: '70ch' },
  agenda: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  agendaItem: { overflowWrap: 'anywhere' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  },
  answers: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, '& dt': { fontWeight: tokens.fontWeightSemibold }, '& dd': { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  button: { minHeight: '44px' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))', gap: tokens.spacingHorizontalM },
  // A long meeting title must not widen the page: the select shrinks to its column.
  shrink: { minWidth: 0, maxWidth: '100%', '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  tag: { minHeight: '44px' },
  checkList: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}` },
  checkItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  named: { color: tokens.colorPaletteGreenForeground1 },
  notNamed: { color: tokens.colorPaletteDarkOrangeForeground1 },
  members: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  member: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere' },
  memberHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  plain: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  subheading: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const sessionsKey = (t: string) => `steering:${t}`;
const homeworkKey = (t: string) => `steering-homework:${t}`;

/** Message keys built from the server's codes; unknown codes show as they are. */
function msg(i18n: I18n, key: string): string {
  return i18n.has(key) ? i18n.t(key) : key.split('.').pop()!;
}

function durationOf(i18n: I18n, minutes: number): string {
  return i18n.tc('steering.minutes', minutes);
}

export function SteeringView({ trajectoryId, session, access }: SteeringViewProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const data = useResource<SteeringSessions>(sessionsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/steering-sessions`));
  const canEdit = Boolean(access?.permissions.includes('trajectory.edit'));
  const ready = Boolean(data.data && access);
  const sessions = data.data?.sessions ?? [];
  const current = session ?? sessions.find((s) => !s.heldOn)?.number ?? 1;
  const shown = sessions.find((s) => s.number === current);

  return (
    <ViewRoot name="steering" title={t('steering.title')} subtitle={t('steering.subtitle')} ready={ready}>
      {data.error && !data.data ? <ErrorBox error={data.error} onRetry={() => void data.reload()} /> : null}
      {!data.data && !data.error ? <Spinner label={t('app.loading')} /> : null}
      {data.data ? (
        <>
          <nav aria-label={t('steering.steps')}>
            <ol className={styles.steps}>
              {sessions.map((s) => (
                <li key={s.number}>
                  <a
                    href={paths.steering(trajectoryId, s.number)}
                    className={mergeClasses(styles.step, s.number === current && styles.stepCurrent)}
                    aria-current={s.number === current ? 'step' : undefined}
                  >
                    <strong>{msg(i18n, `steering.session.${s.number}.title`)}</strong>
                    <span className={styles.meta}>{s.heldOn ? t('steering.step.held', { date: i18n.date(s.heldOn) }) : t('steering.step.notHeld')}</span>
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          {shown ? <SessionPanel key={shown.number} trajectoryId={trajectoryId} session={shown} data={data.data} canEdit={canEdit} /> : null}
        </>
      ) : null}
    </ViewRoot>
  );
}

function SessionPanel({ trajectoryId, session, data, canEdit }: { trajectoryId: string; session: SteeringSession; data: SteeringSessions; canEdit: boolean }) {
  const i18n = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const n = session.number;
  return (
    <div className={styles.stack}>
      <section className={card.card} aria-labelledby="session-heading">
        <h2 id="session-heading" className={card.heading}>
          {msg(i18n, `steering.session.${n}.title`)}
        </h2>
        <p className={styles.intro}>{msg(i18n, `steering.session.${n}.intro`)}</p>
      </section>
      <RecordCard trajectoryId={trajectoryId} session={session} data={data} canEdit={canEdit} />
      <AgendaCard session={session} />
      <AnswersCard trajectoryId={trajectoryId} session={session} canEdit={canEdit} />
      {n === 2 ? <MissionVisionCard trajectoryId={trajectoryId} data={data} canEdit={canEdit} /> : null}
      {n === 1 || n === 2 ? <HomeworkCard trajectoryId={trajectoryId} data={data} canEdit={canEdit} showAnswers={n === 2} /> : null}
    </div>
  );
}

async function refresh(trajectoryId: string, load: () => Promise<SteeringSessions>): Promise<void> {
  await loadResource(sessionsKey(trajectoryId), load);
}

function RecordCard({ trajectoryId, session, data, canEdit }: { trajectoryId: string; session: SteeringSession; data: SteeringSessions; canEdit: boolean }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [heldOn, setHeldOn] = useState(session.heldOn ?? '');
  const [meetingId, setMeetingId] = useState(session.meeting?.id ?? '');
  const [saved, setSaved] = useState(false);
  const meetingLabel = (m: { title: string; startsAt: string }) => `${m.title} · ${i18n.dateTime(m.startsAt)}`;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await submit(async () => {
      await api.patch(`/api/v1/trajectories/${trajectoryId}/steering-sessions/${session.number}`, { heldOn: heldOn || null, meetingId: meetingId || null });
      await refresh(trajectoryId, () => api.get(`/api/v1/trajectories/${trajectoryId}/steering-sessions`));
    });
    setSaved(ok);
  };

  return (
    <section className={card.card} aria-labelledby="record-heading">
      <h2 id="record-heading" className={card.heading}>
        {t('steering.record')}
      </h2>
      {canEdit ? (
        <form className={form.form} onSubmit={(e) => void onSubmit(e)} noValidate>
          <div className={styles.row}>
            <Field className={styles.shrink} label={t('steering.field.heldOn')} {...fieldState(errors, 'heldOn')}>
              <Input type="date" value={heldOn} onChange={(_e, d) => setHeldOn(d.value)} />
            </Field>
            <Field className={styles.shrink} label={t('steering.field.meeting')} hint={data.steeringMeetings.length ? undefined : t('steering.noSteeringMeetings')} {...fieldState(errors, 'meetingId')}>
              <Select className={styles.shrink} value={meetingId} onChange={(_e, d) => setMeetingId(d.value)}>
                <option value="">{t('steering.noMeeting')}</option>
                {data.steeringMeetings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {meetingLabel(m)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <FormError message={formError} />
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
              {t('steering.save')}
            </Button>
            <span role="status" className={styles.meta}>
              {saved ? t('steering.saved') : ''}
            </span>
          </div>
        </form>
      ) : (
        <dl className={styles.facts}>
          <dt>{t('steering.field.heldOn')}</dt>
          <dd>{session.heldOn ? i18n.date(session.heldOn) : t('steering.none')}</dd>
          <dt>{t('steering.field.meeting')}</dt>
          <dd>{session.meeting ? meetingLabel(session.meeting) : t('steering.noMeeting')}</dd>
        </dl>
      )}
    </section>
  );
}

function AgendaCard({ session }: { session: SteeringSession }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const total = session.agenda.reduce((sum, a) => sum + a.minutes, 0);
  return (
    <section className={card.card} aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" className={card.heading}>
        {t('steering.agenda')}
      </h2>
      <p className={mergeClasses(styles.meta, styles.intro)}>{t('steering.agendaHint')}</p>
      <ol className={styles.agenda}>
        {session.agenda.map((item) => (
          <li key={item.code} className={styles.agendaItem}>
            <span>{msg(i18n, `steering.agenda.${session.number}.${item.code}`)}</span>{' '}
            <span className={styles.meta}>
              ({msg(i18n, `steering.kind.${item.kind}`)} · {durationOf(i18n, item.minutes)})
            </span>
          </li>
        ))}
      </ol>
      <p className={styles.meta}>{t('steering.agendaTotal', { duration: durationOf(i18n, total) })}</p>
    </section>
  );
}

function AnswersCard({ trajectoryId, session, canEdit }: { trajectoryId: string; session: SteeringSession; canEdit: boolean }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const { saving, formError, submit } = useSubmit();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(session.prompts.map((p) => [p.code, session.answers[p.code] ?? ''])));
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await submit(async () => {
      await api.patch(`/api/v1/trajectories/${trajectoryId}/steering-sessions/${session.number}`, { answers: values });
      await refresh(trajectoryId, () => api.get(`/api/v1/trajectories/${trajectoryId}/steering-sessions`));
    });
    setSaved(ok);
  };

  return (
    <section className={card.card} aria-labelledby="answers-heading">
      <h2 id="answers-heading" className={card.heading}>
        {t('steering.answers')}
      </h2>
      {canEdit ? (
        <form className={form.form} onSubmit={(e) => void onSubmit(e)} noValidate>
          {session.prompts.map((p) => (
            <Field key={p.code} label={msg(i18n, `steering.prompt.${session.number}.${p.code}`)}>
              <Textarea
                name={p.code}
                resize="vertical"
                rows={3}
                maxLength={p.maxLength}
                value={values[p.code] ?? ''}
                onChange={(_e, d) => setValues((v) => ({ ...v, [p.code]: d.value }))}
              />
            </Field>
          ))}
          <FormError message={formError} />
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
              {t('steering.saveAnswers')}
            </Button>
            <span role="status" className={styles.meta}>
              {saved ? t('steering.saved') : ''}
            </span>
          </div>
        </form>
      ) : (
        <dl className={styles.answers}>
          {session.prompts.map((p) => (
            <div key={p.code}>
              <dt>{msg(i18n, `steering.prompt.${session.number}.${p.code}`)}</dt>
              <dd className={session.answers[p.code] ? undefined : styles.meta}>{session.answers[p.code] ?? t('steering.none')}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

function VisionCheckBox({ vision, criteria }: { vision: string; criteria: string[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  // The same pure function the API answers with (src/shared/vision-check.ts), live while typing.
  const check = useMemo(() => checkVision(vision, criteria), [vision, criteria]);
  const name = (c: string) => msg(i18n, `steering.criterion.${c}`);
  return (
    <MessageBar intent={check.ok ? 'success' : 'warning'} layout="multiline" icon={check.ok ? <Check size={20} /> : <Warning size={20} />} data-testid="vision-check" data-ok={check.ok ? 'true' : 'false'}>
      <MessageBarBody>
        <MessageBarTitle>{t('steering.check.heading')}</MessageBarTitle>
        {!check.chosen.length ? (
          <span>{t('steering.check.noneChosen')}</span>
        ) : (
          <>
            <span>{t('steering.check.rule', { required: check.required })} </span>
            <span>{check.ok ? t('steering.check.ok', { named: i18n.list(check.named.map(name)) }) : t('steering.check.short', { count: check.named.length, required: check.required })}</span>
            {check.missing.length ? <span> {t('steering.check.missing', { list: i18n.list(check.missing.map(name)) })}</span> : null}
            <ul className={styles.checkList}>
              {check.chosen.map((c) => {
                const named = check.named.includes(c as never);
                return (
                  <li key={c} className={styles.checkItem}>
                    {named ? <Check className={styles.named} /> : <Warning className={styles.notNamed} />}
                    <span>
                      {name(c)}: {named ? t('steering.check.named') : t('steering.check.notNamed')}
                    </span>
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

function MissionVisionCard({ trajectoryId, data, canEdit }: { trajectoryId: string; data: SteeringSessions; canEdit: boolean }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [mission, setMission] = useState(data.mission);
  const [vision, setVision] = useState(data.vision);
  const [criteria, setCriteria] = useState<string[]>(data.qualityCriteria);
  const [saved, setSaved] = useState(false);
  const toggle = (c: string) => setCriteria((list) => (list.includes(c) ? list.filter((x) => x !== c) : qualityCriteria.filter((q) => q === c || list.includes(q))));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await submit(async () => {
      const updated = await api.patch<Trajectory>(`/api/v1/trajectories/${trajectoryId}`, { mission, vision, qualityCriteria: criteria });
      await Promise.all([
        refresh(trajectoryId, () => api.get(`/api/v1/trajectories/${trajectoryId}/steering-sessions`)),
        loadResource(`trajectory:${trajectoryId}`, () => Promise.resolve(updated)),
      ]);
    });
    setSaved(ok);
  };

  return (
    <section className={card.card} aria-labelledby="mv-heading">
      <h2 id="mv-heading" className={card.heading}>
        {t('steering.mv.heading')}
      </h2>
      {canEdit ? (
        <form className={form.form} onSubmit={(e) => void onSubmit(e)} noValidate>
          <Field label={t('steering.mv.mission')} hint={t('steering.mv.missionHint')} {...fieldState(errors, 'mission')}>
            <Textarea resize="vertical" rows={3} maxLength={5000} value={mission} onChange={(_e, d) => setMission(d.value)} />
          </Field>
          <Field label={t('steering.mv.vision')} hint={t('steering.mv.visionHint')} {...fieldState(errors, 'vision')}>
            <Textarea resize="vertical" rows={6} maxLength={5000} value={vision} onChange={(_e, d) => setVision(d.value)} />
          </Field>
          <div role="group" aria-labelledby="criteria-label" aria-describedby="criteria-hint">
            <p id="criteria-label" className={styles.subheading}>
              {t('steering.mv.criteria')}
            </p>
            <p id="criteria-hint" className={form.hint}>
              {t('steering.mv.criteriaHint')}
            </p>
            <div className={styles.tags}>
              {qualityCriteria.map((c) => (
                <ToggleButton key={c} className={styles.tag} shape="circular" checked={criteria.includes(c)} onClick={() => toggle(c)} icon={criteria.includes(c) ? <Check size={16} /> : undefined}>
                  {msg(i18n, `steering.criterion.${c}`)}
                </ToggleButton>
              ))}
            </div>
          </div>
          <VisionCheckBox vision={vision} criteria={criteria} />
          <FormError message={formError} />
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" className={styles.button} disabled={saving}>
              {t('steering.mv.save')}
            </Button>
            <span role="status" className={styles.meta}>
              {saved ? t('steering.saved') : ''}
            </span>
          </div>
        </form>
      ) : (
        <div className={styles.stack}>
          {data.mission || data.vision ? (
            <dl className={styles.answers}>
              <div>
                <dt>{t('steering.mv.mission')}</dt>
                <dd>{data.mission || t('steering.none')}</dd>
              </div>
              <div>
                <dt>{t('steering.mv.vision')}</dt>
                <dd>{data.vision || t('steering.none')}</dd>
              </div>
              <div>
                <dt>{t('steering.mv.criteria')}</dt>
                <dd>{data.qualityCriteria.length ? i18n.list(data.qualityCriteria.map((c) => msg(i18n, `steering.criterion.${c}`))) : t('steering.none')}</dd>
              </div>
            </dl>
          ) : (
            <p className={card.muted}>{t('steering.mv.empty')}</p>
          )}
          <VisionCheckBox vision={data.vision} criteria={data.qualityCriteria} />
        </div>
      )}
    </section>
  );
}

function cardState(i18n: I18n, member: HomeworkMember): string {
  if (!member.teams) return i18n.t('steering.hw.noTeams');
  return msg(i18n, `steering.hw.card.${member.card?.state ?? 'none'}`);
}

function HomeworkCard({ trajectoryId, data, canEdit, showAnswers }: { trajectoryId: string; data: SteeringSessions; canEdit: boolean; showAnswers: boolean }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const send = useSubmit();
  const [result, setResult] = useState<HomeworkSendResult | null>(null);
  const members = useResource<{ members: HomeworkMember[] }>(canEdit ? homeworkKey(trajectoryId) : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/steering-sessions/homework`));

  const onSend = async () => {
    await send.submit(async () => {
      setResult(await api.post<HomeworkSendResult>(`/api/v1/trajectories/${trajectoryId}/steering-sessions/homework`, {}));
      await Promise.all([members.reload(), refresh(trajectoryId, () => api.get(`/api/v1/trajectories/${trajectoryId}/steering-sessions`))]);
    });
  };
  const withoutTeams = (members.data?.members ?? []).filter((m) => !m.teams);

  return (
    <section className={card.card} aria-labelledby="hw-heading">
      <h2 id="hw-heading" className={card.heading}>
        {t('steering.hw.heading')}
      </h2>
      <p className={styles.intro}>{t('steering.hw.intro')}</p>
      <p className={styles.meta}>{t('steering.hw.counts', { answered: data.homework.answered, members: data.homework.members, sent: data.homework.sent })}</p>
      {canEdit ? (
        <div className={styles.stack}>
          <div className={styles.buttons}>
            <Button appearance={showAnswers ? 'secondary' : 'primary'} className={styles.button} disabled={send.saving} onClick={() => void onSend()}>
              {t('steering.hw.send')}
            </Button>
          </div>
          <FormError message={send.formError} />
          <div role="status">
            {result ? (
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>
                  {i18n.tc('steering.hw.sent', result.queued.length)}
                  {result.alreadyQueued.length ? ` ${i18n.tc('steering.hw.already', result.alreadyQueued.length)}` : ''}
                  {result.remindersOff.length ? ` ${t('steering.hw.remindersOff', { names: i18n.list(result.remindersOff.map((m) => m.displayName)) })}` : ''}
                </MessageBarBody>
              </MessageBar>
            ) : null}
          </div>
          {members.error && !members.data ? <ErrorBox error={members.error} onRetry={() => void members.reload()} /> : null}
          {withoutTeams.length ? (
            <div>
              <h3 className={styles.subheading}>{t('steering.hw.withoutTeams')}</h3>
              <ul className={styles.plain}>
                {withoutTeams.map((m) => (
                  <li key={m.personId}>
                    {m.displayName}
                    {m.trustedPersonName ? <span className={styles.meta}> — {t('steering.hw.viaTrusted', { name: m.trustedPersonName })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {showAnswers && members.data ? (
            <div>
              <h3 className={styles.subheading}>{t('steering.hw.answers')}</h3>
              <p className={styles.meta}>{t('steering.hw.privacy')}</p>
              {members.data.members.length ? (
                <ul className={styles.members}>
                  {members.data.members.map((m) => (
                    <li key={m.personId} className={styles.member} data-testid="homework-member">
                      <div className={styles.memberHead}>
                        <strong>{m.displayName}</strong>
                        <span className={styles.meta}>
                          {m.roles.map((r) => label(i18n, 'role', r)).join(', ')} · {cardState(i18n, m)}
                        </span>
                      </div>
                      {m.answer ? (
                        <dl className={styles.facts}>
                          <dt>{t('steering.hw.case')}</dt>
                          <dd>{m.answer.caseText || '—'}</dd>
                          <dt>{t('steering.hw.dream')}</dt>
                          <dd>{m.answer.dreamText || '—'}</dd>
                        </dl>
                      ) : (
                        <span className={styles.meta}>{t('steering.hw.noAnswer')}</span>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={card.muted}>{t('steering.hw.noMembers')}</p>
              )}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

