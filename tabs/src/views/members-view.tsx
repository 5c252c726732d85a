import { Button, makeStyles, mergeClasses, MessageBar, MessageBarBody, MessageBarTitle, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { sectors, type Body, type BodyDeleteImpact, type PeopleSetup, type Person, type PersonDeleteImpact, type Plan, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { Check, Lock, Warning } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { usePlan } from '../data/plan';
import { useModal } from '../components/modal';
import { useResource } from '../data/resource';
import { label, useI18n, type I18n } from '../i18n/i18n';
import { paths } from '../router';
import { BodyDialog, ConfirmDeleteDialog, InviteDialog, MembershipDialog, PersonDialog } from './members-people';

const useStyles = makeStyles({
  gaps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  sectors: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: tokens.spacingVerticalXS, listStyle: 'none', margin: 0, padding: 0 },
  sector: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  covered: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorPaletteRedForeground1 },
  bodies: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  bodyHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalS },
  bodyTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    ':last-child': { borderBottom: 'none' },
  },
  itemText: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, flex: '1 1 260px', overflowWrap: 'anywhere' },
  name: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  controls: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  button: { minHeight: '44px', minWidth: '44px' },
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '44px', padding: `0 ${tokens.spacingHorizontalS}` },
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

/** One person as a line of a list: name, role, sector, organisation, contact, preference. */
function PersonLine({ person, role, children }: { person: Person; role?: string; children?: React.ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const facts = [role ? label(i18n, 'role', role) : null, person.sector ? label(i18n, 'sector', person.sector) : null, person.organisation, t('people.prefers', { how: label(i18n, 'contact', person.contactPreference) })].filter(Boolean);
  return (
    <li className={styles.item} data-person={person.id}>
      <div className={styles.itemText}>
        <span className={styles.name}>
          {person.displayName}
          {person.entraObjectId ? null : <span className={styles.note}> ({t('members.noAccount')})</span>}
        </span>
        <span className={styles.meta}>{facts.join(' · ')}</span>
        <Contact person={person} />
      </div>
      {children ? <div className={styles.controls}>{children}</div> : null}
    </li>
  );
}

type Deletion = { kind: 'person'; person: Person } | { kind: 'body'; body: Body } | { kind: 'membership'; id: string; person: Person; body: Body };

/**
 * The one dialog of the view. A single modal, not one per kind: Fluent keeps a closed dialog
 * mounted, and a second dialog opened beside a closed one did not finish closing itself.
 */
type Shown =
  | { kind: 'person'; person: Person | null }
  | { kind: 'invite' }
  | { kind: 'body'; body: Body | null }
  | { kind: 'membership'; body: Body; membership: { id: string; role: string; person: Person } | null }
  | { kind: 'delete'; deletion: Deletion };

export function MembersView({ trajectoryId, query, access }: { trajectoryId: string; query: URLSearchParams; access?: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const people = useResource<Person[]>(`people:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/people`));
  const bodies = useResource<Body[]>(`bodies:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/bodies`));
  const setup = useResource<PeopleSetup>(`people-setup:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/people-setup`));
  const plan = usePlan(api, trajectoryId);
  const highlight = query.get('body');
  const ready = Boolean(people.data && bodies.data && access);
  const permissions = access?.permissions ?? [];
  const roles: string[] = setup.data?.grantableRoles ?? [];
  const [notice, setNotice] = useState<string | null>(null);

  const modal = useModal<Shown>();
  // A closed dialog is unmounted once its exit has played: left mounted, Fluent keeps its focus-trap
  // sentinels in the page (axe: aria-hidden-focus). Unmounting an open one would leave the page aria-hidden.
  const [gone, setGone] = useState(-1);
  useEffect(() => {
    if (modal.open || !modal.value) return;
    const timer = setTimeout(() => setGone(modal.key), 400);
    return () => clearTimeout(timer);
  }, [modal.open, modal.value, modal.key]);
  const shown = gone === modal.key ? null : modal.value;

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
  const reload = async (message?: string) => {
    await Promise.all([people.reload(), bodies.reload()]);
    if (message) {
      setNotice(message);
      announce(message);
    }
  };
  const mayEditBodies = permissions.includes('bodies.edit');
  const mayAddPeople = permissions.includes('people.edit');
  const mayAudit = permissions.includes('audit.read');
  // Who may change someone gets everyone here, with the controls; the others see the bodies above, and here only who is in none.
  const mayManagePeople = mayAddPeople || (people.data ?? []).some((p) => p.can?.edit || p.can?.editContact || p.can?.trust || p.can?.delete);
  const listed = mayManagePeople ? (people.data ?? []) : (people.data ?? []).filter((p) => p.memberships.length === 0);

  const confirmDelete = async (d: Deletion) => {
    if (d.kind === 'person') await api.del(`/api/v1/trajectories/${trajectoryId}/people/${d.person.id}`);
    else if (d.kind === 'body') await api.del(`/api/v1/bodies/${d.body.id}`);
    else await api.del(`/api/v1/memberships/${d.id}`);
    modal.hide();
    await reload(t('people.deleted', { name: d.kind === 'body' ? d.body.name : d.person.displayName }));
  };

  return (
    <ViewRoot
      name="members"
      title={t('members.title')}
      ready={ready}
      actions={
        ready && (mayAddPeople || mayEditBodies) ? (
          <div className={styles.toolbar}>
            {mayAddPeople ? (
              <>
                <Button className={styles.button} appearance="primary" onClick={() => modal.show({ kind: 'person', person: null })}>
                  {t('people.add')}
                </Button>
                <Button className={styles.button} onClick={() => modal.show({ kind: 'invite' })}>
                  {t('people.invite')}
                </Button>
              </>
            ) : null}
            {mayEditBodies ? (
              <Button className={styles.button} onClick={() => modal.show({ kind: 'body', body: null })}>
                {t('people.bodyAdd')}
              </Button>
            ) : null}
          </div>
        ) : null
      }
    >
      {error && !ready ? <ErrorBox error={error} onRetry={() => void Promise.all([people.reload(), bodies.reload()])} /> : null}
      {!ready && !error ? <Spinner label={t('app.loading')} /> : null}
      {notice ? (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {ready && access && !mayAddPeople && !mayEditBodies ? <p className={card.muted}>{t('people.readOnly')}</p> : null}
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
                  {mayEditBodies || roles.length ? (
                    <div className={styles.toolbar}>
                      {roles.length ? (
                        <Button className={styles.button} size="small" onClick={() => modal.show({ kind: 'membership', body, membership: null })}>
                          {t('people.addMember')}
                        </Button>
                      ) : null}
                      {mayEditBodies ? (
                        <>
                          <Button className={styles.button} size="small" aria-label={t('people.bodyEditNamed', { name: body.name })} onClick={() => modal.show({ kind: 'body', body })}>
                            {t('people.rename')}
                          </Button>
                          <Button className={styles.button} size="small" aria-label={t('people.deleteNamed', { name: body.name })} onClick={() => modal.show({ kind: 'delete', deletion: { kind: 'body', body } })}>
                            {t('people.delete')}
                          </Button>
                        </>
                      ) : null}
                      {mayAudit ? (
                        <a className={styles.link} href={paths.audit(trajectoryId, { entity: 'body', entityId: body.id })}>
                          {t('people.history')}
                        </a>
                      ) : null}
                    </div>
                  ) : null}
                  {members.length ? (
                    <ul className={styles.list} aria-label={t('people.membersOf', { body: body.name })}>
                      {members.map(({ person, role, id }) => (
                        <PersonLine key={id} person={person} role={role}>
                          {roles.includes(role) ? (
                            <>
                              <Button className={styles.button} size="small" aria-label={t('people.changeRoleOf', { name: person.displayName, body: body.name })} onClick={() => modal.show({ kind: 'membership', body, membership: { id, role, person } })}>
                                {t('people.changeRole')}
                              </Button>
                              <Button className={styles.button} size="small" aria-label={t('people.removeFrom', { name: person.displayName, body: body.name })} onClick={() => modal.show({ kind: 'delete', deletion: { kind: 'membership', id, person, body } })}>
                                {t('people.remove')}
                              </Button>
                            </>
                          ) : null}
                        </PersonLine>
                      ))}
                    </ul>
                  ) : (
                    <p className={card.muted}>{t('members.noMembers')}</p>
                  )}
                </section>
              );
            })}
          </div>
          {listed.length || mayAddPeople ? (
          <section className={card.card} aria-labelledby="people-heading">
            <h2 id="people-heading" className={card.heading}>
              {mayManagePeople ? t('people.everyone') : t('people.withoutBody')}
            </h2>
            {listed.length ? (
              <ul className={styles.list}>
                {listed.map((person) => {
                  const editable = Boolean(person.can?.edit || person.can?.editContact || person.can?.trust);
                  return (
                    <PersonLine key={person.id} person={person}>
                      {editable ? (
                        <Button className={styles.button} size="small" aria-label={t('people.editNamed', { name: person.displayName })} onClick={() => modal.show({ kind: 'person', person })}>
                          {t('people.edit')}
                        </Button>
                      ) : null}
                      {person.can?.delete ? (
                        <Button className={styles.button} size="small" aria-label={t('people.deleteNamed', { name: person.displayName })} onClick={() => modal.show({ kind: 'delete', deletion: { kind: 'person', person } })}>
                          {t('people.delete')}
                        </Button>
                      ) : null}
                      {mayAudit ? (
                        <a className={styles.link} href={paths.audit(trajectoryId, { entity: 'person', entityId: person.id })} aria-label={t('people.historyOf', { name: person.displayName })}>
                          {t('people.history')}
                        </a>
                      ) : null}
                    </PersonLine>
                  );
                })}
              </ul>
            ) : (
              <p className={card.muted}>{t('people.nobody')}</p>
            )}
          </section>
          ) : null}
          <p className={styles.note}>{t('members.hiddenHint')}</p>
        </>
      ) : null}
      {/* Tells tests (and nothing else) when a closed dialog is fully gone. */}
      <span hidden data-modal={shown ? (modal.open ? 'open' : 'closing') : 'none'} />
      {shown?.kind === 'person' ? (
        <PersonDialog
          key={modal.key}
          open={modal.open}
          trajectoryId={trajectoryId}
          person={shown.person}
          people={people.data ?? []}
          permissions={permissions}
          onClose={modal.hide}
          onSaved={(saved) => {
            modal.hide();
            void reload(t('people.saved', { name: saved.displayName }));
          }}
        />
      ) : null}
      {shown?.kind === 'invite' ? (
        <InviteDialog
          key={modal.key}
          open={modal.open}
          trajectoryId={trajectoryId}
          bodies={sorted}
          roles={roles}
          directory={Boolean(setup.data?.directorySearch)}
          onClose={modal.hide}
          onInvited={(person, mailed) => {
            modal.hide();
            void reload(mailed ? t('people.invited', { name: person.displayName }) : t('people.invitedNoMail', { name: person.displayName }));
          }}
        />
      ) : null}
      {shown?.kind === 'body' ? (
        <BodyDialog
          key={modal.key}
          open={modal.open}
          trajectoryId={trajectoryId}
          body={shown.body}
          domains={plan.data?.domains ?? []}
          onClose={modal.hide}
          onSaved={() => {
            modal.hide();
            void reload(t('people.bodySaved'));
          }}
        />
      ) : null}
      {shown?.kind === 'membership' ? (
        <MembershipDialog
          key={modal.key}
          open={modal.open}
          body={shown.body}
          membership={shown.membership}
          people={people.data ?? []}
          roles={roles}
          onClose={modal.hide}
          onSaved={() => {
            modal.hide();
            void reload(t('people.membershipSaved'));
          }}
        />
      ) : null}
      {shown?.kind === 'delete' ? (
        <ConfirmDeleteDialog
          key={modal.key}
          open={modal.open}
          title={shown.deletion.kind === 'membership' ? t('people.removeTitle') : t('people.deleteTitle')}
          name={shown.deletion.kind === 'body' ? shown.deletion.body.name : shown.deletion.kind === 'membership' ? t('people.membershipName', { name: shown.deletion.person.displayName, body: shown.deletion.body.name }) : shown.deletion.person.displayName}
          loadImpact={() => {
            const d = shown.deletion;
            if (d.kind === 'person') return api.get<PersonDeleteImpact>(`/api/v1/trajectories/${trajectoryId}/people/${d.person.id}/delete-impact`);
            if (d.kind === 'body') return api.get<BodyDeleteImpact>(`/api/v1/bodies/${d.body.id}/delete-impact`);
            return Promise.resolve({ memberships: 0, meetings: 0, signalVerdicts: 0 });
          }}
          onCancel={modal.hide}
          onConfirm={() => confirmDelete(shown.deletion)}
        />
      ) : null}
    </ViewRoot>
  );
}
