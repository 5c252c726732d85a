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
  Radio,
  RadioGroup,
  Select,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { sectors, type Body, type BodyDeleteImpact, type DirectoryUser, type Person, type PersonDeleteImpact } from '../api/types';
import { useApp } from '../app-context';
import { emptyToNull, fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { describeError } from '../components/problem';
import { label, useI18n, type I18n } from '../i18n/i18n';
import { bodyKinds, contactPreferences } from '../../../src/shared/enums';

/* The dialogs of the members view: a person, an invitation, a body, a membership, a deletion. */


const useStyles = makeStyles({
  surface: { maxWidth: 'min(560px, calc(100vw - 24px))' },
  results: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  button: { minHeight: '44px' },
});

function DialogFrame({ open, title, onClose, onSubmit, saving, submitLabel, children, testId }: { open: boolean; title: string; onClose: () => void; onSubmit: (e: FormEvent) => void; saving: boolean; submitLabel: string; children: React.ReactNode; testId: string }) {
  const { t } = useI18n();
  const form = useFormStyles();
  const styles = useStyles();
  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={onSubmit} noValidate data-testid={testId}>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={form.form}>{children}</DialogContent>
            <DialogActions>
              <Button className={styles.button} appearance="secondary" onClick={onClose}>
                {t('form.cancel')}
              </Button>
              <Button className={styles.button} type="submit" appearance="primary" disabled={saving}>
                {saving ? t('form.saving') : submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

interface PersonDraft {
  displayName: string;
  organisation: string;
  sector: string;
  contactPreference: string;
  trustedPersonId: string;
  email: string;
  phone: string;
}

/**
 * A person, new or existing: someone without a Teams account too. Which fields show follows
 * the server's `can` for the person (contact details of a parent only for who may change them,
 * the trusted person only for the coordinator).
 */
export function PersonDialog({ open, trajectoryId, person, people, permissions, onClose, onSaved }: { open: boolean; trajectoryId: string; person: Person | null; people: Person[]; permissions: string[]; onClose: () => void; onSaved: (saved: Person) => void }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [draft, setDraft] = useState<PersonDraft>(() => ({
    displayName: person?.displayName ?? '',
    organisation: person?.organisation ?? '',
    sector: person?.sector ?? '',
    contactPreference: person?.contactPreference ?? 'email',
    trustedPersonId: person?.trustedPersonId ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
  }));
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const mayEdit = person ? Boolean(person.can?.edit) : permissions.includes('people.edit');
  const mayContact = person ? Boolean(person.can?.editContact) && !person.contactHidden : permissions.includes('people.edit');
  const mayTrust = person ? Boolean(person.can?.trust) : permissions.includes('person.trust');
  const trustedCandidates = people.filter((p) => p.id !== person?.id && p.memberships.some((m) => m.role === 'trusted_person'));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (mayEdit) Object.assign(body, { displayName: draft.displayName, organisation: emptyToNull(draft.organisation), sector: draft.sector || null, contactPreference: draft.contactPreference });
    if (mayContact) Object.assign(body, { email: emptyToNull(draft.email), phone: emptyToNull(draft.phone) });
    if (mayTrust) body.trustedPersonId = draft.trustedPersonId || null;
    if (person) {
      // Only what changed: a field the caller may not touch is never sent.
      for (const key of Object.keys(body)) if ((person as unknown as Record<string, unknown>)[key] === body[key] || (body[key] === null && !(person as unknown as Record<string, unknown>)[key])) delete body[key];
      if (!Object.keys(body).length) return onClose();
    } else if (!body.trustedPersonId) delete body.trustedPersonId;
    let saved: Person | undefined;
    const ok = await submit(async () => {
      saved = person ? await api.patch<Person>(`/api/v1/trajectories/${trajectoryId}/people/${person.id}`, body) : await api.post<Person>(`/api/v1/trajectories/${trajectoryId}/people`, body);
    });
    if (ok && saved) onSaved(saved);
  };

  return (
    <DialogFrame open={open} title={person ? t('people.editNamed', { name: person.displayName }) : t('people.add')} onClose={onClose} onSubmit={(e) => void save(e)} saving={saving} submitLabel={t('form.save')} testId="person-form">
      <FormError message={formError} />
      {mayEdit ? (
        <>
          <Field label={t('people.field.name')} required {...fieldState(errors, 'displayName')}>
            <Input name="displayName" value={draft.displayName} onChange={(_, d) => set('displayName', d.value)} />
          </Field>
          <div className={form.row}>
            <Field label={t('people.field.sector')} {...fieldState(errors, 'sector')}>
              <Select name="sector" value={draft.sector} onChange={(_, d) => set('sector', d.value)}>
                <option value="">{t('people.none')}</option>
                {sectors.map((s) => (
                  <option key={s} value={s}>
                    {label(i18n, 'sector', s)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('people.field.preference')} {...fieldState(errors, 'contactPreference')}>
              <Select name="contactPreference" value={draft.contactPreference} onChange={(_, d) => set('contactPreference', d.value)}>
                {contactPreferences.map((c) => (
                  <option key={c} value={c}>
                    {label(i18n, 'contact', c)}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Field label={t('people.field.organisation')} {...fieldState(errors, 'organisation')}>
            <Input name="organisation" value={draft.organisation} onChange={(_, d) => set('organisation', d.value)} />
          </Field>
        </>
      ) : null}
      {mayContact ? (
        <div className={form.row}>
          <Field label={t('people.field.email')} {...fieldState(errors, 'email')}>
            <Input name="email" type="email" value={draft.email} onChange={(_, d) => set('email', d.value)} />
          </Field>
          <Field label={t('people.field.phone')} {...fieldState(errors, 'phone')}>
            <Input name="phone" type="tel" value={draft.phone} onChange={(_, d) => set('phone', d.value)} />
          </Field>
        </div>
      ) : person?.contactHidden ? (
        <p className={form.hint}>{t('people.contactHiddenHint')}</p>
      ) : null}
      {mayTrust ? (
        <Field label={t('people.field.trustedPerson')} hint={trustedCandidates.length ? t('people.field.trustedPersonHint') : t('people.field.noTrustedPersons')} {...fieldState(errors, 'trustedPersonId')}>
          <Select name="trustedPersonId" value={draft.trustedPersonId} onChange={(_, d) => set('trustedPersonId', d.value)}>
            <option value="">{t('people.none')}</option>
            {trustedCandidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </DialogFrame>
  );
}

/** Body and role fields, shared by the invitation and the membership dialogs; only grantable roles are offered. */
function BodyRoleFields({ bodies, roles, bodyId, role, onBody, onRole, errors, optional }: { bodies: Body[]; roles: string[]; bodyId: string; role: string; onBody: (v: string) => void; onRole: (v: string) => void; errors: Record<string, string>; optional: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  return (
    <div className={form.row}>
      {bodies.length > 1 || optional ? (
        <Field label={t('people.field.body')} required={!optional} {...fieldState(errors, 'bodyId')}>
          <Select name="bodyId" value={bodyId} onChange={(_, d) => onBody(d.value)}>
            {optional ? <option value="">{t('people.noBody')}</option> : null}
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field label={t('people.field.role')} required={!optional || Boolean(bodyId)} {...fieldState(errors, 'role')}>
        <Select name="role" value={role} disabled={optional && !bodyId} onChange={(_, d) => onRole(d.value)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {label(i18n, 'role', r)}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

/**
 * Invite someone who has an account: from the directory when Graph is configured (the server
 * reads their name, address and sign-in there), by e-mail address otherwise. They get a mail.
 */
export function InviteDialog({ open, trajectoryId, bodies, roles, directory, onClose, onInvited }: { open: boolean; trajectoryId: string; bodies: Body[]; roles: string[]; directory: boolean; onClose: () => void; onInvited: (person: Person, mailed: boolean) => void }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [bodyId, setBodyId] = useState('');
  const [role, setRole] = useState(roles.includes('member') ? 'member' : (roles[0] ?? ''));
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<DirectoryUser[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [picked, setPicked] = useState('');

  useEffect(() => {
    if (!directory || query.trim().length < 2) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setSearching(true);
      api
        .get<{ configured: boolean; users: DirectoryUser[] }>(`/api/v1/trajectories/${trajectoryId}/directory?q=${encodeURIComponent(query.trim())}`, { signal: controller.signal })
        .then((answer) => {
          setFound(answer.users);
          setSearchError(null);
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setSearchError(describeError(i18n, error));
        })
        .finally(() => setSearching(false));
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, directory, i18n, query, trajectoryId]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = directory && picked ? { directoryUserId: picked } : { displayName, email };
    if (bodyId) Object.assign(body, { bodyId, role });
    let answer: { person: Person; mailed: boolean } | undefined;
    const ok = await submit(async () => {
      answer = await api.post(`/api/v1/trajectories/${trajectoryId}/invitations`, body);
    });
    if (ok && answer) onInvited(answer.person, answer.mailed);
  };

  return (
    <DialogFrame open={open} title={t('people.invite')} onClose={onClose} onSubmit={(e) => void save(e)} saving={saving} submitLabel={t('people.inviteSend')} testId="invite-form">
      <FormError message={formError} />
      <p className={form.hint}>{directory ? t('people.inviteDirectoryHint') : t('people.inviteEmailHint')}</p>
      {directory ? (
        <>
          <Field label={t('people.directorySearch')} {...fieldState(errors, 'directoryUserId')}>
            <Input name="q" type="search" value={query} onChange={(_, d) => setQuery(d.value)} />
          </Field>
          {searching ? <Spinner size="tiny" label={t('app.loading')} /> : null}
          <FormError message={searchError} />
          {found ? (
            found.length ? (
              <RadioGroup aria-label={t('people.directoryResults')} value={picked} onChange={(_, d) => setPicked(d.value)} className={styles.results}>
                {found.map((u) => (
                  <Radio key={u.id} value={u.id} disabled={u.known} label={`${u.displayName}${u.mail ? ` · ${u.mail}` : ''}${u.known ? ` (${t('people.alreadyKnown')})` : ''}`} />
                ))}
              </RadioGroup>
            ) : (
              <p className={form.hint}>{t('people.directoryNone')}</p>
            )
          ) : null}
        </>
      ) : (
        <div className={form.row}>
          <Field label={t('people.field.name')} required {...fieldState(errors, 'displayName')}>
            <Input name="displayName" value={displayName} onChange={(_, d) => setDisplayName(d.value)} />
          </Field>
          <Field label={t('people.field.email')} required {...fieldState(errors, 'email')}>
            <Input name="email" type="email" value={email} onChange={(_, d) => setEmail(d.value)} />
          </Field>
        </div>
      )}
      {roles.length ? <BodyRoleFields bodies={bodies} roles={roles} bodyId={bodyId} role={role} onBody={setBodyId} onRole={setRole} errors={errors} optional /> : null}
    </DialogFrame>
  );
}

/** Add someone to a body, or change their role there: only the roles the caller may grant. */
export function MembershipDialog({ open, body, membership, people, roles, onClose, onSaved }: { open: boolean; body: Body; membership: { id: string; role: string; person: Person } | null; people: Person[]; roles: string[]; onClose: () => void; onSaved: () => void }) {
  const { api } = useApp();
  const { t } = useI18n();
  const { saving, errors, formError, submit } = useSubmit();
  const candidates = people.filter((p) => !p.memberships.some((m) => m.bodyId === body.id));
  const [personId, setPersonId] = useState(membership?.person.id ?? candidates[0]?.id ?? '');
  const [role, setRole] = useState(membership?.role ?? (roles.includes('member') ? 'member' : (roles[0] ?? '')));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await submit(async () => {
      if (membership) await api.patch(`/api/v1/memberships/${membership.id}`, { role });
      else await api.post(`/api/v1/bodies/${body.id}/memberships`, { personId, role });
    });
    if (ok) onSaved();
  };
  return (
    <DialogFrame
      open={open}
      title={membership ? t('people.changeRoleOf', { name: membership.person.displayName, body: body.name }) : t('people.addMemberTo', { body: body.name })}
      onClose={onClose}
      onSubmit={(e) => void save(e)}
      saving={saving}
      submitLabel={t('form.save')}
      testId="membership-form"
    >
      <FormError message={formError} />
      {membership ? null : candidates.length ? (
        <Field label={t('people.field.person')} required {...fieldState(errors, 'personId')}>
          <Select name="personId" value={personId} onChange={(_, d) => setPersonId(d.value)}>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <p>{t('people.nobodyToAdd')}</p>
      )}
      <BodyRoleFields bodies={[body]} roles={roles} bodyId={body.id} role={role} onBody={() => undefined} onRole={setRole} errors={errors} optional={false} />
    </DialogFrame>
  );
}

/** A body: a steering group, a work group for a domain, a parents' group. */
export function BodyDialog({ open, trajectoryId, body, domains, onClose, onSaved }: { open: boolean; trajectoryId: string; body: Body | null; domains: { id: string; name: string }[]; onClose: () => void; onSaved: () => void }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [name, setName] = useState(body?.name ?? '');
  const [kind, setKind] = useState<string>(body?.kind ?? 'work_group');
  const [domainId, setDomainId] = useState(body?.domainId ?? '');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const values = { name, kind, domainId: kind === 'work_group' ? domainId || null : null };
    const ok = await submit(async () => {
      if (body) await api.patch(`/api/v1/bodies/${body.id}`, values);
      else await api.post(`/api/v1/trajectories/${trajectoryId}/bodies`, values);
    });
    if (ok) onSaved();
  };
  return (
    <DialogFrame open={open} title={body ? t('people.bodyEditNamed', { name: body.name }) : t('people.bodyAdd')} onClose={onClose} onSubmit={(e) => void save(e)} saving={saving} submitLabel={t('form.save')} testId="body-form">
      <FormError message={formError} />
      <Field label={t('people.field.bodyName')} required {...fieldState(errors, 'name')}>
        <Input name="name" value={name} onChange={(_, d) => setName(d.value)} />
      </Field>
      <div className={form.row}>
        <Field label={t('people.field.bodyKind')} {...fieldState(errors, 'kind')}>
          <Select name="kind" value={kind} onChange={(_, d) => setKind(d.value)}>
            {bodyKinds.map((k) => (
              <option key={k} value={k}>
                {label(i18n, 'bodyKind', k)}
              </option>
            ))}
          </Select>
        </Field>
        {kind === 'work_group' ? (
          <Field label={t('people.field.domain')} {...fieldState(errors, 'domainId')}>
            <Select name="domainId" value={domainId} onChange={(_, d) => setDomainId(d.value)}>
              <option value="">{t('people.none')}</option>
              {domains.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
    </DialogFrame>
  );
}

/** What a deletion takes with it, in words: "3 lidmaatschappen en 2 acties zonder eigenaar". */
export function impactText(i18n: I18n, impact: PersonDeleteImpact | BodyDeleteImpact): string {
  const parts: string[] = [];
  if (impact.memberships) parts.push(i18n.tc('people.impact.memberships', impact.memberships));
  if ('actionsWithoutOwner' in impact) {
    if (impact.actionsWithoutOwner) parts.push(i18n.tc('people.impact.actions', impact.actionsWithoutOwner));
    if (impact.parentsWithoutTrustedPerson) parts.push(i18n.tc('people.impact.parents', impact.parentsWithoutTrustedPerson));
    if (impact.otherTrajectories) parts.push(i18n.tc('people.impact.trajectories', impact.otherTrajectories));
  } else {
    if (impact.meetings) parts.push(i18n.tc('people.impact.meetings', impact.meetings));
    if (impact.signalVerdicts) parts.push(i18n.tc('people.impact.verdicts', impact.signalVerdicts));
  }
  return parts.length ? i18n.t('people.impact.with', { what: i18n.list(parts) }) : i18n.t('people.impact.nothing');
}

/** Asks before deleting, with what goes with it (the server counts it). */
export function ConfirmDeleteDialog({ open, title, name, loadImpact, onCancel, onConfirm }: { open: boolean; title: string; name: string; loadImpact: () => Promise<PersonDeleteImpact | BodyDeleteImpact>; onCancel: () => void; onConfirm: () => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const [impact, setImpact] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The counts are read once, when the dialog opens (it is keyed per show).
  const load = useRef(loadImpact);
  useEffect(() => {
    let live = true;
    load.current()
      .then((i) => live && setImpact(impactText(i18n, i)))
      .catch((e: unknown) => live && setError(describeError(i18n, e)));
    return () => {
      live = false;
    };
  }, [i18n]);
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            <FormError message={error} />
            <p>{t('people.confirmDelete', { name })}</p>
            {impact ? <p data-testid="delete-impact">{impact}</p> : error ? null : <Spinner size="tiny" label={t('app.loading')} />}
          </DialogContent>
          <DialogActions>
            <Button className={styles.button} appearance="secondary" onClick={onCancel}>
              {t('form.cancel')}
            </Button>
            <Button
              className={styles.button}
              appearance="primary"
              disabled={busy || impact === null}
              onClick={() => {
                setBusy(true);
                onConfirm().catch((e: unknown) => {
                  setError(describeError(i18n, e));
                  setBusy(false);
                });
              }}
            >
              {t('people.delete')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
