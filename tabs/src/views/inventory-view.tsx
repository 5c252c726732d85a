import {
  Badge,
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
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { sectors, type Initiative, type Plan, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { Check, Warning } from '../components/icons';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { describeError, ErrorBox, translateServerMessage } from '../components/problem';
import { useModal } from '../components/modal';
import { useCardStyles, ViewRoot } from '../components/view';
import { usePlan } from '../data/plan';
import { useResource } from '../data/resource';
import { label, useI18n, type I18n, type Lang } from '../i18n/i18n';
import { parseAmount } from '../../../src/shared/i18n/numbers';
import type { MessageKey } from '../../../src/shared/i18n/messages/nl';

export interface InventoryViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

const states = ['active', 'planned', 'finished'] as const;
const sources = ['multi_year_plan', 'partner', 'parents_association', 'social_map', 'other'] as const;
/** The server takes at most ~700 KB (base64 in a 1 MB JSON body). */
const MAX_FILE_BYTES = 700 * 1024;

const useStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  filter: { minWidth: 0, flex: '1 1 160px', maxWidth: '280px', gridTemplateColumns: 'minmax(0, 1fr)' },
  // A select is as wide as its longest option unless told otherwise.
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
  gaps: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  cards: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))', gap: tokens.spacingHorizontalM },
  cardHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  // Labels take at most a third: a long one wraps instead of squeezing its value to a sliver.
  facts: { margin: `${tokens.spacingVerticalS} 0 0`, display: 'grid', gridTemplateColumns: 'minmax(0, 33%) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, '& dt': { color: tokens.colorNeutralForeground2 }, '& dd': { margin: 0, overflowWrap: 'anywhere' } },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  description: { margin: `${tokens.spacingVerticalXS} 0 0`, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  touch: { minHeight: '44px', minWidth: '44px' },
  importRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  fileField: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0, maxWidth: '100%' },
  fileInput: { maxWidth: '100%', minHeight: '44px', color: tokens.colorNeutralForeground1 },
  fieldError: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorPaletteRedForeground1 },
  errors: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  status: { margin: 0 },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))' },
  surface: { maxWidth: 'min(720px, calc(100vw - 24px))' },
});

interface ImportProblem {
  path: string;
  message: string;
  line?: number;
  column?: string;
}

/** A row problem of the import in the user's language: field-specific texts where the server's is technical. */
function describeImportProblem(i18n: I18n, problem: ImportProblem): string {
  const field = /^rows\[\d+\]\.(\w+)$/.exec(problem.path)?.[1];
  let message: string;
  if (problem.line === 1 && problem.column && problem.message.startsWith('unknown column')) message = i18n.t('inventory.err.header');
  else if (field && i18n.has(`inventory.err.${field}`)) message = i18n.t(`inventory.err.${field}` as MessageKey);
  else message = translateServerMessage(i18n, problem.message);
  if (problem.line && problem.column) return i18n.t('inventory.importAt', { line: problem.line, column: problem.column, message });
  if (problem.line) return i18n.t('inventory.importAtLine', { line: problem.line, message });
  return message;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // In slices: one String.fromCharCode over a whole file would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface Draft {
  name: string;
  description: string;
  state: Initiative['state'];
  since: string;
  partners: string;
  contactOrganisation: string;
  sectors: string[];
  targetGroup: string;
  reachFamilies: string;
  reachChildren: string;
  source: string;
  effect: string;
  domainId: string;
  operationalObjectiveId: string;
}

function draftOf(i: Initiative | null): Draft {
  return {
    name: i?.name ?? '',
    description: i?.description ?? '',
    state: i?.state ?? 'active',
    since: i?.since ?? '',
    partners: i?.partners.join(', ') ?? '',
    contactOrganisation: i?.contactOrganisation ?? '',
    sectors: i?.sectors ?? [],
    targetGroup: i?.targetGroup ?? '',
    reachFamilies: i?.reachFamilies?.toString() ?? '',
    reachChildren: i?.reachChildren?.toString() ?? '',
    source: i?.source ?? '',
    effect: i?.effect ?? '',
    domainId: i?.domainId ?? '',
    operationalObjectiveId: i?.operationalObjectiveId ?? '',
  };
}

/** A count as typed: empty is "unknown", anything else goes to the server as is, which names the field if it is no whole number. */
/** A count as typed ("1.200" gezinnen the Belgian way, or 1200); anything else goes as typed, so that the server names the field. */
function countOf(text: string, lang: Lang): number | null | string {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const parsed = parseAmount(trimmed, lang);
  return parsed.ok && Number.isInteger(parsed.value) ? parsed.value : trimmed;
}

function InitiativeDialog({ open, trajectoryId, initiative, plan, onClose, onSaved }: { open: boolean; trajectoryId: string; initiative: Initiative | null; plan: Plan | undefined; onClose: () => void; onSaved: (saved: Initiative, created: boolean) => void }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const form = useFormStyles();
  const styles = useStyles();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initiative));
  const { saving, errors, formError, submit } = useSubmit();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const domain = plan?.domains.find((d) => d.id === draft.domainId);
  const objectives = domain ? domain.strategicObjectives.flatMap((s) => s.operationalObjectives) : [];

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let saved: Initiative | undefined;
    const body = {
      name: draft.name,
      description: draft.description,
      state: draft.state,
      since: draft.since || null,
      partners: draft.partners.split(',').map((p) => p.trim()).filter(Boolean),
      contactOrganisation: draft.contactOrganisation,
      sectors: draft.sectors,
      targetGroup: draft.targetGroup,
      reachFamilies: countOf(draft.reachFamilies, i18n.lang),
      reachChildren: countOf(draft.reachChildren, i18n.lang),
      source: draft.source || null,
      effect: draft.effect,
      domainId: draft.domainId || null,
      operationalObjectiveId: draft.domainId ? draft.operationalObjectiveId || null : null,
    };
    const ok = await submit(async () => {
      saved = initiative ? await api.patch<Initiative>(`/api/v1/initiatives/${initiative.id}`, body) : await api.post<Initiative>(`/api/v1/trajectories/${trajectoryId}/initiatives`, body);
    });
    if (ok && saved) onSaved(saved, !initiative);
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void save(e)} noValidate data-testid="initiative-form">
          <DialogBody>
            <DialogTitle>{initiative ? t('inventory.editNamed', { name: initiative.name }) : t('inventory.add')}</DialogTitle>
            <DialogContent className={form.form}>
              <FormError message={formError} />
              <fieldset className={form.fieldset}>
                <legend className={form.legend}>{t('inventory.section.what')}</legend>
                <div className={form.form}>
                  <Field label={t('inventory.field.name')} required {...fieldState(errors, 'name')}>
                    <Input name="name" value={draft.name} onChange={(_, d) => set('name', d.value)} />
                  </Field>
                  <Field label={t('inventory.field.description')} {...fieldState(errors, 'description')}>
                    <Textarea name="description" value={draft.description} onChange={(_, d) => set('description', d.value)} resize="vertical" />
                  </Field>
                  <div className={form.row}>
                    <Field label={t('inventory.field.state')} {...fieldState(errors, 'state')}>
                      <Select name="state" value={draft.state} onChange={(_, d) => set('state', d.value as Draft['state'])}>
                        {states.map((s) => (
                          <option key={s} value={s}>
                            {t(`inventory.state.${s}`)}
                          </option>
                        ))}
                      </Select>
                    </Field>
                    <Field label={t('inventory.field.since')} {...fieldState(errors, 'since')}>
                      <Input name="since" type="date" value={draft.since} onChange={(_, d) => set('since', d.value)} />
                    </Field>
                  </div>
                </div>
              </fieldset>
              <fieldset className={form.fieldset}>
                <legend className={form.legend}>{t('inventory.section.who')}</legend>
                <div className={form.form}>
                  <Field label={t('inventory.field.partners')} hint={t('inventory.field.partnersHint')} {...fieldState(errors, 'partners')}>
                    <Input name="partners" value={draft.partners} onChange={(_, d) => set('partners', d.value)} />
                  </Field>
                  <Field label={t('inventory.field.contactOrganisation')} hint={t('inventory.field.contactHint')} {...fieldState(errors, 'contactOrganisation')}>
                    <Input name="contactOrganisation" value={draft.contactOrganisation} onChange={(_, d) => set('contactOrganisation', d.value)} />
                  </Field>
                  {/* A fieldset, not a Field: a Field would lend its label to the first checkbox. */}
                  <fieldset className={form.fieldset} aria-describedby={errors.sectors ? 'inventory-sectors-error' : undefined}>
                    <legend className={form.legend}>{t('inventory.field.sectors')}</legend>
                    <div className={styles.checks}>
                      {sectors.map((s) => (
                        <Checkbox
                          key={s}
                          label={label(i18n, 'sector', s)}
                          checked={draft.sectors.includes(s)}
                          onChange={(_, d) => set('sectors', d.checked ? [...draft.sectors, s] : draft.sectors.filter((x) => x !== s))}
                        />
                      ))}
                    </div>
                    {errors.sectors ? (
                      <p id="inventory-sectors-error" className={styles.fieldError}>
                        {errors.sectors}
                      </p>
                    ) : null}
                  </fieldset>
                </div>
              </fieldset>
              <fieldset className={form.fieldset}>
                <legend className={form.legend}>{t('inventory.section.forWhom')}</legend>
                <div className={form.form}>
                  <Field label={t('inventory.field.targetGroup')} {...fieldState(errors, 'targetGroup')}>
                    <Input name="targetGroup" value={draft.targetGroup} onChange={(_, d) => set('targetGroup', d.value)} />
                  </Field>
                  <div className={form.row}>
                    <Field label={t('inventory.field.reachFamilies')} {...fieldState(errors, 'reachFamilies')}>
                      <Input name="reachFamilies" inputMode="numeric" value={draft.reachFamilies} onChange={(_, d) => set('reachFamilies', d.value)} />
                    </Field>
                    <Field label={t('inventory.field.reachChildren')} {...fieldState(errors, 'reachChildren')}>
                      <Input name="reachChildren" inputMode="numeric" value={draft.reachChildren} onChange={(_, d) => set('reachChildren', d.value)} />
                    </Field>
                  </div>
                  <Field label={t('inventory.field.source')} {...fieldState(errors, 'source')}>
                    <Select name="source" value={draft.source} onChange={(_, d) => set('source', d.value)}>
                      <option value="">{t('inventory.none')}</option>
                      {sources.map((s) => (
                        <option key={s} value={s}>
                          {t(`inventory.source.${s}`)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t('inventory.field.effect')} {...fieldState(errors, 'effect')}>
                    <Textarea name="effect" value={draft.effect} onChange={(_, d) => set('effect', d.value)} resize="vertical" />
                  </Field>
                </div>
              </fieldset>
              <fieldset className={form.fieldset}>
                <legend className={form.legend}>{t('inventory.section.link')}</legend>
                <div className={form.row}>
                  <Field label={t('inventory.field.domain')} {...fieldState(errors, 'domainId')}>
                    <Select name="domainId" value={draft.domainId} onChange={(_, d) => setDraft((x) => ({ ...x, domainId: d.value, operationalObjectiveId: '' }))}>
                      <option value="">{t('inventory.none')}</option>
                      {(plan?.domains ?? []).map((d) => (
                        <option key={d.id} value={d.id}>
                          {d.name}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t('inventory.field.objective')} {...fieldState(errors, 'operationalObjectiveId')}>
                    <Select name="operationalObjectiveId" value={draft.operationalObjectiveId} disabled={!objectives.length} onChange={(_, d) => set('operationalObjectiveId', d.value)}>
                      <option value="">{t('inventory.none')}</option>
                      {objectives.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.title}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </div>
              </fieldset>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" appearance="primary" disabled={saving}>
                {saving ? t('form.saving') : t('form.save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

function ConfirmDelete({ open, initiative, onCancel, onConfirm }: { open: boolean; initiative: Initiative; onCancel: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const i18n = useI18n();
  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('inventory.confirmTitle')}</DialogTitle>
          <DialogContent>
            <FormError message={error} />
            <p>{t('inventory.confirmText', { name: initiative.name })}</p>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {t('form.cancel')}
            </Button>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                onConfirm().catch((e: unknown) => {
                  setError(describeError(i18n, e));
                  setBusy(false);
                });
              }}
            >
              {t('inventory.delete')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function ImportPanel({ trajectoryId, onImported }: { trajectoryId: string; onImported: () => Promise<void> }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const run = async () => {
    const file = fileRef.current?.files?.[0];
    setProblems([]);
    if (!file) return setMessage({ intent: 'error', text: t('inventory.importNoFile') });
    if (file.size > MAX_FILE_BYTES) return setMessage({ intent: 'error', text: t('inventory.importTooLarge') });
    setBusy(true);
    setMessage(null);
    try {
      const content = toBase64(await file.arrayBuffer());
      const result = await api.post<{ created: number; updated: number; unchanged: number }>(`/api/v1/trajectories/${trajectoryId}/initiatives/import`, { fileName: file.name, content });
      setMessage({ intent: 'success', text: t('inventory.imported', result) });
      if (fileRef.current) fileRef.current.value = '';
      await onImported();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        setProblems(((error.problem.errors ?? []) as ImportProblem[]).map((p) => describeImportProblem(i18n, p)));
        setMessage({ intent: 'error', text: t('inventory.importFailed') });
      } else if (error instanceof ApiError && error.status === 413) {
        setMessage({ intent: 'error', text: t('inventory.importTooLarge') });
      } else {
        setMessage({ intent: 'error', text: describeError(i18n, error) });
      }
    } finally {
      setBusy(false);
    }
  };

  const downloadTemplate = async () => {
    try {
      const { blob, fileName } = await api.blob(`/api/v1/trajectories/${trajectoryId}/initiatives/template.xlsx`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName ?? 'initiatieven-sjabloon.xlsx';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setMessage({ intent: 'error', text: describeError(i18n, error) });
    }
  };

  return (
    <section className={card.card} aria-labelledby="import-heading">
      <h2 id="import-heading" className={card.heading}>
        {t('inventory.import')}
      </h2>
      <p className={card.muted}>{t('inventory.importHint')}</p>
      <div className={styles.importRow}>
        <div className={styles.fileField}>
          <label htmlFor="inventory-file">{t('inventory.importFile')}</label>
          <input ref={fileRef} id="inventory-file" className={styles.fileInput} type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        </div>
        <Button className={styles.touch} appearance="primary" disabled={busy} onClick={() => void run()}>
          {busy ? t('inventory.importing') : t('inventory.importButton')}
        </Button>
        <Button className={styles.touch} appearance="secondary" onClick={() => void downloadTemplate()}>
          {t('inventory.template')}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {message ? (
          <MessageBar intent={message.intent} layout="multiline">
            <MessageBarBody>
              {problems.length ? <MessageBarTitle>{t('inventory.importErrors')}</MessageBarTitle> : null}
              {message.text}
              {problems.length ? (
                <ul className={styles.errors} data-testid="import-errors">
                  {problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </section>
  );
}

function InitiativeCard({ initiative, plan, canEdit, onEdit, onDelete }: { initiative: Initiative; plan: Plan | undefined; canEdit: boolean; onEdit: () => void; onDelete: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const domain = plan?.domains.find((d) => d.id === initiative.domainId);
  const objective = domain?.strategicObjectives.flatMap((s) => s.operationalObjectives).find((o) => o.id === initiative.operationalObjectiveId);
  const reach = [
    initiative.reachFamilies !== null ? i18n.tc('inventory.reachFamilies', initiative.reachFamilies, { count: i18n.number(initiative.reachFamilies) }) : null,
    initiative.reachChildren !== null ? i18n.tc('inventory.reachChildren', initiative.reachChildren, { count: i18n.number(initiative.reachChildren) }) : null,
  ].filter((x): x is string => Boolean(x));
  const titleId = `initiative-${initiative.id}`;
  return (
    <li className={card.card} aria-labelledby={titleId} data-testid="initiative-card">
      <div className={styles.cardHead}>
        <h4 id={titleId} className={styles.cardTitle}>
          {initiative.name}
        </h4>
        <Badge appearance="tint" color={initiative.state === 'active' ? 'success' : initiative.state === 'planned' ? 'informative' : 'subtle'}>
          {t(`inventory.state.${initiative.state}`)}
          {initiative.since ? ` · ${t('inventory.sinceDate', { date: i18n.date(initiative.since) })}` : ''}
        </Badge>
      </div>
      {initiative.description ? <p className={styles.description}>{initiative.description}</p> : null}
      <dl className={styles.facts}>
        {initiative.partners.length ? (
          <>
            <dt>{t('inventory.field.partners')}</dt>
            <dd>{i18n.list(initiative.partners)}</dd>
          </>
        ) : null}
        {initiative.sectors.length ? (
          <>
            <dt>{t('inventory.field.sectors')}</dt>
            <dd className={styles.tags}>
              {initiative.sectors.map((s) => (
                <Badge key={s} appearance="outline" color="brand">
                  {label(i18n, 'sector', s)}
                </Badge>
              ))}
            </dd>
          </>
        ) : null}
        {initiative.targetGroup ? (
          <>
            <dt>{t('inventory.field.targetGroup')}</dt>
            <dd>{initiative.targetGroup}</dd>
          </>
        ) : null}
        {reach.length ? (
          <>
            <dt>{t('inventory.reach')}</dt>
            <dd>{reach.join(', ')}</dd>
          </>
        ) : null}
        {initiative.contactOrganisation ? (
          <>
            <dt>{t('inventory.contact')}</dt>
            <dd>{initiative.contactOrganisation}</dd>
          </>
        ) : null}
        {domain ? (
          <>
            <dt>{t('inventory.field.domain')}</dt>
            <dd>
              {domain.name}
              {objective ? ` › ${objective.title}` : ''}
            </dd>
          </>
        ) : null}
        {initiative.source ? (
          <>
            <dt>{t('inventory.field.source')}</dt>
            <dd>{label(i18n, 'inventory.source', initiative.source)}</dd>
          </>
        ) : null}
        {initiative.effect ? (
          <>
            <dt>{t('inventory.effect')}</dt>
            <dd>{initiative.effect}</dd>
          </>
        ) : null}
      </dl>
      {canEdit ? (
        <div className={styles.actions}>
          <Button className={styles.touch} onClick={onEdit} aria-label={t('inventory.editNamed', { name: initiative.name })}>
            {t('inventory.edit')}
          </Button>
          <Button className={styles.touch} appearance="subtle" onClick={onDelete} aria-label={t('inventory.deleteNamed', { name: initiative.name })}>
            {t('inventory.delete')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** Gaps the inventory shows: active domains nothing runs or is planned in, sectors no initiative involves. */
function gapsOf(i18n: I18n, initiatives: Initiative[], plan: Plan | undefined): { key: string; text: string }[] {
  const live = initiatives.filter((i) => i.state !== 'finished');
  const gaps = (plan?.domains ?? [])
    .filter((d) => d.state === 'active' && !live.some((i) => i.domainId === d.id))
    .map((d) => ({ key: `domain-${d.id}`, text: i18n.t('inventory.gap.domain', { name: d.name }) }));
  const present = new Set(initiatives.flatMap((i) => i.sectors));
  const missing = sectors.filter((s) => !present.has(s));
  if (missing.length) gaps.push({ key: 'sectors', text: i18n.t('inventory.gap.sectors', { sectors: i18n.list(missing.map((s) => label(i18n, 'sector', s))) }) });
  return gaps;
}

export function InventoryView({ trajectoryId, access }: InventoryViewProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const initiatives = useResource<Initiative[]>(`initiatives:${trajectoryId}`, () => api.get(`/api/v1/trajectories/${trajectoryId}/initiatives`));
  const plan = usePlan(api, trajectoryId);
  const canEdit = Boolean(access?.permissions.includes('plan.edit'));
  const [stateFilter, setStateFilter] = useState('');
  const [domainFilter, setDomainFilter] = useState('');
  // Kept mounted while they close (components/modal.ts): the page must get its aria-hidden back.
  const editing = useModal<{ initiative: Initiative | null }>();
  const deleting = useModal<Initiative>();
  const [notice, setNotice] = useState<string | null>(null);
  const ready = Boolean(initiatives.data && plan.data && access);

  const gaps = useMemo(() => gapsOf(i18n, initiatives.data ?? [], plan.data), [i18n, initiatives.data, plan.data]);
  const shown = (initiatives.data ?? []).filter(
    (i) => (!stateFilter || i.state === stateFilter) && (!domainFilter || (domainFilter === 'none' ? !i.domainId : i.domainId === domainFilter)),
  );
  const error = initiatives.error ?? plan.error;

  return (
    <ViewRoot
      name="inventory"
      title={t('inventory.title')}
      subtitle={t('inventory.subtitle')}
      ready={ready}
      actions={
        canEdit && ready ? (
          <Button appearance="primary" className={styles.touch} onClick={() => editing.show({ initiative: null })}>
            {t('inventory.add')}
          </Button>
        ) : undefined
      }
    >
      {error && !ready ? <ErrorBox error={error} onRetry={() => void Promise.all([initiatives.reload(), plan.reload()])} /> : null}
      {!ready && !error ? <Spinner label={t('app.loading')} /> : null}
      {ready ? (
        <>
          <div role="status" aria-live="polite">
            {notice ? (
              <MessageBar intent="success">
                <MessageBarBody>{notice}</MessageBarBody>
              </MessageBar>
            ) : null}
          </div>
          {!canEdit ? (
            <MessageBar intent="info">
              <MessageBarBody>{t('inventory.readOnly')}</MessageBarBody>
            </MessageBar>
          ) : null}
          <section aria-labelledby="inventory-gaps-heading">
            <MessageBar intent={gaps.length ? 'warning' : 'success'} layout="multiline" icon={gaps.length ? <Warning size={20} /> : <Check size={20} />}>
              <MessageBarBody>
                <MessageBarTitle id="inventory-gaps-heading">{t('inventory.gaps')}</MessageBarTitle>
                {gaps.length ? (
                  <ul className={styles.gaps} data-testid="inventory-gaps">
                    {gaps.map((g) => (
                      <li key={g.key}>{g.text}</li>
                    ))}
                  </ul>
                ) : (
                  t('inventory.noGaps')
                )}
              </MessageBarBody>
            </MessageBar>
          </section>
          {canEdit ? <ImportPanel trajectoryId={trajectoryId} onImported={() => initiatives.reload()} /> : null}
          <section aria-labelledby="inventory-list-heading" className={styles.group}>
            <h2 id="inventory-list-heading" className={card.heading}>
              {i18n.tc('inventory.count', initiatives.data?.length ?? 0)}
            </h2>
            <div className={styles.toolbar} role="group" aria-label={t('inventory.filters')}>
              <Field className={styles.filter} label={t('inventory.filterState')}>
                <Select className={styles.select} value={stateFilter} onChange={(_, d) => setStateFilter(d.value)}>
                  <option value="">{t('inventory.all')}</option>
                  {states.map((s) => (
                    <option key={s} value={s}>
                      {t(`inventory.state.${s}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field className={styles.filter} label={t('inventory.filterDomain')}>
                <Select className={styles.select} value={domainFilter} onChange={(_, d) => setDomainFilter(d.value)}>
                  <option value="">{t('inventory.all')}</option>
                  {(plan.data?.domains ?? []).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                  <option value="none">{t('inventory.noDomain')}</option>
                </Select>
              </Field>
            </div>
            {!initiatives.data?.length ? <p>{t('inventory.empty')}</p> : !shown.length ? <p>{t('inventory.noMatch')}</p> : null}
            {states.map((state) => {
              const group = shown.filter((i) => i.state === state);
              if (!group.length) return null;
              return (
                <section key={state} aria-labelledby={`inventory-group-${state}`} className={styles.group} data-testid={`inventory-group-${state}`}>
                  <h3 id={`inventory-group-${state}`} className={styles.groupTitle}>
                    {t(`inventory.state.${state}`)} ({group.length})
                  </h3>
                  <ul className={styles.cards}>
                    {group.map((i) => (
                      <InitiativeCard key={i.id} initiative={i} plan={plan.data} canEdit={canEdit} onEdit={() => editing.show({ initiative: i })} onDelete={() => deleting.show(i)} />
                    ))}
                  </ul>
                </section>
              );
            })}
          </section>
          {editing.value ? (
            <InitiativeDialog
              key={editing.key}
              open={editing.open}
              trajectoryId={trajectoryId}
              initiative={editing.value.initiative}
              plan={plan.data}
              onClose={editing.hide}
              onSaved={(saved, created) => {
                editing.hide();
                setNotice(t(created ? 'form.created' : 'form.saved', { name: saved.name }));
                void initiatives.reload();
              }}
            />
          ) : null}
          {deleting.value ? (
            <ConfirmDelete
              key={deleting.key}
              open={deleting.open}
              initiative={deleting.value}
              onCancel={deleting.hide}
              onConfirm={async () => {
                const gone = deleting.value!;
                await api.del(`/api/v1/initiatives/${gone.id}`);
                setNotice(t('inventory.deleted', { name: gone.name }));
                deleting.hide();
                await initiatives.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </ViewRoot>
  );
}
