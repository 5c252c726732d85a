import { Badge, Button, Field, Input, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { contextLevels, type ContextDeviation, type ContextImportResult, type ContextLevel, type ContextList, type ContextUnit, type ContextValue, type Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { SeriesChart, type ChartSeries } from '../components/charts';
import { fieldState, FormError, useFormStyles, useSubmit } from '../components/form';
import { describeError, ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { useResource } from '../data/resource';
import { useI18n, type I18n } from '../i18n/i18n';
import { parseAmount } from '../../../src/shared/i18n/numbers';
import type { MessageKey } from '../../../src/shared/i18n/messages/nl';

export interface ContextViewProps {
  trajectoryId: string;
  access: Trajectory | undefined;
}

/** The server's limit (src/context-indicators/context-import.ts): checked here first to spare the upload. */
const MAX_FILE_BYTES = 512 * 1024;

const useStyles = makeStyles({
  top: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  text: { margin: `0 0 ${tokens.spacingVerticalS}` },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  groupTitle: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  indicators: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  indicatorHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalXS },
  indicatorTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  explain: { margin: `0 0 ${tokens.spacingVerticalS}`, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  comparison: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase300 },
  worse: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  summary: {
    cursor: 'pointer',
    color: tokens.colorBrandForegroundLink,
    minHeight: '44px',
    display: 'flex',
    alignItems: 'center',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  scroll: { overflowX: 'auto', maxWidth: '100%', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    width: '100%',
    '& th, & td': { padding: '4px 6px', textAlign: 'end', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, fontVariantNumeric: 'tabular-nums' },
    '& th:first-child': { textAlign: 'start' },
    '& thead th': { fontWeight: tokens.fontWeightSemibold, verticalAlign: 'bottom' },
  },
  errorTable: { '& th, & td': { textAlign: 'start', verticalAlign: 'top' } },
  flaggedList: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  source: { margin: `${tokens.spacingVerticalXS} 0 0`, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  file: {
    minHeight: '44px',
    maxWidth: '100%',
    padding: `${tokens.spacingVerticalXS} 0`,
    color: tokens.colorNeutralForeground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, '& button': { minHeight: '44px' } },
});

interface ImportProblem {
  path: string;
  message: string;
  line?: number | null;
  column?: string | null;
}

function unitSuffix(unit: ContextUnit): string {
  return unit === 'percent' ? ' %' : '';
}

function formatValue(i18n: I18n, value: number, unit: ContextUnit): string {
  return `${i18n.number(value)}${unitSuffix(unit)}`;
}

function percentFormat(i18n: I18n, signed: boolean): Intl.NumberFormat {
  return new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) });
}

/** The server explains a bad row in English; the coordinator reads it in their own language. */
export function translateImportMessage(t: I18n['t'], message: string): string {
  let m: RegExpExecArray | null;
  if (message === 'the file is empty') return t('context.msg.empty');
  if (message === 'is empty') return t('context.msg.cellEmpty');
  if (message === 'the column is missing') return t('context.msg.columnMissing');
  if (message.startsWith('the column is missing (')) return t('context.msg.valueColumnMissing');
  if (message.startsWith('no header row')) return t('context.msg.noHeader');
  if (message === 'the file has a header but no values') return t('context.msg.noValues');
  if ((m = /^unknown indicator "(.*)"$/.exec(message))) return t('context.msg.unknownIndicator', { name: m[1]! });
  if ((m = /^unknown level "(.*)":/.exec(message))) return t('context.msg.unknownLevel', { name: m[1]! });
  if ((m = /^"(.*)" is not a year$/.exec(message))) return t('context.msg.notYear', { text: m[1]! });
  if (message.startsWith('must be a year between')) return t('context.msg.yearRange');
  if ((m = /^"(.*)" is not a number$/.exec(message))) return t('context.msg.notNumber', { text: m[1]! });
  if (message === 'must be a percentage between 0 and 100') return t('context.msg.percent');
  if (message === 'must not be negative') return t('context.msg.negative');
  if (message === 'too large') return t('context.msg.tooLarge');
  if ((m = /^repeats the value of line (\d+)/.exec(message))) return t('context.msg.repeats', { line: m[1]! });
  if (message.startsWith('is not an Excel workbook') || message.startsWith('is not a readable Excel')) return t('context.msg.notXlsx');
  if (message.startsWith('is not a text file')) return t('context.msg.notText');
  if (message.startsWith('must end in') || message.startsWith('must be text/csv') || message.startsWith('does not match')) return t('context.msg.fileType');
  if (message.startsWith('is an old Excel file')) return t('context.msg.xls');
  return message;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

const indicatorKey = (code: string) => `context.indicator.${code}` as MessageKey;
const explainKey = (code: string) => `context.explain.${code}` as MessageKey;
const levelKey = (level: ContextLevel) => `context.level.${level}` as MessageKey;

export function ContextView({ trajectoryId, access }: ContextViewProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const card = useCardStyles();
  const styles = useStyles();
  const url = `/api/v1/trajectories/${trajectoryId}/context-values`;
  const data = useResource<ContextList>(`context:${trajectoryId}`, () => api.get(url));
  const mayEdit = access?.permissions.includes('plan.edit') ?? false;
  const list = data.data;
  const percent = percentFormat(i18n, false).format(list?.deviationRule.threshold ?? 0.1);
  const flagged = list?.deviations.filter((d) => d.flagged) ?? [];

  return (
    <ViewRoot name="context" title={t('context.title')} subtitle={t('context.intro')} ready={Boolean(list) || Boolean(data.error)}>
      {data.error && !list ? <ErrorBox error={data.error} onRetry={() => void data.reload()} /> : null}
      {!list && !data.error ? <Spinner label={t('app.loading')} /> : null}
      {list ? (
        <>
          <div className={styles.top}>
            <section className={card.card} aria-labelledby="context-rule">
              <h2 id="context-rule" className={card.heading}>
                {t('context.ruleTitle')}
              </h2>
              <p className={styles.text}>{t('context.rule', { percent })}</p>
              <p className={styles.text}>{t('context.countNote')}</p>
              <p className={`${styles.text} ${card.muted}`}>{t('context.sources')}</p>
            </section>
            <section className={card.card} aria-labelledby="context-flagged">
              <h2 id="context-flagged" className={card.heading}>
                {t('context.flaggedTitle')}
              </h2>
              {!list.values.length ? (
                <p className={styles.text}>{mayEdit ? t('context.empty') : t('context.emptyReadOnly')}</p>
              ) : flagged.length ? (
                <ul className={styles.flaggedList}>
                  {flagged.map((d) => (
                    <li key={d.indicator}>
                      <strong>{t(indicatorKey(d.indicator))}</strong>: <Comparison deviation={d} unit={list.catalogue.find((c) => c.code === d.indicator)?.unit ?? 'percent'} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.text}>{t('context.flaggedNone', { percent })}</p>
              )}
              {!mayEdit ? <p className={`${styles.text} ${card.muted}`}>{t('context.readOnly')}</p> : null}
            </section>
          </div>
          {mayEdit ? (
            <div className={styles.top}>
              <ImportForm url={`${url}/import`} onDone={() => void data.reload()} />
              <ValueEditor url={url} list={list} onDone={() => void data.reload()} />
            </div>
          ) : null}
          {(['demography', 'vulnerable_families'] as const).map((group) => (
            <section key={group} className={styles.group} aria-labelledby={`context-group-${group}`}>
              <h2 id={`context-group-${group}`} className={styles.groupTitle}>
                {t(`context.group.${group}`)}
              </h2>
              <ul className={styles.indicators}>
                {list.catalogue
                  .filter((c) => c.group === group)
                  .map((indicator) => (
                    <li key={indicator.code} className={card.card}>
                      <IndicatorCard
                        code={indicator.code}
                        unit={indicator.unit}
                        values={list.values.filter((v) => v.indicator === indicator.code)}
                        deviation={list.deviations.find((d) => d.indicator === indicator.code)}
                      />
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </ViewRoot>
  );
}

function Comparison({ deviation, unit }: { deviation: ContextDeviation; unit: ContextUnit }) {
  const i18n = useI18n();
  const styles = useStyles();
  const text = i18n.t('context.comparison', {
    municipality: formatValue(i18n, deviation.municipality, unit),
    region: formatValue(i18n, deviation.region, unit),
    difference: percentFormat(i18n, true).format(deviation.relativeDifference),
    year: deviation.year,
  });
  return <span className={deviation.flagged ? styles.worse : undefined}>{text}</span>;
}

function IndicatorCard({ code, unit, values, deviation }: { code: string; unit: ContextUnit; values: ContextValue[]; deviation: ContextDeviation | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const name = t(indicatorKey(code));
  const headingId = `context-${code}`;
  const years = [...new Set(values.map((v) => v.year))].sort((a, b) => a - b);
  const byLevel = (level: ContextLevel) => values.filter((v) => v.level === level).sort((a, b) => a.year - b.year);
  // Counts differ with the size of an area: their trend is compared instead, from 100 in each level's first year.
  const indexed = unit === 'count';
  const series: ChartSeries[] = contextLevels
    .map((level) => {
      const own = byLevel(level);
      const base = own[0]?.value;
      const points = own.filter(() => !indexed || (base !== undefined && base !== 0)).map((v) => ({ x: v.year, y: indexed ? (v.value / base!) * 100 : v.value }));
      return { key: level, label: t(levelKey(level)), points, emphasis: level === 'municipality' };
    })
    .filter((s) => s.points.length > 0);
  const describe = series
    .map((s) => `${s.label}: ${s.points.map((p) => `${p.x} ${indexed ? i18n.number(Math.round(p.y * 10) / 10) : formatValue(i18n, p.y, unit)}`).join(', ')}`)
    .join('; ');
  const sources = [...new Set(values.map((v) => v.source).filter(Boolean))];
  return (
    <article aria-labelledby={headingId}>
      <div className={styles.indicatorHead}>
        <h3 id={headingId} className={styles.indicatorTitle}>
          {name}
        </h3>
        {deviation?.flagged ? (
          <Badge appearance="tint" color="danger">
            {t('context.flagged')}
          </Badge>
        ) : null}
      </div>
      <p className={styles.explain}>
        {t(explainKey(code))} ({t(`context.unit.${unit}`)})
      </p>
      {deviation ? (
        <p className={styles.comparison}>
          <Comparison deviation={deviation} unit={unit} />
        </p>
      ) : null}
      {values.length ? (
        <>
          <SeriesChart
            label={t(indexed ? 'context.chartIndexed' : 'context.chartLabel', { name, series: describe })}
            series={series}
            formatY={(v) => i18n.number(Math.round(v * 10) / 10)}
            // The levels differ by tenths of a percent: from zero their lines would lie on top of each other.
            zeroBased={false}
          />
          <details>
            <summary className={styles.summary}>{t('context.tableSummary')}</summary>
            <div className={styles.scroll} role="region" aria-label={`${name}: ${t('context.tableSummary')}`} tabIndex={0}>
              <table className={styles.table}>
                <thead>
                  <tr>
                    <td />
                    {years.map((year) => (
                      <th key={year} scope="col">
                        {year}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {contextLevels.map((level) => (
                    <tr key={level}>
                      <th scope="row">{t(levelKey(level))}</th>
                      {years.map((year) => {
                        const v = values.find((x) => x.year === year && x.level === level);
                        return <td key={year}>{v ? formatValue(i18n, v.value, unit) : '–'}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          {sources.length ? <p className={styles.source}>{t('context.source', { source: sources.join(', ') })}</p> : null}
        </>
      ) : (
        <p className={styles.explain}>{t('context.noValues')}</p>
      )}
    </article>
  );
}

function ImportForm({ url, onDone }: { url: string; onDone: () => void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const card = useCardStyles();
  const styles = useStyles();
  const form = useFormStyles();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ContextImportResult | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setProblems([]);
    setError(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return setError(t('context.import.noFile'));
    if (file.size > MAX_FILE_BYTES) return setError(t('context.import.tooLarge'));
    setBusy(true);
    try {
      const contentBase64 = await readAsBase64(file);
      const answer = await api.post<ContextImportResult>(url, { fileName: file.name, ...(file.type ? { contentType: file.type } : {}), contentBase64 });
      setResult(answer);
      announce(t('context.import.done', { ...answer }));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setProblems((e.problem.errors ?? []) as ImportProblem[]);
        announce(t('context.import.failed'));
      } else if (e instanceof ApiError && e.status === 413) setError(t('context.import.tooLarge'));
      else if (e instanceof ApiError && e.status === 403) setError(t('error.forbiddenWrite'));
      else setError(describeError(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={card.card} aria-labelledby="context-import">
      <h2 id="context-import" className={card.heading}>
        {t('context.import.title')}
      </h2>
      <form className={form.form} onSubmit={(e) => void submit(e)} noValidate>
        <p className={form.hint}>{t('context.import.hint')}</p>
        <Field label={t('context.import.file')}>
          {(props) => <input {...props} ref={fileRef} type="file" name="file" className={styles.file} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />}
        </Field>
        <div className={styles.buttons}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? t('context.import.busy') : t('context.import.submit')}
          </Button>
        </div>
        <FormError message={error} />
        {result ? (
          <MessageBar intent="success">
            <MessageBarBody>{t('context.import.done', { ...result })}</MessageBarBody>
          </MessageBar>
        ) : null}
        {problems.length ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('context.import.failed')}</MessageBarTitle>
              <table className={`${styles.table} ${styles.errorTable}`} data-testid="import-problems">
                <thead>
                  <tr>
                    <th scope="col">{t('context.import.line')}</th>
                    <th scope="col">{t('context.import.column')}</th>
                    <th scope="col">{t('context.import.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((p, n) => (
                    <tr key={n}>
                      <td>{p.line ?? t('context.import.wholeFile')}</td>
                      <td>{p.column ?? '–'}</td>
                      <td>{translateImportMessage(t, p.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </form>
    </section>
  );
}

interface Draft {
  indicator: string;
  year: string;
  level: ContextLevel;
  area: string;
  value: string;
  source: string;
}

function ValueEditor({ url, list, onDone }: { url: string; list: ContextList; onDone: () => void }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const card = useCardStyles();
  const form = useFormStyles();
  const styles = useStyles();
  const { saving, errors, formError, submit } = useSubmit();
  const [draft, setDraft] = useState<Draft>({ indicator: list.catalogue[0]?.code ?? '', year: String(new Date().getFullYear() - 1), level: 'municipality', area: '', value: '', source: '' });
  const [done, setDone] = useState<string | null>(null);
  const set = (key: keyof Draft, value: string) => {
    setDone(null);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const unit = list.catalogue.find((c) => c.code === draft.indicator)?.unit ?? 'percent';
  const existing = useMemo(
    () => list.values.find((v) => v.indicator === draft.indicator && String(v.year) === draft.year.trim() && v.level === draft.level),
    [list.values, draft.indicator, draft.year, draft.level],
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    // Typed the Belgian way (1.234,5) or plainly; unreadable goes as NaN so that the server names the field.
    const parsed = parseAmount(draft.value, i18n.lang);
    const value = parsed.ok ? parsed.value : Number.NaN;
    const ok = await submit(async () => {
      await api.put(url, {
        indicator: draft.indicator,
        year: Number(draft.year),
        level: draft.level,
        value: draft.value.trim() === '' ? Number.NaN : value,
        ...(draft.area.trim() ? { area: draft.area } : {}),
        ...(draft.source.trim() ? { source: draft.source } : {}),
      });
    });
    if (ok) {
      setDone(t('context.editor.saved'));
      announce(t('context.editor.saved'));
      onDone();
    }
  };

  const remove = async () => {
    if (!existing) return;
    const ok = await submit(async () => {
      await api.del(`/api/v1/context-values/${existing.id}`);
    });
    if (ok) {
      setDone(t('context.editor.deleted'));
      announce(t('context.editor.deleted'));
      onDone();
    }
  };

  return (
    <section className={card.card} aria-labelledby="context-editor">
      <h2 id="context-editor" className={card.heading}>
        {t('context.editor.title')}
      </h2>
      <form className={form.form} onSubmit={(e) => void save(e)} noValidate>
        <FormError message={formError} />
        <Field label={t('context.editor.indicator')} {...fieldState(errors, 'indicator')}>
          <Select name="indicator" value={draft.indicator} onChange={(_, d) => set('indicator', d.value)}>
            {list.catalogue.map((c) => (
              <option key={c.code} value={c.code}>
                {t(indicatorKey(c.code))}
              </option>
            ))}
          </Select>
        </Field>
        <div className={form.row}>
          <Field label={t('context.editor.year')} required {...fieldState(errors, 'year')}>
            <Input name="year" inputMode="numeric" value={draft.year} onChange={(_, d) => set('year', d.value)} />
          </Field>
          <Field label={t('context.editor.level')} {...fieldState(errors, 'level')}>
            <Select name="level" value={draft.level} onChange={(_, d) => set('level', d.value)}>
              {contextLevels.map((level) => (
                <option key={level} value={level}>
                  {t(levelKey(level))}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className={form.row}>
          <Field label={`${t('context.editor.value')} (${t(`context.unit.${unit}`)})`} required {...fieldState(errors, 'value')}>
            <Input name="value" inputMode="decimal" value={draft.value} onChange={(_, d) => set('value', d.value)} />
          </Field>
          <Field label={t('context.editor.area')} {...fieldState(errors, 'area')}>
            <Input name="area" value={draft.area} onChange={(_, d) => set('area', d.value)} />
          </Field>
        </div>
        <Field label={t('context.editor.source')} {...fieldState(errors, 'source')}>
          <Input name="source" value={draft.source} onChange={(_, d) => set('source', d.value)} />
        </Field>
        {existing ? <p className={form.hint}>{t('context.editor.existing', { value: formatValue(i18n, existing.value, unit) })}</p> : null}
        <div className={styles.buttons}>
          <Button type="submit" appearance="primary" disabled={saving}>
            {saving ? t('form.saving') : t('context.editor.save')}
          </Button>
          {existing ? (
            <Button type="button" disabled={saving} onClick={() => void remove()}>
              {t('context.editor.delete')}
            </Button>
          ) : null}
        </div>
        {done ? (
          <MessageBar intent="success">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        ) : null}
      </form>
    </section>
  );
}
