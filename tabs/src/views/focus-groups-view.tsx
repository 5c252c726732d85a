import { Button, Field, Input, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Select, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { Body, FocusGroup, FocusGroupProposal, Plan, PlanOperational, ProposalTraces, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { StatusLabel } from '../components/status';
import { emptyToNull, fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { useCardStyles, ViewRoot } from '../components/view';
import { usePlan } from '../data/plan';
import { loadResource, useResource, type Resource } from '../data/resource';
import { useI18n, type I18n } from '../i18n/i18n';
import { navigate, paths } from '../router';

export interface FocusGroupsViewProps {
  trajectoryId: string;
  focusGroupId: string | null;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
  groups: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 280px), 1fr))', gap: tokens.spacingHorizontalM },
  groupLink: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minHeight: '44px',
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    '& strong': { color: tokens.colorBrandForegroundLink, textDecorationLine: 'underline' },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px', borderRadius: tokens.borderRadiusSmall },
  },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyle: 'none', margin: 0, padding: 0, '& li': { padding: '0 6px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3 } },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
    // On a phone, each label above its value: two columns leave the values too narrow.
    '@media (max-width: 480px)': { gridTemplateColumns: '1fr', '& dd': { marginBottom: tokens.spacingVerticalXS } },
  },
  proposals: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  proposal: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingVerticalS, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  proposalText: { margin: 0, overflowWrap: 'anywhere' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  button: { minHeight: '44px' },
  traceGroup: { margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  trace: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBlock: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere' },
  led: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // Native selects are as wide as their longest option: let them shrink to the column instead.
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))', alignItems: 'start', gap: tokens.spacingHorizontalM, '& > *': { minWidth: 0 } },
  select: { width: '100%', minWidth: 0, '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
  back: { alignSelf: 'flex-start', minHeight: '44px', display: 'inline-flex', alignItems: 'center' },
});

const groupsKey = (t: string) => `focus-groups:${t}`;
const tracesKey = (t: string) => `focus-traces:${t}`;
const proposalsKey = (g: string) => `focus-proposals:${g}`;

function whenOf(i18n: I18n, g: FocusGroup): string {
  if (g.heldOn) return i18n.t('focus.held', { date: i18n.date(g.heldOn) });
  if (g.plannedOn) return i18n.t('focus.planned', { date: i18n.date(g.plannedOn) });
  return i18n.t('focus.notScheduled');
}

function objectivesOf(plan: Plan | undefined, domainIds: ReadonlySet<string> | null): { domain: string; objectives: PlanOperational[]; domainId: string }[] {
  return (plan?.domains ?? [])
    .filter((d) => !domainIds || domainIds.has(d.id))
    .map((d) => ({ domainId: d.id, domain: d.name, objectives: d.strategicObjectives.flatMap((s) => s.operationalObjectives) }))
    .filter((d) => d.objectives.length > 0);
}

function ParticipantWarning({ group }: { group: FocusGroup }) {
  const { t } = useI18n();
  if (!group.participantWarning) return null;
  return (
    <MessageBar intent="warning" layout="multiline" icon={<Warning size={20} />}>
      <MessageBarBody>{t(`focus.warning.${group.participantWarning}`)}</MessageBarBody>
    </MessageBar>
  );
}

function PlanForm({ trajectoryId, plan, bodies }: { trajectoryId: string; plan: Plan | undefined; bodies: Body[] }) {
  const { api } = useApp();
  const { t } = useI18n();
  const form = useFormStyles();
  const card = useCardStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [title, setTitle] = useState('');
  const [domainId, setDomainId] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [plannedOn, setPlannedOn] = useState('');
  const [location, setLocation] = useState('');
  const workGroups = bodies.filter((b) => b.kind === 'work_group');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      const created = await api.post<FocusGroup>(`/api/v1/trajectories/${trajectoryId}/focus-groups`, {
        title,
        domainId: emptyToNull(domainId),
        bodyId: emptyToNull(bodyId),
        plannedOn: emptyToNull(plannedOn),
        location,
      });
      await loadResource(groupsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/focus-groups`));
      navigate(paths.focusGroups(trajectoryId, created.id));
    });
  };

  return (
    <section className={card.card} aria-labelledby="focus-plan-heading">
      <h2 id="focus-plan-heading" className={card.heading}>
        {t('focus.plan')}
      </h2>
      <form className={form.form} onSubmit={onSubmit} noValidate>
        <Field label={t('focus.field.title')} required {...fieldState(errors, 'title')}>
          <Input value={title} onChange={(_, d) => setTitle(d.value)} name="title" />
        </Field>
        <div className={styles.row}>
          <Field label={t('focus.field.domain')} {...fieldState(errors, 'domainId')}>
            <Select className={styles.select}
              value={domainId}
              onChange={(_, d) => {
                setDomainId(d.value);
                const match = workGroups.find((b) => b.domainId === d.value);
                if (match) setBodyId(match.id);
              }}
              name="domainId"
            >
              <option value="">{t('focus.noDomain')}</option>
              {(plan?.domains ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('focus.field.body')} {...fieldState(errors, 'bodyId')}>
            <Select className={styles.select} value={bodyId} onChange={(_, d) => setBodyId(d.value)} name="bodyId">
              <option value="">{t('focus.noBody')}</option>
              {workGroups.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className={styles.row}>
          <Field label={t('focus.field.plannedOn')} {...fieldState(errors, 'plannedOn')}>
            <Input type="date" value={plannedOn} onChange={(_, d) => setPlannedOn(d.value)} name="plannedOn" />
          </Field>
          <Field label={t('focus.field.location')} {...fieldState(errors, 'location')}>
            <Input value={location} onChange={(_, d) => setLocation(d.value)} name="location" />
          </Field>
        </div>
        <FormError message={formError} />
        <div className={styles.buttons}>
          <Button appearance="primary" type="submit" disabled={saving} className={styles.button}>
            {saving ? t('form.saving') : t('focus.planSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function Traces({ trajectoryId, traces }: { trajectoryId: string; traces: ProposalTraces }) {
  const i18n = useI18n();
  const { t, tc } = i18n;
  const card = useCardStyles();
  const styles = useStyles();
  const groups = [
    { state: 'action', heading: t('focus.traces.toAction') },
    { state: 'objective', heading: t('focus.traces.toObjective') },
    { state: 'open', heading: t('focus.traces.open') },
  ] as const;
  return (
    <section className={card.card} aria-labelledby="focus-traces-heading" data-testid="focus-traces">
      <h2 id="focus-traces-heading" className={card.heading}>
        {t('focus.traces')}
      </h2>
      {traces.counts.total === 0 ? (
        <p className={card.muted}>{t('focus.traces.none')}</p>
      ) : (
        <>
          <p>{tc('focus.traces.summary', traces.counts.total, { action: String(traces.counts.action), objective: String(traces.counts.objective), open: String(traces.counts.open) })}</p>
          {groups.map(({ state, heading }) => {
            const items = traces.proposals.filter((p) => p.state === state);
            if (!items.length) return null;
            return (
              <div key={state}>
                <h3 className={styles.traceGroup}>{heading}</h3>
                <ul className={card.list}>
                  {items.map((p) => (
                    <li key={p.id} className={styles.trace}>
                      <span>{p.text}</span>
                      <span className={styles.meta}>
                        {t('focus.traces.from', { title: p.focusGroup.title })}
                        {p.domain ? ` · ${t('focus.traces.domain', { name: p.domain.name })}` : ''}
                      </span>
                      {p.action ? (
                        <span className={styles.led}>
                          <a className={card.link} href={paths.action(trajectoryId, p.action.id)} aria-label={t('focus.openAction', { title: p.action.title })}>
                            {p.action.title}
                          </a>
                          <StatusLabel status={p.action.status} />
                        </span>
                      ) : p.objective ? (
                        <span>{t('focus.state.objective', { title: p.objective.title })}</span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

function GroupList({ trajectoryId, groups, plan }: { trajectoryId: string; groups: FocusGroup[]; plan: Plan | undefined }) {
  const i18n = useI18n();
  const { t, tc } = i18n;
  const card = useCardStyles();
  const styles = useStyles();
  const domainName = (id: string | null) => (id ? plan?.domains.find((d) => d.id === id)?.name : undefined);
  return (
    <section className={card.card} aria-labelledby="focus-list-heading">
      <h2 id="focus-list-heading" className={card.heading}>
        {t('focus.list')}
      </h2>
      {groups.length === 0 ? (
        <p className={card.muted}>{t('focus.none')}</p>
      ) : (
        <ul className={styles.groups}>
          {groups.map((g) => (
            <li key={g.id}>
              <a className={styles.groupLink} href={paths.focusGroups(trajectoryId, g.id)}>
                <strong>{g.title}</strong>
                <span className={styles.meta}>
                  {whenOf(i18n, g)}
                  {domainName(g.domainId) ? ` · ${domainName(g.domainId)}` : ''}
                </span>
                <span className={styles.meta}>
                  {g.participantCount !== null ? tc('focus.participants', g.participantCount) : null}
                  {g.participantCount !== null && g.themes.length ? ' · ' : null}
                  {g.themes.length ? tc('focus.themeCount', g.themes.length) : null}
                  {g.participantWarning ? ` · ${t(`focus.warningShort.${g.participantWarning}`)}` : null}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordForm({ group, onSaved }: { group: FocusGroup; onSaved: () => Promise<void> }) {
  const { api } = useApp();
  const { t } = useI18n();
  const form = useFormStyles();
  const card = useCardStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [heldOn, setHeldOn] = useState(group.heldOn ?? '');
  const [count, setCount] = useState(group.participantCount === null ? '' : String(group.participantCount));
  const [location, setLocation] = useState(group.location);
  const [themes, setThemes] = useState(group.themes.join('\n'));
  const [notes, setNotes] = useState(group.notes);
  const [saved, setSaved] = useState(false);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    void submit(async () => {
      const trimmed = count.trim();
      await api.patch(`/api/v1/focus-groups/${group.id}`, {
        heldOn: emptyToNull(heldOn),
        // Sent as typed: the server names the field when it is not a whole number.
        participantCount: trimmed === '' ? null : Number(trimmed.replace(',', '.')),
        location,
        themes: themes
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        notes,
      });
      await onSaved();
      setSaved(true);
    });
  };

  return (
    <section className={card.card} aria-labelledby="focus-record-heading">
      <h2 id="focus-record-heading" className={card.heading}>
        {t('focus.record')}
      </h2>
      <form className={form.form} onSubmit={onSubmit} noValidate>
        <div className={styles.row}>
          <Field label={t('focus.field.heldOn')} {...fieldState(errors, 'heldOn')}>
            <Input type="date" value={heldOn} onChange={(_, d) => setHeldOn(d.value)} name="heldOn" />
          </Field>
          <Field label={t('focus.field.participants')} hint={t('focus.field.participantsHint')} {...fieldState(errors, 'participantCount')}>
            <Input type="number" min={0} max={12} step={1} inputMode="numeric" value={count} onChange={(_, d) => setCount(d.value)} name="participantCount" />
          </Field>
        </div>
        <Field label={t('focus.field.location')} {...fieldState(errors, 'location')}>
          <Input value={location} onChange={(_, d) => setLocation(d.value)} name="location" />
        </Field>
        <Field label={t('focus.field.themes')} {...fieldState(errors, 'themes')}>
          <Textarea value={themes} onChange={(_, d) => setThemes(d.value)} name="themes" resize="vertical" rows={3} />
        </Field>
        <Field label={t('focus.field.notes')} {...fieldState(errors, 'notes')}>
          <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} name="notes" resize="vertical" rows={4} />
        </Field>
        <FormError message={formError} />
        <div className={styles.buttons} aria-live="polite">
          <Button appearance="primary" type="submit" disabled={saving} className={styles.button}>
            {saving ? t('form.saving') : t('focus.recordSave')}
          </Button>
          {saved ? <span>{t('focus.saved')}</span> : null}
        </div>
      </form>
    </section>
  );
}

function LinkEditor({ proposal, plan, domains, onSaved }: { proposal: FocusGroupProposal; plan: Plan | undefined; domains: ReadonlySet<string> | null; onSaved: () => Promise<void> }) {
  const { api } = useApp();
  const { t } = useI18n();
  const form = useFormStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [objectiveId, setObjectiveId] = useState(proposal.operationalObjectiveId ?? '');
  const [actionId, setActionId] = useState(proposal.actionId ?? '');
  const choices = useMemo(() => objectivesOf(plan, domains), [plan, domains]);
  const objective = choices.flatMap((c) => c.objectives).find((o) => o.id === objectiveId);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await api.patch(`/api/v1/focus-group-proposals/${proposal.id}`, { operationalObjectiveId: emptyToNull(objectiveId), actionId: emptyToNull(actionId) });
      await onSaved();
    });
  };

  return (
    <form className={form.form} onSubmit={onSubmit} noValidate aria-label={t('focus.link.for', { text: proposal.text })}>
      <div className={styles.row}>
        <Field label={t('focus.link.objective')} {...fieldState(errors, 'operationalObjectiveId')}>
          <Select className={styles.select}
            value={objectiveId}
            onChange={(_, d) => {
              setObjectiveId(d.value);
              setActionId('');
            }}
          >
            <option value="">{t('focus.link.noObjective')}</option>
            {choices.map((c) => (
              <optgroup key={c.domainId} label={c.domain}>
                {c.objectives.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Field label={t('focus.link.action')} {...fieldState(errors, 'actionId')}>
          <Select className={styles.select} value={actionId} onChange={(_, d) => setActionId(d.value)} disabled={!objective}>
            <option value="">{t('focus.link.noAction')}</option>
            {(objective?.actions ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <FormError message={formError} />
      <div className={styles.buttons}>
        <Button type="submit" disabled={saving} className={styles.button}>
          {saving ? t('form.saving') : t('focus.link.save')}
        </Button>
      </div>
    </form>
  );
}

function AddProposal({ group, onSaved }: { group: FocusGroup; onSaved: () => Promise<void> }) {
  const { api } = useApp();
  const { t } = useI18n();
  const form = useFormStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [text, setText] = useState('');
  const [theme, setTheme] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(async () => {
      await api.post(`/api/v1/focus-groups/${group.id}/proposals`, { text, theme });
      setText('');
      await onSaved();
    });
  };

  return (
    <form className={form.form} onSubmit={onSubmit} noValidate aria-labelledby="focus-add-heading">
      <h3 id="focus-add-heading" className={styles.traceGroup}>
        {t('focus.addProposal')}
      </h3>
      <Field label={t('focus.proposal.text')} required {...fieldState(errors, 'text')}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} name="text" resize="vertical" rows={2} />
      </Field>
      <Field label={t('focus.proposal.theme')} {...fieldState(errors, 'theme')}>
        <Select className={styles.select} value={theme} onChange={(_, d) => setTheme(d.value)} name="theme">
          <option value="">{t('focus.proposal.noTheme')}</option>
          {group.themes.map((th) => (
            <option key={th} value={th}>
              {th}
            </option>
          ))}
        </Select>
      </Field>
      <FormError message={formError} />
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={saving} className={styles.button}>
          {saving ? t('form.saving') : t('focus.addProposal')}
        </Button>
      </div>
    </form>
  );
}

function Detail({ trajectoryId, group, proposals, access, plan, bodies, traces, reloadAll }: {
  trajectoryId: string;
  group: FocusGroup;
  proposals: Resource<FocusGroupProposal[]>;
  access: Trajectory | undefined;
  plan: Plan | undefined;
  bodies: Body[];
  traces: ProposalTraces | undefined;
  reloadAll: () => Promise<void>;
}) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t, tc } = i18n;
  const card = useCardStyles();
  const styles = useStyles();
  const canPlan = Boolean(access?.permissions.includes('plan.edit'));
  const workGroupDomains = useMemo(() => new Set(access?.workGroupDomainIds ?? []), [access?.workGroupDomainIds]);
  const [confirming, setConfirming] = useState(false);
  const remove = useSubmit();
  const domainName = group.domainId ? plan?.domains.find((d) => d.id === group.domainId)?.name : undefined;
  const bodyName = group.bodyId ? bodies.find((b) => b.id === group.bodyId)?.name : undefined;

  const reload = async () => {
    await Promise.all([proposals.reload(), reloadAll()]);
  };
  const traceOf = (id: string) => traces?.proposals.find((p) => p.id === id);
  // Leads link anywhere; a work group links the proposals of its own domain to its own objectives.
  const linkDomains = (p: FocusGroupProposal): ReadonlySet<string> | null | false => {
    if (canPlan) return null;
    const place = p.domainId ?? group.domainId;
    return place && workGroupDomains.has(place) ? workGroupDomains : false;
  };

  return (
    <>
      <a className={`${card.link} ${styles.back}`} href={paths.focusGroups(trajectoryId)}>
        {t('focus.back')}
      </a>
      <ParticipantWarning group={group} />
      <section className={card.card} aria-labelledby="focus-facts-heading">
        <h2 id="focus-facts-heading" className={card.heading}>
          {whenOf(i18n, group)}
        </h2>
        <dl className={styles.facts}>
          {domainName ? (
            <>
              <dt>{t('focus.field.domain')}</dt>
              <dd>{domainName}</dd>
            </>
          ) : null}
          {bodyName ? (
            <>
              <dt>{t('focus.field.body')}</dt>
              <dd>{bodyName}</dd>
            </>
          ) : null}
          {group.plannedOn ? (
            <>
              <dt>{t('focus.field.plannedOn')}</dt>
              <dd>{i18n.date(group.plannedOn)}</dd>
            </>
          ) : null}
          {group.location ? (
            <>
              <dt>{t('focus.field.location')}</dt>
              <dd>{group.location}</dd>
            </>
          ) : null}
          {group.participantCount !== null ? (
            <>
              <dt>{t('focus.field.participants')}</dt>
              <dd>{tc('focus.participants', group.participantCount)}</dd>
            </>
          ) : null}
          <dt>{t('focus.themes')}</dt>
          <dd>
            {group.themes.length ? (
              <ul className={styles.tags}>
                {group.themes.map((th) => (
                  <li key={th}>{th}</li>
                ))}
              </ul>
            ) : (
              t('focus.noThemes')
            )}
          </dd>
          {group.notes && !canPlan ? (
            <>
              <dt>{t('focus.notes')}</dt>
              <dd>{group.notes}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {canPlan ? <RecordForm key={group.updatedAt} group={group} onSaved={reloadAll} /> : null}
      <section className={card.card} aria-labelledby="focus-proposals-heading">
        <h2 id="focus-proposals-heading" className={card.heading}>
          {t('focus.proposals')}
        </h2>
        {proposals.error && !proposals.data ? <ErrorBox error={proposals.error} onRetry={() => void proposals.reload()} /> : null}
        {!proposals.data && !proposals.error ? <Spinner size="small" label={t('app.loading')} /> : null}
        {proposals.data ? (
          proposals.data.length === 0 ? (
            <p className={card.muted}>{t('focus.noProposals')}</p>
          ) : (
            <ul className={styles.proposals}>
              {proposals.data.map((p) => {
                const trace = traceOf(p.id);
                const linkable = linkDomains(p);
                return (
                  <li key={p.id} className={styles.proposal} data-testid="focus-proposal">
                    <p className={styles.proposalText}>{p.text}</p>
                    {p.theme ? <span className={styles.meta}>{p.theme}</span> : null}
                    <span className={styles.led}>
                      <span className={styles.meta}>{t('focus.ledTo')}:</span>
                      {trace?.action ? (
                        <>
                          <a className={card.link} href={paths.action(trajectoryId, trace.action.id)}>
                            {trace.action.title}
                          </a>
                          <StatusLabel status={trace.action.status} />
                        </>
                      ) : trace?.objective ? (
                        <span>{t('focus.state.objective', { title: trace.objective.title })}</span>
                      ) : (
                        <span>{t('focus.state.open')}</span>
                      )}
                    </span>
                    {linkable !== false ? <LinkEditor key={p.updatedAt} proposal={p} plan={plan} domains={linkable} onSaved={reload} /> : null}
                    {canPlan ? (
                      <div className={styles.buttons}>
                        <Button
                          appearance="subtle"
                          className={styles.button}
                          aria-label={`${t('focus.proposal.delete')}: ${p.text}`}
                          onClick={() =>
                            void remove.submit(async () => {
                              await api.del(`/api/v1/focus-group-proposals/${p.id}`);
                              await reload();
                            })
                          }
                        >
                          {t('focus.proposal.delete')}
                        </Button>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )
        ) : null}
        {canPlan ? <AddProposal group={group} onSaved={reload} /> : null}
        <FormError message={remove.formError} />
      </section>
      {canPlan ? (
        <section aria-label={t('focus.delete')}>
          {confirming ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{t('focus.deleteConfirm')}</MessageBarBody>
              <MessageBarActions>
                <Button
                  appearance="primary"
                  onClick={() =>
                    void remove.submit(async () => {
                      await api.del(`/api/v1/focus-groups/${group.id}`);
                      await reloadAll();
                      navigate(paths.focusGroups(trajectoryId));
                    })
                  }
                >
                  {t('focus.delete')}
                </Button>
                <Button onClick={() => setConfirming(false)}>{t('form.cancel')}</Button>
              </MessageBarActions>
            </MessageBar>
          ) : (
            <Button className={styles.button} onClick={() => setConfirming(true)}>
              {t('focus.delete')}
            </Button>
          )}
        </section>
      ) : null}
    </>
  );
}

export function FocusGroupsView({ trajectoryId, focusGroupId, access }: FocusGroupsViewProps) {
  const { api } = useApp();
  const { t } = useI18n();
  const card = useCardStyles();
  const groups = useResource<FocusGroup[]>(groupsKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/focus-groups`));
  const traces = useResource<ProposalTraces>(tracesKey(trajectoryId), () => api.get(`/api/v1/trajectories/${trajectoryId}/focus-groups/traces`));
  const bodies = useResource<Body[]>(`bodies:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/bodies`));
  const plan = usePlan(api, trajectoryId);
  const proposals = useResource<FocusGroupProposal[]>(focusGroupId ? proposalsKey(focusGroupId) : null, () => api.get(`/api/v1/focus-groups/${focusGroupId ?? ''}/proposals`));
  const canPlan = Boolean(access?.permissions.includes('plan.edit'));
  // A focus group's page is ready with its proposals; an unknown id is ready with its message.
  const known = Boolean(focusGroupId && groups.data?.some((g) => g.id === focusGroupId));
  const ready = Boolean(groups.data && traces.data && plan.data && bodies.data && access && (!known || proposals.data || proposals.error));
  const group = focusGroupId ? groups.data?.find((g) => g.id === focusGroupId) : undefined;
  const error = groups.error ?? traces.error ?? plan.error ?? bodies.error;
  const reloadAll = async () => {
    await Promise.all([groups.reload(), traces.reload()]);
  };

  const title = group ? group.title : t('focus.title');
  return (
    <ViewRoot name="focus-groups" title={title} subtitle={group ? t('focus.title') : t('focus.subtitle')} ready={ready}>
      {error && !ready ? <ErrorBox error={error} onRetry={() => void Promise.all([groups.reload(), traces.reload(), plan.reload(), bodies.reload()])} /> : null}
      {!ready && !error ? <Spinner label={t('app.loading')} /> : null}
      {ready && focusGroupId && !group ? <ErrorBox error={new ApiError({ status: 404 })} /> : null}
      {ready && group ? (
        <Detail trajectoryId={trajectoryId} group={group} proposals={proposals} access={access} plan={plan.data} bodies={bodies.data ?? []} traces={traces.data} reloadAll={reloadAll} />
      ) : null}
      {ready && !focusGroupId ? (
        <>
          {canPlan ? <PlanForm trajectoryId={trajectoryId} plan={plan.data} bodies={bodies.data ?? []} /> : <p className={card.muted}>{t('focus.readOnly')}</p>}
          <GroupList trajectoryId={trajectoryId} groups={groups.data ?? []} plan={plan.data} />
          <Traces trajectoryId={trajectoryId} traces={traces.data!} />
        </>
      ) : null}
    </ViewRoot>
  );
}
