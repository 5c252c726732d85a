import { makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useMemo } from 'react';
import { sectors, type Body, type Person, type Plan } from '../api/types';
import { useApp } from '../app-context';
import { Check, Lock, Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { usePlan } from '../data/plan';
import { useResource } from '../data/resource';
import { label, useI18n, type I18n } from '../i18n/i18n';

const useStyles = makeStyles({
  gaps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  sectors: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: tokens.spacingVerticalXS, listStyle: 'none', margin: 0, padding: 0 },
  sector: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  covered: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  bodies: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bodyHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalS },
  bodyTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  tableWrap: { overflowX: 'auto' },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& th': { textAlign: 'start', fontWeight: tokens.fontWeightSemibold, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, whiteSpace: 'nowrap' },
    '& td': { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, verticalAlign: 'top' },
  },
  hidden: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  highlighted: { outline: `2px solid ${tokens.colorPaletteMarigoldBorderActive}`, outlineOffset: '2px' },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

const kindOrder: Record<string, number> = { steering_group: 0, work_group: 1, parents_group: 2 };
/** Roles in the order a coordinator presents a body: who leads first, then who takes part. */
const roleOrder = ['chair', 'coordinator', 'facilitator', 'alderman', 'staff', 'partner', 'parent', 'trusted_person', 'member'];

interface Gap {
  key: string;
  text: string;
}

/** The composition problems the roadmap warns about, computed from who sits where. */
function gapsOf(i18n: I18n, bodies: Body[], people: Person[]): Gap[] {
  const gaps: Gap[] = [];
  const steering = bodies.find((b) => b.kind === 'steering_group');
  const membersOf = (bodyId: string) => people.flatMap((p) => p.memberships.filter((m) => m.bodyId === bodyId).map((m) => ({ person: p, role: m.role })));
  if (!steering) gaps.push({ key: 'steering', text: i18n.t('members.gap.noSteeringGroup') });
  else {
    const members = membersOf(steering.id);
    if (!members.some((m) => m.role === 'parent')) gaps.push({ key: 'parents', text: i18n.t('members.gap.noParents') });
    if (!members.some((m) => m.role === 'alderman')) gaps.push({ key: 'alderman', text: i18n.t('members.gap.noAlderman') });
    const present = new Set(members.map((m) => m.person.sector).filter(Boolean));
    const missing = sectors.filter((s) => !present.has(s));
    if (missing.length) gaps.push({ key: 'sectors', text: i18n.t('members.gap.missingSectors', { sectors: i18n.list(missing.map((s) => label(i18n, 'sector', s))) }) });
  }
  for (const body of bodies.filter((b) => b.kind === 'work_group')) {
    if (!membersOf(body.id).some((m) => m.role === 'chair')) gaps.push({ key: `chair-${body.id}`, text: i18n.t('members.gap.noChair', { name: body.name }) });
  }
  return gaps;
}

function Contact({ person }: { person: Person }) {
  const { t } = useI18n();
  const styles = useStyles();
  if (person.contactHidden) {
    return (
      <span className={styles.hidden}>
        <Lock size={14} />
        {t('members.hidden')}
      </span>
    );
  }
  const parts = [person.email, person.phone].filter((v): v is string => Boolean(v));
  if (!parts.length) return <span className={styles.note}>{t('detail.none')}</span>;
  return (
    <span style={{ display: 'flex', flexDirection: 'column' }}>
      {person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : null}
      {person.phone ? <span>{person.phone}</span> : null}
    </span>
  );
}

export function MembersView({ trajectoryId, query }: { trajectoryId: string; query: URLSearchParams }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const people = useResource<Person[]>(`people:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/people`));
  const bodies = useResource<Body[]>(`bodies:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/bodies`));
  const plan = usePlan(api, trajectoryId);
  const highlight = query.get('body');
  const ready = Boolean(people.data && bodies.data);

  const sorted = useMemo(() => [...(bodies.data ?? [])].sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || a.name.localeCompare(b.name, i18n.locale)), [bodies.data, i18n.locale]);
  const gaps = useMemo(() => (people.data && bodies.data ? gapsOf(i18n, bodies.data, people.data) : []), [i18n, people.data, bodies.data]);
  const steering = sorted.find((b) => b.kind === 'steering_group');
  const sectorCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (!steering) return counts;
    for (const p of people.data ?? []) if (p.sector && p.memberships.some((m) => m.bodyId === steering.id)) counts.set(p.sector, (counts.get(p.sector) ?? 0) + 1);
    return counts;
  }, [people.data, steering]);

  useEffect(() => {
    if (ready && highlight) document.getElementById(`body-${highlight}`)?.scrollIntoView({ block: 'start' });
  }, [ready, highlight]);

  const domainName = (plan: Plan | undefined, id: string | null) => (id ? plan?.domains.find((d) => d.id === id)?.name : undefined);
  const error = people.error ?? bodies.error;

  return (
    <ViewRoot name="members" title={t('members.title')} ready={ready}>
      {error && !ready ? <ErrorBox error={error} onRetry={() => void Promise.all([people.reload(), bodies.reload()])} /> : null}
      {!ready && !error ? <Spinner label={t('app.loading')} /> : null}
      {ready ? (
        <>
          <section aria-labelledby="gaps-heading">
            <MessageBar intent={gaps.length ? 'warning' : 'success'} layout="multiline" icon={gaps.length ? <Warning size={20} /> : <Check size={20} />}>
              <MessageBarBody>
                <MessageBarTitle id="gaps-heading">{t('members.gaps')}</MessageBarTitle>
                {gaps.length ? (
                  <ul className={styles.gaps}>
                    {gaps.map((g) => (
                      <li key={g.key}>{g.text}</li>
                    ))}
                  </ul>
                ) : (
                  t('members.noGaps')
                )}
              </MessageBarBody>
            </MessageBar>
          </section>
          {steering ? (
            <section className={card.card} aria-labelledby="sectors-heading">
              <h2 id="sectors-heading" className={card.heading}>
                {t('members.sectors')}
              </h2>
              <ul className={styles.sectors}>
                {sectors.map((s) => {
                  const n = sectorCounts.get(s) ?? 0;
                  return (
                    <li key={s} className={styles.sector}>
                      {n ? <Check className={styles.covered} /> : <Warning className={styles.missing} />}
                      <span>
                        {label(i18n, 'sector', s)}: {n ? i18n.tc('members.sectorCount', n) : t('members.sectorMissing')}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </section>
          ) : null}
          <div className={styles.bodies}>
            {sorted.map((body) => {
              const members = (people.data ?? [])
                .flatMap((p) => p.memberships.filter((m) => m.bodyId === body.id).map((m) => ({ person: p, role: m.role, id: m.id })))
                .sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.person.displayName.localeCompare(b.person.displayName, i18n.locale));
              const domain = domainName(plan.data, body.domainId);
              return (
                <section key={body.id} id={`body-${body.id}`} className={mergeClasses(card.card, highlight === body.id && styles.highlighted)} aria-labelledby={`body-title-${body.id}`} tabIndex={-1}>
                  <div className={styles.bodyHead}>
                    <h2 id={`body-title-${body.id}`} className={styles.bodyTitle}>
                      {body.name}
                    </h2>
                    <span className={card.muted}>
                      {label(i18n, 'bodyKind', body.kind)} · {i18n.tc('members.count', members.length)}
                      {domain ? ` · ${t('members.domain', { name: domain })}` : ''}
                    </span>
                  </div>
                  {members.length ? (
                    <div className={styles.tableWrap}>
                      <table className={styles.table}>
                        <thead>
                          <tr>
                            <th scope="col">{t('members.col.name')}</th>
                            <th scope="col">{t('members.col.role')}</th>
                            <th scope="col">{t('members.col.sector')}</th>
                            <th scope="col">{t('members.col.organisation')}</th>
                            <th scope="col">{t('members.col.contact')}</th>
                            <th scope="col">{t('members.col.preference')}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {members.map(({ person, role, id }) => (
                            <tr key={id}>
                              <td>
                                {person.displayName}
                                {person.entraObjectId ? null : <span className={styles.note}> ({t('members.noAccount')})</span>}
                              </td>
                              <td>{label(i18n, 'role', role)}</td>
                              <td>{person.sector ? label(i18n, 'sector', person.sector) : t('detail.none')}</td>
                              <td>{person.organisation ?? t('detail.none')}</td>
                              <td>
                                <Contact person={person} />
                              </td>
                              <td>{label(i18n, 'contact', person.contactPreference)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  ) : (
                    <p className={card.muted}>{t('members.noMembers')}</p>
                  )}
                </section>
              );
            })}
          </div>
          <p className={styles.note}>{t('members.hiddenHint')}</p>
        </>
      ) : null}
    </ViewRoot>
  );
}
