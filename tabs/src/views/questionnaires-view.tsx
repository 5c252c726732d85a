import { Badge, Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ActionListItem, Person, Questionnaire, QuestionnaireQuestion, QuestionnaireResults, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { mutateResource, useResource } from '../data/resource';
import { useI18n, type Lang } from '../i18n/i18n';
import { paths } from '../router';

export interface QuestionnairesViewProps {
  trajectoryId: string;
  questionnaireId: string | null;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  itemHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meta: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  link: { minHeight: '44px', display: 'inline-flex', alignItems: 'center' },
  question: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  bars: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  bar: { display: 'grid', gridTemplateColumns: 'minmax(4rem, 8rem) 1fr 2.5rem', alignItems: 'center', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  track: { height: '10px', backgroundColor: tokens.colorNeutralBackground4, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden' },
  fill: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  tokenList: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  wrap: { overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // A native select is as wide as its longest option (action titles are long): keep it in its card.
  // Touch targets of at least 44 px, also for the small scale radios.
  radio: { minHeight: '44px', alignItems: 'center' },
  selectRoot: { width: '100%', minWidth: 0, maxWidth: '100%' },
  select: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
});

type PersonWithTrust = Person & { trustedPersonId?: string | null };

const listKey = (trajectoryId: string) => `questionnaires:${trajectoryId}`;
const resultsKey = (trajectoryId: string, id: string) => `questionnaire-results:${trajectoryId}:${id}`;

function titleOf(q: Questionnaire, lang: Lang): string {
  return lang === 'en' && q.titleEn ? q.titleEn : q.titleNl;
}
function textOf(q: QuestionnaireQuestion, lang: Lang): string {
  return lang === 'en' && q.textEn ? q.textEn : q.textNl;
}

/** Who may write questionnaires of an action: as the server decides for `domain.edit` (rendered from it, never guessed). */
function mayEdit(access: Trajectory | undefined, domainId: string): boolean {
  return Boolean(access && (access.permissions.includes('domain.edit') || access.workGroupDomainIds.includes(domainId)));
}

export function QuestionnairesView({ trajectoryId, questionnaireId, access }: QuestionnairesViewProps) {
  const { api } = useApp();
  const { t } = useI18n();
  const list = useResource<Questionnaire[]>(listKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/questionnaires`));
  const actions = useResource<ActionListItem[]>(`questionnaire-actions:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/actions`));
  const ready = Boolean(list.data && actions.data);
  const selected = questionnaireId ? list.data?.find((q) => q.id === questionnaireId) : undefined;
  return (
    <ViewRoot name="questionnaires" title={t('questionnaires.title')} subtitle={t('questionnaires.subtitle')} ready={ready || Boolean(list.error || actions.error)}>
      {list.error || actions.error ? <ErrorBox error={list.error ?? actions.error} onRetry={() => void Promise.all([list.reload(), actions.reload()])} /> : null}
      {ready && questionnaireId ? (
        selected ? (
          <QuestionnaireDetail trajectoryId={trajectoryId} questionnaire={selected} access={access} actions={actions.data!} />
        ) : (
          <>
            <MessageBar intent="warning">
              <MessageBarBody>{t('questionnaires.notFound')}</MessageBarBody>
            </MessageBar>
            <a href={paths.questionnaires(trajectoryId)}>{t('questionnaires.back')}</a>
          </>
        )
      ) : null}
      {ready && !questionnaireId ? <QuestionnaireList trajectoryId={trajectoryId} questionnaires={list.data!} actions={actions.data!} access={access} /> : null}
    </ViewRoot>
  );
}

function QuestionnaireList({ trajectoryId, questionnaires, actions, access }: { trajectoryId: string; questionnaires: Questionnaire[]; actions: ActionListItem[]; access: Trajectory | undefined }) {
  const i18n = useI18n();
  const { t, tc, lang } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const editable = actions.filter((a) => mayEdit(access, a.domainId));
  const actionTitle = (id: string) => actions.find((a) => a.id === id)?.title ?? '';
  return (
    <div className={styles.grid}>
      <section className={card.card} aria-labelledby="questionnaires-list">
        <h2 id="questionnaires-list" className={card.heading}>
          {t('questionnaires.list')}
        </h2>
        {questionnaires.length === 0 ? <p className={card.muted}>{t('questionnaires.empty')}</p> : null}
        <ul className={card.list}>
          {questionnaires.map((q) => (
            <li key={q.id} className={styles.item}>
              <div className={styles.itemHead}>
                <a className={styles.link} href={paths.questionnaires(trajectoryId, q.id)}>
                  {titleOf(q, lang)}
                </a>
                <Badge appearance="tint" color={q.kind === 'result' ? 'brand' : 'informative'}>
                  {t(`questionnaires.kind.${q.kind}`)}
                </Badge>
                {q.state === 'closed' ? <Badge appearance="outline">{t('questionnaires.state.closed')}</Badge> : null}
              </div>
              <div className={styles.meta}>
                <span className={styles.wrap}>{t('questionnaires.action', { name: actionTitle(q.actionId) })}</span>
                <span>{tc('questionnaires.answers', q.answerCount)}</span>
                {q.answeredByMe ? <span>{t('questionnaires.answered')}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      {editable.length > 0 ? <NewQuestionnaire trajectoryId={trajectoryId} actions={editable} /> : null}
    </div>
  );
}

function NewQuestionnaire({ trajectoryId, actions }: { trajectoryId: string; actions: ActionListItem[] }) {
  const { api, announce } = useApp();
  const { t, lang } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const submit = useSubmit();
  const [actionId, setActionId] = useState(actions[0]?.id ?? '');
  const [kind, setKind] = useState<'result' | 'satisfaction'>('satisfaction');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.submit(async () => {
      const created = await api.post<Questionnaire>(`/api/v1/actions/${actionId}/questionnaires`, { kind });
      mutateResource<Questionnaire[]>(listKey(trajectoryId), (list) => [...list, created]);
      announce(t('questionnaires.created', { name: titleOf(created, lang) }));
      window.location.hash = paths.questionnaires(trajectoryId, created.id);
    });
  };
  return (
    <section className={card.card} aria-labelledby="questionnaires-new">
      <h2 id="questionnaires-new" className={card.heading}>
        {t('questionnaires.new')}
      </h2>
      <form className={form.form} onSubmit={onSubmit}>
        <p className={form.hint}>{t('questionnaires.new.intro')}</p>
        <Field label={t('questionnaires.new.action')} {...fieldState(submit.errors, 'actionId')}>
          <Select className={styles.selectRoot} select={{ className: styles.select }} value={actionId} onChange={(_, d) => setActionId(d.value)}>
            {actions.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('questionnaires.new.kind')} hint={t(`questionnaires.new.kindHint.${kind}`)} {...fieldState(submit.errors, 'kind')}>
          <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as 'result' | 'satisfaction')}>
            <Radio className={styles.radio} value="satisfaction" label={t('questionnaires.kind.satisfaction')} />
            <Radio className={styles.radio} value="result" label={t('questionnaires.kind.result')} />
          </RadioGroup>
        </Field>
        <FormError message={submit.formError} />
        <div>
          <Button appearance="primary" type="submit" disabled={submit.saving || !actionId}>
            {t('questionnaires.new.create')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function QuestionnaireDetail({ trajectoryId, questionnaire, access, actions }: { trajectoryId: string; questionnaire: Questionnaire; access: Trajectory | undefined; actions: ActionListItem[] }) {
  const { api, announce } = useApp();
  const { t, tc, lang } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const submit = useSubmit();
  const q = questionnaire;
  const intro = lang === 'en' && q.introEn ? q.introEn : q.introNl;
  const action = actions.find((a) => a.id === q.actionId);
  const permissions = access?.permissions ?? [];
  const editable = mayEdit(access, q.domainId);

  const refresh = async () => {
    const fresh = await api.get<Questionnaire>(`/api/v1/questionnaires/${q.id}`);
    mutateResource<Questionnaire[]>(listKey(trajectoryId), (list) => list.map((x) => (x.id === fresh.id ? fresh : x)));
  };
  const toggle = () =>
    void submit.submit(async () => {
      const next = q.state === 'open' ? 'closed' : 'open';
      const updated = await api.patch<Questionnaire>(`/api/v1/questionnaires/${q.id}`, { state: next });
      mutateResource<Questionnaire[]>(listKey(trajectoryId), (list) => list.map((x) => (x.id === updated.id ? updated : x)));
      announce(t(next === 'closed' ? 'questionnaires.closed' : 'questionnaires.reopened'));
    });

  return (
    <>
      <div className={styles.actions}>
        <a className={styles.link} href={paths.questionnaires(trajectoryId)}>
          {t('questionnaires.back')}
        </a>
      </div>
      <section className={card.card} aria-labelledby="questionnaire-title">
        <h2 id="questionnaire-title" className={card.heading}>
          {titleOf(q, lang)}
        </h2>
        <div className={styles.meta}>
          <span>{t(`questionnaires.kind.${q.kind}`)}</span>
          <span>{t(`questionnaires.state.${q.state}`)}</span>
          <span>{tc('questionnaires.answers', q.answerCount)}</span>
          {action ? <span className={styles.wrap}>{t('questionnaires.action', { name: action.title })}</span> : null}
        </div>
        {intro ? <p>{intro}</p> : null}
        {editable ? (
          <div className={styles.actions}>
            <Button onClick={toggle} disabled={submit.saving}>
              {t(q.state === 'open' ? 'questionnaires.close' : 'questionnaires.reopen')}
            </Button>
          </div>
        ) : null}
        <FormError message={submit.formError} />
      </section>
      <div className={styles.grid}>
        <OwnAnswers questionnaire={q} access={access} onSaved={refresh} />
        {q.state === 'open' && (permissions.includes('contact.read') || access?.roles.includes('trusted_person')) ? <ProxyAnswers questionnaire={q} access={access} onSaved={refresh} /> : null}
        {q.state === 'open' && permissions.includes('questionnaire.invite') ? <Links questionnaire={q} /> : null}
        <Results trajectoryId={trajectoryId} questionnaire={q} />
        {permissions.includes('questionnaire.answers_read') ? <SingleAnswers questionnaire={q} /> : null}
      </div>
    </>
  );
}

/** The questions as form controls; ids are prefixed so two forms on one page stay distinct. */
function AnswerFields({ prefix, questions, values, onChange, errors }: { prefix: string; questions: QuestionnaireQuestion[]; values: Record<string, string>; onChange: (id: string, value: string) => void; errors: Record<string, string> }) {
  const { t, lang } = useI18n();
  const styles = useStyles();
  return (
    <>
      {questions.map((question, index) => {
        const label = `${index + 1}. ${textOf(question, lang)}`;
        const state = fieldState(errors, `answers.${question.id}`);
        if (question.type === 'open') {
          return (
            <Field key={question.id} label={label} {...state}>
              <Textarea id={`${prefix}-${question.id}`} value={values[question.id] ?? ''} maxLength={1000} onChange={(_, d) => onChange(question.id, d.value)} resize="vertical" />
            </Field>
          );
        }
        const options = question.type === 'scale' ? ['1', '2', '3', '4', '5'].map((n) => ({ id: n, label: n })) : question.options.map((o) => ({ id: o.id, label: lang === 'en' && o.labelEn ? o.labelEn : o.labelNl }));
        return (
          <div key={question.id} className={styles.question}>
            <Field label={label} hint={question.type === 'scale' ? t('questionnaires.scaleHint') : undefined} {...state}>
              <RadioGroup layout={question.type === 'scale' ? 'horizontal' : 'vertical'} value={values[question.id] ?? ''} onChange={(_, d) => onChange(question.id, d.value)}>
                {options.map((o) => (
                  <Radio key={o.id} className={styles.radio} value={o.id} label={o.label} />
                ))}
              </RadioGroup>
            </Field>
          </div>
        );
      })}
    </>
  );
}

function toAnswers(questions: QuestionnaireQuestion[], values: Record<string, string>): Record<string, string | number> {
  const answers: Record<string, string | number> = {};
  for (const q of questions) {
    const value = values[q.id]?.trim();
    if (value) answers[q.id] = q.type === 'scale' ? Number(value) : value;
  }
  return answers;
}

function OwnAnswers({ questionnaire, access, onSaved }: { questionnaire: Questionnaire; access: Trajectory | undefined; onSaved: () => Promise<void> }) {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const card = useCardStyles();
  const form = useFormStyles();
  const submit = useSubmit();
  const [values, setValues] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.submit(async () => {
      await api.post(`/api/v1/questionnaires/${questionnaire.id}/responses`, { answers: toAnswers(questionnaire.questions, values) });
      setSaved(true);
      announce(t('questionnaires.saved'));
      await onSaved();
    });
  };
  let body;
  if (saved || questionnaire.answeredByMe) body = <MessageBar intent="success"><MessageBarBody>{saved ? t('questionnaires.saved') : t('questionnaires.mine.done')}</MessageBarBody></MessageBar>;
  else if (questionnaire.state !== 'open') body = <p className={card.muted}>{t('questionnaires.mine.closed')}</p>;
  else if (!access?.personId) body = <p className={card.muted}>{t('questionnaires.mine.noPerson')}</p>;
  else
    body = (
      <form className={form.form} onSubmit={onSubmit} noValidate>
        <p className={form.hint}>{t('questionnaires.optional')}</p>
        <AnswerFields prefix="own" questions={questionnaire.questions} values={values} errors={submit.errors} onChange={(id, v) => setValues((s) => ({ ...s, [id]: v }))} />
        <FormError message={submit.formError} />
        <div>
          <Button appearance="primary" type="submit" disabled={submit.saving}>
            {t('questionnaires.send')}
          </Button>
        </div>
      </form>
    );
  return (
    <section className={card.card} aria-labelledby="questionnaire-own">
      <h2 id="questionnaire-own" className={card.heading}>
        {t('questionnaires.mine')}
      </h2>
      {body}
    </section>
  );
}

function ProxyAnswers({ questionnaire, access, onSaved }: { questionnaire: Questionnaire; access: Trajectory | undefined; onSaved: () => Promise<void> }) {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const submit = useSubmit();
  const people = useResource<PersonWithTrust[]>(`people:${questionnaire.trajectoryId}`, () => api.get(`/api/v1/trajectories/${questionnaire.trajectoryId}/people`));
  const coordinator = access?.permissions.includes('contact.read') ?? false;
  const parents = (people.data ?? []).filter((p) => p.isParent && (coordinator || (access?.personId && p.trustedPersonId === access.personId)));
  const [parentId, setParentId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parent = parents.find((p) => p.id === parentId);
    void submit.submit(async () => {
      await api.post(`/api/v1/questionnaires/${questionnaire.id}/responses`, { answers: toAnswers(questionnaire.questions, values), onBehalfOf: parentId });
      const text = t('questionnaires.proxy.saved', { name: parent?.displayName ?? '' });
      setMessage(text);
      announce(text);
      setValues({});
      setParentId('');
      await onSaved();
    });
  };
  return (
    <section className={card.card} aria-labelledby="questionnaire-proxy">
      <h2 id="questionnaire-proxy" className={card.heading}>
        {t('questionnaires.proxy')}
      </h2>
      <p className={form.hint}>{t('questionnaires.proxy.intro')}</p>
      {people.error ? <ErrorBox error={people.error} onRetry={() => void people.reload()} /> : null}
      {message ? (
        <MessageBar intent="success">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {people.data && parents.length === 0 ? <p className={card.muted}>{t('questionnaires.proxy.none')}</p> : null}
      {parents.length > 0 ? (
        <form className={form.form} onSubmit={onSubmit} noValidate>
          <Field label={t('questionnaires.proxy.parent')} required {...fieldState(submit.errors, 'onBehalfOf')}>
            <Select className={styles.selectRoot} select={{ className: styles.select }} value={parentId} onChange={(_, d) => setParentId(d.value)}>
              <option value="">{t('questionnaires.proxy.choose')}</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </Select>
          </Field>
          <AnswerFields prefix="proxy" questions={questionnaire.questions} values={values} errors={submit.errors} onChange={(id, v) => setValues((s) => ({ ...s, [id]: v }))} />
          <FormError message={submit.formError} />
          <div>
            <Button appearance="primary" type="submit" disabled={submit.saving || !parentId}>
              {t('questionnaires.send')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

function Links({ questionnaire }: { questionnaire: Questionnaire }) {
  const { api } = useApp();
  const { t, date } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const form = useFormStyles();
  const submit = useSubmit();
  const [count, setCount] = useState('5');
  const [days, setDays] = useState('14');
  const [made, setMade] = useState<{ expiresAt: string; links: { url: string }[] } | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.submit(async () => {
      setMade(await api.post(`/api/v1/questionnaires/${questionnaire.id}/links`, { count: Number(count), validDays: Number(days) }));
    });
  };
  const absolute = (url: string) => (url.startsWith('http') ? url : `${window.location.origin}${url}`);
  return (
    <section className={card.card} aria-labelledby="questionnaire-links">
      <h2 id="questionnaire-links" className={card.heading}>
        {t('questionnaires.links')}
      </h2>
      <form className={form.form} onSubmit={onSubmit} noValidate>
        <p className={form.hint}>{t('questionnaires.links.intro')}</p>
        <div className={form.row}>
          <Field label={t('questionnaires.links.count')} {...fieldState(submit.errors, 'count')}>
            <Input type="number" min={1} max={50} value={count} onChange={(_, d) => setCount(d.value)} />
          </Field>
          <Field label={t('questionnaires.links.days')} {...fieldState(submit.errors, 'validDays')}>
            <Input type="number" min={1} max={60} value={days} onChange={(_, d) => setDays(d.value)} />
          </Field>
        </div>
        <FormError message={submit.formError} />
        <div>
          <Button type="submit" disabled={submit.saving}>
            {t('questionnaires.links.make')}
          </Button>
        </div>
      </form>
      {made ? (
        <div role="status">
          <p>{t('questionnaires.links.made', { date: date(made.expiresAt) })}</p>
          <ul className={styles.tokenList}>
            {made.links.map((l, i) => (
              <li key={l.url}>
                <Field label={t('questionnaires.links.link', { number: i + 1 })}>
                  <Input readOnly value={absolute(l.url)} onFocus={(e) => e.currentTarget.select()} />
                </Field>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Results({ trajectoryId, questionnaire }: { trajectoryId: string; questionnaire: Questionnaire }) {
  const { api } = useApp();
  const { t, lang, number } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const results = useResource<QuestionnaireResults>(`${resultsKey(trajectoryId, questionnaire.id)}:${lang}:${questionnaire.answerCount}`, () =>
    api.get(`/api/v1/trajectories/${trajectoryId}/questionnaire-results?actionId=${questionnaire.actionId}`),
  );
  const result = results.data?.results.find((r) => r.questionnaireId === questionnaire.id);
  const optionLabel = (questionId: string, key: string) => {
    const question = questionnaire.questions.find((x) => x.id === questionId);
    const option = question?.options.find((o) => o.id === key);
    return option ? (lang === 'en' && option.labelEn ? option.labelEn : option.labelNl) : key;
  };
  return (
    <section className={card.card} aria-labelledby="questionnaire-results">
      <h2 id="questionnaire-results" className={card.heading}>
        {t('questionnaires.results')}
      </h2>
      {results.error ? <ErrorBox error={results.error} onRetry={() => void results.reload()} /> : null}
      {result && result.answerCount < 5 ? <p className={card.muted}>{t('questionnaires.results.few')}</p> : null}
      {result && result.answerCount >= 5 ? (
        <ol className={card.list}>
          {result.questions.map((q, index) => {
            const total = q.distribution ? Object.values(q.distribution).reduce((s, n) => s + n, 0) : 0;
            return (
              <li key={q.id} className={styles.question}>
                <strong>
                  {index + 1}. {textOf(questionnaire.questions.find((x) => x.id === q.id) ?? { ...q, textNl: q.text, textEn: q.text, options: [] }, lang)}
                </strong>
                {q.average !== null ? <span>{t('questionnaires.results.average', { value: number(q.average) })}</span> : null}
                {q.type === 'open' ? <span className={card.muted}>{t('questionnaires.results.open')}</span> : null}
                {q.distribution ? (
                  <ul className={styles.bars}>
                    {Object.entries(q.distribution).map(([key, n]) => {
                      const name = q.type === 'choice' ? optionLabel(q.id, key) : key;
                      return (
                        <li key={key} className={styles.bar}>
                          <span className={styles.wrap}>{name}</span>
                          <span className={styles.track} aria-hidden="true">
                            <span className={styles.fill} style={{ display: 'block', width: `${total ? Math.round((n / total) * 100) : 0}%` }} />
                          </span>
                          <span>
                            <span className={card.srOnly}>{t('questionnaires.results.count', { label: name, count: n })}</span>
                            <span aria-hidden="true">{n}</span>
                          </span>
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}

interface SingleResponses {
  responses: { id: string; channel: 'member' | 'trusted_person' | 'link'; submittedOn: string; answers: Record<string, string | number> }[];
}

function SingleAnswers({ questionnaire }: { questionnaire: Questionnaire }) {
  const { api } = useApp();
  const { t, lang, date } = useI18n();
  const card = useCardStyles();
  const styles = useStyles();
  const [shown, setShown] = useState(false);
  const data = useResource<SingleResponses>(shown ? `questionnaire-responses:${questionnaire.id}:${questionnaire.answerCount}` : null, () => api.get(`/api/v1/questionnaires/${questionnaire.id}/responses`));
  const answerText = (question: QuestionnaireQuestion, value: string | number | undefined) => {
    if (value === undefined) return '—';
    if (question.type !== 'choice') return String(value);
    const option = question.options.find((o) => o.id === value);
    return option ? (lang === 'en' && option.labelEn ? option.labelEn : option.labelNl) : String(value);
  };
  return (
    <section className={card.card} aria-labelledby="questionnaire-single">
      <h2 id="questionnaire-single" className={card.heading}>
        {t('questionnaires.single')}
      </h2>
      {!shown ? <Button onClick={() => setShown(true)}>{t('questionnaires.single.show')}</Button> : null}
      {data.error ? <ErrorBox error={data.error} onRetry={() => void data.reload()} /> : null}
      {data.data ? (
        <ol className={card.list}>
          {data.data.responses.map((r, i) => (
            <li key={r.id} className={styles.item}>
              <strong>{t('questionnaires.single.item', { number: i + 1 })}</strong>
              <span className={styles.meta}>
                {t(`questionnaires.single.channel.${r.channel}`)} · {date(r.submittedOn)}
              </span>
              <dl>
                {questionnaire.questions.map((q) => (
                  <div key={q.id}>
                    <dt className={card.muted}>{textOf(q, lang)}</dt>
                    <dd className={styles.wrap}>{answerText(q, r.answers[q.id])}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
