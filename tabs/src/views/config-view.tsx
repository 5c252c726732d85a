import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Body, Me, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { loadResource, useResource } from '../data/resource';
import { useI18n } from '../i18n/i18n';
import type { TabConfig } from '../host/host';
import { navigate, paths } from '../router';

const useStyles = makeStyles({
  form: { maxWidth: '640px', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

interface NewTrajectory {
  name: string;
  municipality: string;
  periodStart: string;
  periodEnd: string;
}

/** The configurable tab's setup page (#/config): which trajectory this channel's tab shows. */
export function ConfigView() {
  const { api, host, hostInfo } = useApp();
  const { t } = useI18n();
  const styles = useStyles();
  const formStyles = useFormStyles();
  const card = useCardStyles();
  const me = useResource<Me>('me', () => api.get('/api/v1/me'));
  const year = new Date().getFullYear();
  const [choice, setChoice] = useState('');
  // In a channel: which body meets here (bound through PUT /api/v1/bodies/{id}/channel on save).
  const channel = hostInfo.channel ?? null;
  const [bodyChoice, setBodyChoice] = useState('');
  const [bodies, setBodies] = useState<Body[]>([]);
  const [draft, setDraft] = useState<NewTrajectory>({ name: '', municipality: '', periodStart: `${year}-01-01`, periodEnd: `${year + 5}-12-31` });
  const { saving, errors, formError, submit } = useSubmit();
  const config = host?.config ?? null;
  const trajectories = me.data?.trajectories ?? [];
  // Only an administrator may start a trajectory: the server says so, the page does not guess.
  const mayCreate = me.data?.permissions.includes('trajectory.create') ?? false;

  useEffect(() => {
    if (me.data && !choice) setChoice(me.data.trajectories[0]?.id ?? (mayCreate ? 'new' : ''));
  }, [me.data, choice, mayCreate]);

  const chosenTrajectory = me.data?.trajectories.find((tr) => tr.id === choice);
  const mayBind = Boolean(channel && chosenTrajectory?.permissions.includes('bodies.edit'));
  useEffect(() => {
    setBodyChoice('');
    if (!mayBind || !chosenTrajectory) {
      setBodies([]);
      return;
    }
    let live = true;
    api.get<Body[]>(`/api/v1/trajectories/${chosenTrajectory.id}/bodies`).then(
      (list) => live && setBodies(list),
      () => live && setBodies([]),
    );
    return () => {
      live = false;
    };
  }, [api, mayBind, chosenTrajectory]);

  const valid = choice !== '' && (choice !== 'new' || Boolean(draft.name.trim() && draft.municipality.trim() && draft.periodStart && draft.periodEnd));
  useEffect(() => config?.setValid(valid), [config, valid]);

  const resolve = async (): Promise<{ id: string; municipality: string }> => {
    if (choice !== 'new') {
      const chosen = trajectories.find((tr) => tr.id === choice);
      if (!chosen) throw new Error(t('config.saveFailed'));
      if (channel && bodyChoice) await api.put(`/api/v1/bodies/${bodyChoice}/channel`, { channelId: channel.id, teamId: hostInfo.teamId, channelName: channel.name });
      return chosen;
    }
    const created = await api.post<Trajectory>('/api/v1/trajectories', { ...draft, ...(hostInfo.teamId ? { teamId: hostInfo.teamId } : {}) });
    void loadResource('me', () => api.get('/api/v1/me'));
    return created;
  };

  const tabConfigOf = (trajectory: { id: string; municipality: string }): TabConfig => {
    // In a Teams meeting (side panel, details tab, meeting chat) the tab opens on the meeting itself.
    const route = hostInfo.meetingId ? paths.meeting(trajectory.id, 'current') : paths.overview(trajectory.id);
    const url = `${window.location.origin}/tabs/index.html${route}`;
    return { contentUrl: url, websiteUrl: url, entityId: `kansrijk-${trajectory.id}`, suggestedDisplayName: `Kansrijk ${trajectory.municipality}` };
  };

  // Teams asks for the configuration when the user selects Save; the latest choice must answer.
  const saveRef = useRef<() => Promise<TabConfig>>(async () => Promise.reject(new Error('not ready')));
  saveRef.current = async () => {
    const box: { trajectory: { id: string; municipality: string } | null } = { trajectory: null };
    const ok = await submit(async () => {
      box.trajectory = await resolve();
    });
    if (!ok || !box.trajectory) throw new Error(t('config.saveFailed'));
    return tabConfigOf(box.trajectory);
  };
  useEffect(() => config?.onSave(() => saveRef.current()), [config]);

  const saveInBrowser = async (event: FormEvent) => {
    event.preventDefault();
    const box: { trajectory: { id: string } | null } = { trajectory: null };
    const ok = await submit(async () => {
      box.trajectory = await resolve();
    });
    if (ok && box.trajectory) navigate(paths.overview(box.trajectory.id));
  };

  const set = (key: keyof NewTrajectory, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <ViewRoot name="config" title={t('config.title')} subtitle={t('config.intro')} ready={Boolean(me.data) || Boolean(me.error)}>
      {me.error ? <ErrorBox error={me.error} onRetry={() => void me.reload()} /> : null}
      {!me.data && !me.error ? <Spinner label={t('app.loading')} /> : null}
      {me.data ? (
        <form className={`${styles.form} ${card.card}`} onSubmit={(e) => void saveInBrowser(e)} noValidate>
          <FormError message={formError} />
          <Field label={t('config.choose')}>
            <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value)}>
              {trajectories.map((tr) => (
                <Radio key={tr.id} value={tr.id} label={`${tr.name} (${tr.municipality})`} />
              ))}
              {mayCreate ? <Radio value="new" label={t('config.new')} /> : null}
            </RadioGroup>
          </Field>
          {mayBind && bodies.length ? (
            <Field label={t('config.body')} hint={t('config.bodyHint')}>
              <RadioGroup value={bodyChoice} onChange={(_, d) => setBodyChoice(d.value)}>
                <Radio value="" label={t('config.noBody')} />
                {bodies.map((b) => (
                  <Radio key={b.id} value={b.id} label={b.name} />
                ))}
              </RadioGroup>
            </Field>
          ) : null}
          {choice === 'new' ? (
            <fieldset className={formStyles.fieldset}>
              <legend className={formStyles.legend}>{t('config.new')}</legend>
              <div className={formStyles.form}>
                <Field label={t('config.name')} required {...fieldState(errors, 'name')}>
                  <Input name="name" value={draft.name} placeholder={t('config.namePlaceholder')} onChange={(_, d) => set('name', d.value)} />
                </Field>
                <Field label={t('config.municipality')} required {...fieldState(errors, 'municipality')}>
                  <Input name="municipality" value={draft.municipality} onChange={(_, d) => set('municipality', d.value)} />
                </Field>
                <div className={formStyles.row}>
                  <Field label={t('config.periodStart')} required {...fieldState(errors, 'periodStart')}>
                    <Input type="date" name="periodStart" value={draft.periodStart} onChange={(_, d) => set('periodStart', d.value)} />
                  </Field>
                  <Field label={t('config.periodEnd')} required {...fieldState(errors, 'periodEnd')}>
                    <Input type="date" name="periodEnd" value={draft.periodEnd} onChange={(_, d) => set('periodEnd', d.value)} />
                  </Field>
                </div>
              </div>
            </fieldset>
          ) : null}
          {config ? (
            <MessageBar intent="info">
              <MessageBarBody>{t('config.teamsHint')}</MessageBarBody>
            </MessageBar>
          ) : (
            <div>
              <Button type="submit" appearance="primary" disabled={!valid || saving}>
                {saving ? t('form.saving') : t('config.save')}
              </Button>
            </div>
          )}
        </form>
      ) : null}
    </ViewRoot>
  );
}
