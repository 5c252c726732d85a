import { Button, Field, makeStyles, MessageBar, MessageBarBody, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeetingDetail, ParentsToCall } from '../api/types';
import { useApp } from '../app-context';
import { FormError, useSubmit } from '../components/form';
import { ErrorBox } from '../components/problem';
import { useCardStyles } from '../components/view';
import { mutateResource, useResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';

const useStyles = makeStyles({
  answers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  answer: { minHeight: '44px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalM },
  parent: { display: 'grid', gap: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  phone: { minHeight: '44px', display: 'inline-flex', alignItems: 'center', color: tokens.colorBrandForegroundLink },
});

const answers = ['accepted', 'tentative', 'declined'] as const;

/** The caller's own answer to the invitation, shown when the server says they may answer. */
export function InvitationAnswerCard({ meeting: m, personId, onSaved }: { meeting: MeetingDetail; personId: string | null; onSaved: (m: MeetingDetail) => void }) {
  const { api, announce } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const card = useCardStyles();
  const { saving, formError, submit } = useSubmit();
  const mine = m.attendees.find((a) => a.personId === personId);
  if (!m.can.respond || !mine || !personId) return null;
  const answer = (response: (typeof answers)[number]) =>
    void submit(async () => {
      onSaved(await api.patch<MeetingDetail>(`/api/v1/meetings/${m.id}/attendees/${personId}`, { response }));
      announce(t(`invitation.saved.${response}`));
    });
  return (
    <section className={card.card} aria-labelledby="invitation-answer">
      <h2 id="invitation-answer" className={card.heading}>
        {t('invitation.title')}
      </h2>
      <p>{mine.response === 'none' ? t('invitation.none') : t(`invitation.current.${mine.response}`)}</p>
      <div className={styles.answers} role="group" aria-label={t('invitation.title')}>
        {answers.map((r) => (
          <Button key={r} className={styles.answer} appearance={mine.response === r ? 'primary' : 'secondary'} aria-pressed={mine.response === r} disabled={saving} onClick={() => answer(r)}>
            {t(`invitation.answer.${r}`)}
          </Button>
        ))}
      </div>
      <FormError message={formError} />
    </section>
  );
}

const callListKey = (meetingId: string) => `meeting-parents:${meetingId}`;

/**
 * The trusted person's own job in the roadmap: call or text their parents the day before, and
 * check in with them afterwards. Phone numbers come only from the server's call list, which
 * holds only the parents this person may reach.
 */
export function ParentsToCallCard({ meeting: m }: { meeting: MeetingDetail }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const list = useResource<ParentsToCall>(callListKey(m.id), () => api.get(`/api/v1/meetings/${m.id}/parents-to-call`));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const { saving, formError, submit } = useSubmit();
  if (!m.can.callParents) return null;
  const started = Date.parse(m.startsAt) <= Date.now();
  const checkIn = (personId: string, name: string) =>
    void submit(async () => {
      const next = await api.post<ParentsToCall>(`/api/v1/meetings/${m.id}/check-ins/${personId}`, { note: notes[personId] ?? '' });
      mutateResource<ParentsToCall>(callListKey(m.id), () => next);
      announce(t('callList.checkedInDone', { name }));
    });
  return (
    <section className={card.card} aria-labelledby="call-list">
      <h2 id="call-list" className={card.heading}>
        {t('callList.title')}
      </h2>
      <p className={card.muted}>{started ? t('callList.after') : t('callList.before')}</p>
      {list.error && !list.data ? <ErrorBox error={list.error} onRetry={() => void list.reload()} /> : null}
      {!list.data && !list.error ? <Spinner size="tiny" label={i18n.t('app.loading')} /> : null}
      {list.data && list.data.parents.length === 0 ? <p>{t('callList.empty')}</p> : null}
      {list.data && list.data.parents.length > 0 ? (
        <ul className={styles.list}>
          {list.data.parents.map((p) => (
            <li key={p.personId} className={styles.parent}>
              <strong>{p.displayName}</strong>
              <span>{t(`invitation.current.${p.response === 'none' ? 'unknown' : p.response}`)}</span>
              {p.phone ? (
                <a className={styles.phone} href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>
                  {t('callList.call', { phone: p.phone })}
                </a>
              ) : (
                <span className={card.muted}>{t('callList.noPhone')}</span>
              )}
              {started ? (
                p.checkedIn ? (
                  <MessageBar intent="success">
                    <MessageBarBody>{t('callList.checkedIn')}</MessageBarBody>
                  </MessageBar>
                ) : (
                  <>
                    <Field label={t('callList.note', { name: p.displayName })}>
                      <Textarea value={notes[p.personId] ?? ''} maxLength={1000} onChange={(_e, d) => setNotes((n) => ({ ...n, [p.personId]: d.value }))} />
                    </Field>
                    <Button className={styles.answer} disabled={saving} onClick={() => checkIn(p.personId, p.displayName)}>
                      {t('callList.checkIn', { name: p.displayName })}
                    </Button>
                  </>
                )
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <FormError message={formError} />
    </section>
  );
}
