import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { sevenB, type Action, type ActionField, type ActionStatus, type Person, type PlanOperational } from '../api/types';
import { useApp } from '../app-context';
import { AdjustmentFields, adjustmentBody, type AdjustmentValue } from '../components/adjustment-fields';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { ErrorBox } from '../components/problem';
import { StatusSelect } from '../components/status-select';
import { useCardStyles } from '../components/view';
import { useResource } from '../data/resource';
import { label, useI18n, type I18n, type Lang } from '../i18n/i18n';
import { findAction, usePlan, usePlanIndicators } from '../data/plan';
import { paths } from '../router';
import { PlanDeleteButton } from './plan-delete-button';
import { amountErrorKeys, amountForApi, parseAmount } from '../../../src/shared/i18n/numbers';

export type ActionDialogMode = { kind: 'new'; operational: PlanOperational } | { kind: 'edit'; actionId: string };

interface ActionForm {
  title: string;
  description: string;
  ownerId: string;
  startDate: string;
  dueDate: string;
  status: ActionStatus;
  means: string;
  budget: string;
  partners: string;
  intendedResult: string;
  expectedResult: string;
  evaluationMethod: string;
  sevenB: string[];
  verdict: AdjustmentValue;
}

const blank: ActionForm = {
  title: '',
  description: '',
  ownerId: '',
  startDate: '',
  dueDate: '',
  status: 'planned',
  means: '',
  budget: '',
  partners: '',
  intendedResult: '',
  expectedResult: '',
  evaluationMethod: '',
  sevenB: [],
  verdict: { adjustment: '', adjustmentReason: '' },
};

/** The form's values; the budget shown the way it is typed here (1.500,5 in Dutch), which parseAmount reads back. */
function formOf(a: Action, i18n: Pick<I18n, 'number'>): ActionForm {
  return {
    title: a.title,
    description: a.description,
    ownerId: a.ownerId ?? '',
    startDate: a.startDate ?? '',
    dueDate: a.dueDate ?? '',
    status: a.status,
    means: a.means,
    budget: a.budget === null ? '' : i18n.number(a.budget),
    partners: a.partners.join(', '),
    intendedResult: a.intendedResult,
    expectedResult: a.expectedResult,
    evaluationMethod: a.evaluationMethod,
    sevenB: a.sevenB,
    verdict: { adjustment: a.adjustment ?? '', adjustmentReason: a.adjustmentReason ?? '' },
  };
}

/** What the API receives: the budget read the Belgian way (1.500,50); an unreadable one is sent as typed so that the server names the field. */
function bodyOf(f: ActionForm, lang: Lang): Record<string, unknown> {
  const budget = amountForApi(f.budget, lang);
  return {
    title: f.title,
    description: f.description,
    ownerId: f.ownerId || null,
    startDate: f.startDate || null,
    dueDate: f.dueDate || null,
    status: f.status,
    means: f.means,
    budget,
    partners: f.partners
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    intendedResult: f.intendedResult,
    expectedResult: f.expectedResult,
    evaluationMethod: f.evaluationMethod,
    sevenB: f.sevenB,
    ...adjustmentBody(f.verdict),
  };
}

/** Only what the user changed: an action owner may change just a few fields, and less overlap means fewer conflicts. */
function changes(base: ActionForm, draft: ActionForm, lang: Lang): Record<string, unknown> {
  const before = bodyOf(base, lang);
  return Object.fromEntries(Object.entries(bodyOf(draft, lang)).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
}

/** The drawer lists the action's indicators: the form names them too and links to where they are measured. */
function ActionIndicators({ trajectoryId, actionId }: { trajectoryId: string; actionId: string }) {
  const { api } = useApp();
  const i18n = useI18n();
  const styles = useFormStyles();
  const card = useCardStyles();
  const plan = usePlan(api, trajectoryId);
  const place = plan.data ? findAction(plan.data, actionId) : null;
  const domainIndicators = usePlanIndicators(api, trajectoryId, place?.domain.id, Boolean(place));
  const indicators = domainIndicators.data?.get(actionId) ?? [];
  return (
    <section className={styles.fieldset} aria-labelledby="action-form-indicators" data-testid="action-form-indicators">
      <h3 id="action-form-indicators" className={styles.legend} style={{ margin: 0, fontSize: 'inherit' }}>
        {i18n.t('detail.indicators')}
      </h3>
      {indicators.length ? (
        <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }}>
          {indicators.map((ind) => (
            <li key={ind.id}>
              {ind.name} ({label(i18n, 'indicatorKind', ind.kind)})
            </li>
          ))}
        </ul>
      ) : (
        <p style={{ margin: 0 }}>{i18n.t('detail.noIndicators')}</p>
      )}
      {place ? (
        <a className={card.link} href={paths.evaluation(trajectoryId, place.domain.id)} style={{ display: 'inline-flex', alignItems: 'center', minHeight: '44px' }}>
          {i18n.t('form.indicatorsLink')}
        </a>
      ) : null}
    </section>
  );
}

export function ActionDialog({
  open,
  trajectoryId,
  mode,
  onClose,
  onSaved,
}: {
  open: boolean;
  trajectoryId: string;
  mode: ActionDialogMode;
  onClose: () => void;
  onSaved: (action: Action, created: boolean) => Promise<void>;
}) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t, lang } = i18n;
  const styles = useFormStyles();
  const people = useResource<Person[]>(`people:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/people`));
  const [loaded, setLoaded] = useState<Action | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [form, setForm] = useState<ActionForm>(blank);
  const [note, setNote] = useState('');
  const { saving, errors, formError, conflict, submit, clearConflict } = useSubmit();
  const editing = mode.kind === 'edit';
  const editId = mode.kind === 'edit' ? mode.actionId : null;

  useEffect(() => {
    if (!editId) return;
    api.get<Action>(`/api/v1/actions/${editId}`).then(
      (action) => {
        setLoaded(action);
        setForm(formOf(action, i18n));
      },
      (error: unknown) => setLoadError(error),
    );
  }, [api, editId]);

  const set = <K extends keyof ActionForm>(key: K, value: ActionForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  /** A new action is the caller's to shape (they may add it); an existing one only in the fields the server names. */
  const allowed = (field: ActionField) => !editing || Boolean(loaded?.can?.fields.includes(field));
  const limited = editing && Boolean(loaded?.can) && !loaded?.can?.edit;
  const fresh = conflict?.current as Action | undefined;
  const postponing = editing && form.status === 'postponed' && loaded?.status !== 'postponed';
  const typedBudget = form.budget.trim() ? parseAmount(form.budget, lang) : null;
  const budgetProblem = typedBudget && !typedBudget.ok ? t(amountErrorKeys[typedBudget.reason]) : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // An unreadable amount is explained at its field; sending it would only get the same answer back.
    if (budgetProblem) return;
    const result: { saved: Action | null } = { saved: null };
    const ok = await submit(async () => {
      if (mode.kind === 'new') {
        const { status: _status, ...body } = bodyOf(form, lang);
        result.saved = await api.post<Action>(`/api/v1/operational-objectives/${mode.operational.id}/actions`, body);
        return;
      }
      if (!loaded) return;
      const base = fresh ?? loaded;
      const patch = changes(formOf(base, i18n), form, lang);
      if (note.trim()) patch.progressNote = note;
      result.saved = Object.keys(patch).length ? await api.patch<Action>(`/api/v1/actions/${loaded.id}`, patch, { ifMatch: base.version }) : base;
    });
    if (ok && result.saved) await onSaved(result.saved, mode.kind === 'new');
  };

  const showFresh = () => {
    if (!fresh) return;
    // A 412's `current` carries no `can`: the rights of this reader on this action stay those just read.
    setLoaded({ ...fresh, can: fresh.can ?? loaded?.can });
    setForm(formOf(fresh, i18n));
    clearConflict();
  };

  const owners = [...(people.data ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, i18n.locale));

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface style={{ maxWidth: '760px', width: 'calc(100vw - 32px)' }}>
        <form onSubmit={(e) => void save(e)} noValidate>
          <DialogBody>
            <DialogTitle>{t(editing ? 'dialog.editAction' : 'dialog.newAction')}</DialogTitle>
            <DialogContent className={styles.form}>
              {mode.kind === 'new' ? <p className={styles.under}>{t('form.under', { name: mode.operational.title })}</p> : null}
              {loadError ? <ErrorBox error={loadError} /> : null}
              {editing && !loaded && !loadError ? <Spinner label={t('detail.loading')} /> : null}
              {fresh ? (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{t('conflict.title')}</MessageBarTitle>
                    {t('conflict.dialog')}
                  </MessageBarBody>
                  <MessageBarActions>
                    <Button onClick={showFresh}>{t('conflict.loadFresh')}</Button>
                  </MessageBarActions>
                </MessageBar>
              ) : null}
              <FormError message={formError} />
              {limited ? (
                <p className={styles.under} data-testid="owner-only">
                  {t('rights.ownerOnly')}
                </p>
              ) : null}
              {!editing || loaded ? (
                <>
                  <Field label={t('form.title')} required {...fieldState(errors, 'title')}>
                    <Input name="title" disabled={!allowed('title')} value={form.title} onChange={(_, d) => set('title', d.value)} />
                  </Field>
                  <Field label={t('form.description')} {...fieldState(errors, 'description')}>
                    <Textarea name="description" disabled={!allowed('description')} value={form.description} onChange={(_, d) => set('description', d.value)} resize="vertical" />
                  </Field>
                  <div className={styles.row}>
                    <Field label={t('form.owner')} {...fieldState(errors, 'ownerId')}>
                      <Select name="ownerId" disabled={!allowed('ownerId')} value={form.ownerId} onChange={(_, d) => set('ownerId', d.value)}>
                        <option value="">{t('form.nobody')}</option>
                        {owners.map((p) => (
                          <option key={p.id} value={p.id}>
                            {p.displayName}
                          </option>
                        ))}
                      </Select>
                    </Field>
                    {editing ? (
                      <Field label={t('form.status')} {...fieldState(errors, 'status')}>
                        <StatusSelect name="status" disabled={!allowed('status')} value={form.status} onChange={(s) => (s ? set('status', s) : undefined)} />
                      </Field>
                    ) : null}
                  </div>
                  <div className={styles.row}>
                    <Field label={t('form.startDate')} {...fieldState(errors, 'startDate')}>
                      <Input name="startDate" disabled={!allowed('startDate')} type="date" value={form.startDate} onChange={(_, d) => set('startDate', d.value)} />
                    </Field>
                    <Field label={t('form.dueDate')} {...fieldState(errors, 'dueDate')}>
                      <Input name="dueDate" disabled={!allowed('dueDate')} type="date" value={form.dueDate} onChange={(_, d) => set('dueDate', d.value)} />
                    </Field>
                  </div>
                  {editing ? (
                    <Field label={postponing ? t('form.postponeReason') : t('form.progressNote')} required={postponing} {...fieldState(errors, 'progressNote')}>
                      <Textarea name="progressNote" disabled={!allowed('progressNote')} value={note} onChange={(_, d) => setNote(d.value)} resize="vertical" />
                    </Field>
                  ) : null}
                  <div className={styles.row}>
                    <Field label={t('form.means')} {...fieldState(errors, 'means')}>
                      <Input name="means" disabled={!allowed('means')} value={form.means} onChange={(_, d) => set('means', d.value)} />
                    </Field>
                    <Field label={t('form.budget')} hint={t('form.amountHint')} {...fieldState(budgetProblem ? { budget: budgetProblem } : errors, 'budget')}>
                      <Input name="budget" disabled={!allowed('budget')} inputMode="decimal" value={form.budget} onChange={(_, d) => set('budget', d.value)} />
                    </Field>
                  </div>
                  <Field label={t('form.partners')} hint={t('form.partnersHint')} {...fieldState(errors, 'partners')}>
                    <Input name="partners" disabled={!allowed('partners')} value={form.partners} onChange={(_, d) => set('partners', d.value)} />
                  </Field>
                  <Field label={t('form.intendedResult')} {...fieldState(errors, 'intendedResult')}>
                    <Textarea name="intendedResult" disabled={!allowed('intendedResult')} value={form.intendedResult} onChange={(_, d) => set('intendedResult', d.value)} resize="vertical" />
                  </Field>
                  <Field label={t('form.expectedResult')} {...fieldState(errors, 'expectedResult')}>
                    <Textarea name="expectedResult" disabled={!allowed('expectedResult')} value={form.expectedResult} onChange={(_, d) => set('expectedResult', d.value)} resize="vertical" />
                  </Field>
                  <Field label={t('form.evaluationMethod')} {...fieldState(errors, 'evaluationMethod')}>
                    <Textarea name="evaluationMethod" disabled={!allowed('evaluationMethod')} value={form.evaluationMethod} onChange={(_, d) => set('evaluationMethod', d.value)} resize="vertical" />
                  </Field>
                  <fieldset className={styles.fieldset}>
                    <legend className={styles.legend}>{t('form.sevenB')}</legend>
                    <div className={styles.checks}>
                      {sevenB.map((b) => (
                        <Checkbox
                          key={b}
                          label={t(`sevenB.${b}`)}
                          checked={form.sevenB.includes(b)}
                          disabled={!allowed('sevenB')}
                          onChange={(_, d) => set('sevenB', d.checked ? [...form.sevenB, b] : form.sevenB.filter((x) => x !== b))}
                        />
                      ))}
                    </div>
                  </fieldset>
                  {editId ? <ActionIndicators trajectoryId={trajectoryId} actionId={editId} /> : null}
                  {editing && allowed('adjustment') ? <AdjustmentFields value={form.verdict} onChange={(v) => set('verdict', v)} errors={errors} /> : null}
                </>
              ) : null}
            </DialogContent>
            <DialogActions>
              {editId ? <PlanDeleteButton kind="action" id={editId} onDeleted={onClose} /> : null}
              <Button appearance="secondary" onClick={onClose}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" appearance="primary" disabled={saving || (editing && !loaded)}>
                {saving ? t('form.saving') : t('form.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
