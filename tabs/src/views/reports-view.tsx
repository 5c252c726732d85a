import { Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Spinner, Textarea, tokens } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../api/client';
import type { CollegeSchedule, Report, ReportDelivery, ReportDetail, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { LineChart, StatusChart } from '../components/charts';
import { describeError, ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { invalidateResource, useResource } from '../data/resource';
import { label, useI18n } from '../i18n/i18n';
import { navigate, paths } from '../router';

export interface ReportsViewProps {
  trajectoryId: string;
  reportId: string | null;
  access: Trajectory | undefined;
}

const useStyles = makeStyles({
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
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, flex: '1 1 220px', overflowWrap: 'anywhere' },
  strong: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  button: { minHeight: '44px' },
  form: { display: 'grid', gap: tokens.spacingVerticalM, gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', alignItems: 'end' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  figures: { display: 'grid', gap: tokens.spacingHorizontalM, gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', margin: 0 },
  figure: { display: 'flex', flexDirection: 'column-reverse', margin: 0 },
  figureValue: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  charts: { display: 'grid', gap: tokens.spacingHorizontalL, gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))' },
  pre: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 },
});

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reports to the college: the list and a report's preview, text, approval and delivery. */
export function ReportsView({ trajectoryId, reportId, access }: ReportsViewProps) {
  return reportId ? <ReportDetailPane trajectoryId={trajectoryId} reportId={reportId} access={access} /> : <ReportList trajectoryId={trajectoryId} access={access} />;
}

function ReportList({ trajectoryId, access }: { trajectoryId: string; access: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const key = `reports:${trajectoryId}`;
  const reports = useResource<{ reports: Report[] }>(key, () => api.get(`/api/v1/trajectories/${trajectoryId}/reports`));
  const mayEdit = Boolean(access?.permissions.includes('trajectory.edit'));
  const [form, setForm] = useState({ periodStart: '', periodEnd: '', collegeDate: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const generate = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const created = await api.post<ReportDetail>(`/api/v1/trajectories/${trajectoryId}/reports`, { periodStart: form.periodStart, periodEnd: form.periodEnd, collegeDate: form.collegeDate || null });
      await invalidateResource(key);
      announce(t('reports.generate'));
      navigate(paths.report(trajectoryId, created.id));
    } catch (e) {
      const { fields, other } = fieldErrors(e);
      setErrors(fields);
      setError(other.length || !Object.keys(fields).length ? describeError(i18n, e) : null);
    } finally {
      setBusy(false);
    }
  };
  const period = (r: Report) => t('reports.period', { start: i18n.date(r.periodStart), end: i18n.date(r.periodEnd) });

  return (
    <ViewRoot name="reports" title={t('reports.title')} subtitle={t('reports.subtitle')} ready={Boolean(access && (reports.data || reports.error))}>
      {reports.error && !reports.data ? <ErrorBox error={reports.error} onRetry={() => void reports.reload()} /> : null}
      {!reports.data && !reports.error ? <Spinner label={t('app.loading')} /> : null}
      {reports.data ? (
        <section className={card.card} aria-labelledby="reports-list">
          <h2 id="reports-list" className={card.heading}>
            {t('reports.list')}
          </h2>
          {reports.data.reports.length === 0 ? <p className={card.muted}>{t('reports.empty')}</p> : null}
          <ul className={styles.list} data-testid="reports">
            {reports.data.reports.map((r) => (
              <li key={r.id} className={styles.item} data-report-id={r.id}>
                <span className={styles.text}>
                  <span className={styles.strong}>{period(r)}</span>
                  <span className={styles.meta}>
                    {label(i18n, 'reports.state', r.state)} · {t('reports.actions')}: {i18n.number(r.totals.actions)} · {t('reports.overdueCount')}: {i18n.number(r.totals.overdue)}
                  </span>
                </span>
                <a className={card.link} href={paths.report(trajectoryId, r.id)} aria-label={t('reports.openOf', { period: period(r) })}>
                  {t('reports.open')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {mayEdit ? (
        <section className={card.card} aria-labelledby="reports-generate">
          <h2 id="reports-generate" className={card.heading}>
            {t('reports.generateTitle')}
          </h2>
          <form className={styles.form} onSubmit={(e) => void generate(e)} noValidate>
            <Field label={t('reports.periodStart')} required validationState={errors.periodStart ? 'error' : 'none'} validationMessage={errors.periodStart}>
              <Input type="date" value={form.periodStart} onChange={(_, d) => setForm((f) => ({ ...f, periodStart: d.value }))} />
            </Field>
            <Field label={t('reports.periodEnd')} required validationState={errors.periodEnd ? 'error' : 'none'} validationMessage={errors.periodEnd}>
              <Input type="date" value={form.periodEnd} onChange={(_, d) => setForm((f) => ({ ...f, periodEnd: d.value }))} />
            </Field>
            <Field label={t('reports.collegeDate')} validationState={errors.collegeDate ? 'error' : 'none'} validationMessage={errors.collegeDate}>
              <Input type="date" value={form.collegeDate} onChange={(_, d) => setForm((f) => ({ ...f, collegeDate: d.value }))} />
            </Field>
            <Button type="submit" appearance="primary" className={styles.button} disabled={busy}>
              {t('reports.generate')}
            </Button>
          </form>
          {error ? (
            <MessageBar intent="error">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          ) : null}
        </section>
      ) : null}
      <ScheduleSection trajectoryId={trajectoryId} />
    </ViewRoot>
  );
}

function ScheduleSection({ trajectoryId }: { trajectoryId: string }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const key = `college-schedule:${trajectoryId}`;
  const schedule = useResource<CollegeSchedule>(key, () => api.get(`/api/v1/trajectories/${trajectoryId}/college-schedule`));
  const [draft, setDraft] = useState<CollegeSchedule | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const s = draft ?? schedule.data;
  if (!s) return null;
  const edit = s.can.edit;
  const set = (patch: Partial<CollegeSchedule>) => setDraft({ ...s, ...patch });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      const saved = await api.put<CollegeSchedule>(`/api/v1/trajectories/${trajectoryId}/college-schedule`, {
        weekday: s.weekday,
        time: s.time,
        exceptions: s.exceptions,
        frequency: s.frequency,
        cardWorkingDaysBefore: s.cardWorkingDaysBefore,
        secretaryName: s.secretaryName,
        secretaryEmail: s.secretaryEmail,
        locale: s.locale,
      });
      setDraft(saved);
      await invalidateResource(key);
      setMessage({ intent: 'success', text: t('reports.scheduleSaved') });
      announce(t('reports.scheduleSaved'));
    } catch (e) {
      setErrors(fieldErrors(e).fields);
      setMessage({ intent: 'error', text: describeError(i18n, e) });
    }
  };
  const fieldOf = (name: string) => (errors[name] ? { validationState: 'error' as const, validationMessage: errors[name] } : {});
  return (
    <section className={card.card} aria-labelledby="reports-schedule">
      <h2 id="reports-schedule" className={card.heading}>
        {t('reports.schedule')}
      </h2>
      <p className={card.muted}>{s.configured && s.nextMeeting && s.chairCardDueOn ? t('reports.nextMeeting', { date: i18n.dateTime(s.nextMeeting), due: i18n.date(s.chairCardDueOn) }) : t('reports.notConfigured')}</p>
      <form className={styles.form} onSubmit={(e) => void save(e)} noValidate>
        <Field label={t('reports.weekday')} {...fieldOf('weekday')}>
          <Select value={String(s.weekday)} disabled={!edit} onChange={(_, d) => set({ weekday: Number(d.value) })}>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <option key={d} value={d}>
                {label(i18n, 'reports.weekday', String(d))}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('reports.time')} {...fieldOf('time')}>
          <Input type="time" value={s.time} readOnly={!edit} onChange={(_, d) => set({ time: d.value })} />
        </Field>
        <Field label={t('reports.frequency')} {...fieldOf('frequency')}>
          <Select value={s.frequency} disabled={!edit} onChange={(_, d) => set({ frequency: d.value as CollegeSchedule['frequency'] })}>
            {(['monthly', 'quarterly', 'half_yearly'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`reports.frequency.${f}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('reports.cardDays')} {...fieldOf('cardWorkingDaysBefore')}>
          <Input type="number" min={0} max={30} value={String(s.cardWorkingDaysBefore)} readOnly={!edit} onChange={(_, d) => set({ cardWorkingDaysBefore: Number(d.value) })} />
        </Field>
        <Field label={t('reports.secretaryName')} {...fieldOf('secretaryName')}>
          <Input value={s.secretaryName} readOnly={!edit} onChange={(_, d) => set({ secretaryName: d.value })} />
        </Field>
        {edit ? (
          <Field label={t('reports.secretaryEmail')} {...fieldOf('secretaryEmail')}>
            <Input type="email" value={s.secretaryEmail} onChange={(_, d) => set({ secretaryEmail: d.value })} />
          </Field>
        ) : null}
        {edit ? (
          <Button type="submit" className={styles.button}>
            {t('reports.saveSchedule')}
          </Button>
        ) : null}
      </form>
      {message ? (
        <MessageBar intent={message.intent}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </section>
  );
}

function ReportDetailPane({ trajectoryId, reportId, access }: { trajectoryId: string; reportId: string; access: Trajectory | undefined }) {
  const { api, announce } = useApp();
  const i18n = useI18n();
  const { t, tc } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const key = `report:${reportId}`;
  const report = useResource<ReportDetail>(key, () => api.get(`/api/v1/reports/${reportId}`));
  const r = report.data;
  const mayLog = Boolean(access?.permissions.includes('trajectory.edit') || r?.can.approve || r?.state === 'approved');
  const deliveries = useResource<{ graph: boolean; deliveries: ReportDelivery[] }>(r && r.state === 'approved' && mayLog ? `report-deliveries:${reportId}` : null, () => api.get(`/api/v1/reports/${reportId}/deliveries`));
  const [text, setText] = useState<{ summary: string; decisionsRequested: string; budgetRequests: string } | null>(null);
  const [remark, setRemark] = useState('');
  const [remarkError, setRemarkError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      await Promise.all([invalidateResource(key), invalidateResource(`reports:${trajectoryId}`)]);
      setText(null);
      setMessage({ intent: 'success', text: done });
      announce(done);
    } catch (e) {
      setMessage({ intent: 'error', text: describeError(i18n, e) });
    } finally {
      setBusy(false);
    }
  };
  const fetchFile = async (format: 'docx' | 'pdf') => {
    try {
      const { blob, fileName } = await api.blob(`/api/v1/reports/${reportId}/report.${format}`);
      download(blob, fileName ?? `report.${format}`);
    } catch (e) {
      setMessage({ intent: 'error', text: describeError(i18n, e) });
    }
  };

  const back = (
    <a href={paths.reports(trajectoryId)} className={card.link}>
      {t('reports.back')}
    </a>
  );
  if (!r) {
    return (
      <ViewRoot name="report" title={t('reports.title')} ready={Boolean(report.error)} actions={back}>
        {report.error ? <ErrorBox error={report.error} onRetry={() => void report.reload()} /> : <Spinner label={t('app.loading')} />}
      </ViewRoot>
    );
  }
  const s = r.snapshot;
  const shown = text ?? { summary: r.summary, decisionsRequested: r.decisionsRequested, budgetRequests: r.budgetRequests };
  const period = t('reports.period', { start: i18n.date(r.periodStart), end: i18n.date(r.periodEnd) });
  const status = (code: string | null) => (code ? label(i18n, 'status', code) : '—');

  return (
    <ViewRoot name="report" title={`${t('reports.title')}: ${period}`} subtitle={label(i18n, 'reports.state', r.state)} ready actions={back}>
      {r.state === 'sent_back' && r.remark ? (
        <MessageBar intent="warning">
          <MessageBarBody>{t('reports.chairRemark', { remark: r.remark })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {message ? (
        <MessageBar intent={message.intent} data-testid="report-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      ) : null}
      <section className={card.card} aria-labelledby="report-figures">
        <h2 id="report-figures" className={card.heading}>
          {t('reports.keyFigures')}
        </h2>
        <dl className={styles.figures}>
          {(
            [
              ['reports.actions', s.totals.actions],
              ['reports.overdueCount', s.totals.overdue],
              ['reports.indicatorsCount', s.totals.indicators],
            ] as const
          ).map(([k, v]) => (
            <div key={k} className={styles.figure}>
              <dt className={styles.meta}>{t(k)}</dt>
              <dd className={styles.figureValue}>{i18n.number(v)}</dd>
            </div>
          ))}
        </dl>
        <div className={styles.row}>
          {r.can.download ? (
            <>
              <Button className={styles.button} onClick={() => void fetchFile('docx')}>
                {t('reports.download')}: {t('reports.docx')}
              </Button>
              <Button className={styles.button} onClick={() => void fetchFile('pdf')}>
                {t('reports.download')}: {t('reports.pdf')}
              </Button>
            </>
          ) : null}
        </div>
      </section>

      <section className={card.card} aria-labelledby="report-text">
        <h2 id="report-text" className={card.heading}>
          {t('reports.text')}
        </h2>
        {r.can.edit ? (
          <form
            className={styles.stack}
            onSubmit={(e) => {
              e.preventDefault();
              void run(() => api.patch(`/api/v1/reports/${reportId}`, shown), t('reports.saved'));
            }}
          >
            {(['summary', 'decisionsRequested', 'budgetRequests'] as const).map((f) => (
              <Field key={f} label={t(`reports.${f}`)}>
                <Textarea resize="vertical" value={shown[f]} onChange={(_, d) => setText({ ...shown, [f]: d.value })} />
              </Field>
            ))}
            <div className={styles.row}>
              <Button type="submit" className={styles.button} disabled={busy}>
                {t('reports.save')}
              </Button>
              {r.can.submit ? (
                <Button appearance="primary" className={styles.button} disabled={busy} onClick={() => void run(async () => {
                  if (text) await api.patch(`/api/v1/reports/${reportId}`, text);
                  await api.post(`/api/v1/reports/${reportId}/submit`, {});
                }, t('reports.submitted'))}>
                  {t('reports.submit')}
                </Button>
              ) : null}
            </div>
          </form>
        ) : (
          <div className={styles.stack}>
            {(['summary', 'decisionsRequested', 'budgetRequests'] as const).map((f) => (
              <div key={f}>
                <h3 className={styles.strong}>{t(`reports.${f}`)}</h3>
                <p className={styles.pre}>{r[f].trim() || t('reports.nothing')}</p>
              </div>
            ))}
          </div>
        )}
        {r.can.approve || r.can.sendBack ? (
          <div className={styles.stack}>
            <Field label={t('reports.remark')} validationState={remarkError ? 'error' : 'none'} validationMessage={remarkError ?? undefined}>
              <Textarea value={remark} onChange={(_, d) => setRemark(d.value)} />
            </Field>
            <div className={styles.row}>
              {r.can.approve ? (
                <Button appearance="primary" className={styles.button} disabled={busy} onClick={() => void run(() => api.post(`/api/v1/reports/${reportId}/approve`, {}), t('reports.approved'))}>
                  {t('reports.approve')}
                </Button>
              ) : null}
              {r.can.sendBack ? (
                <Button
                  className={styles.button}
                  disabled={busy}
                  onClick={() => {
                    if (!remark.trim()) return setRemarkError(t('reports.remarkRequired'));
                    setRemarkError(null);
                    void run(() => api.post(`/api/v1/reports/${reportId}/send-back`, { remark: remark.trim() }), t('reports.sentBack'));
                  }}
                >
                  {t('reports.sendBack')}
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}
      </section>

      {deliveries.data ? (
        <section className={card.card} aria-labelledby="report-deliveries">
          <h2 id="report-deliveries" className={card.heading}>
            {t('reports.deliveries')}
          </h2>
          {deliveries.data.deliveries.length === 0 ? <p className={card.muted}>{t('reports.noDeliveries')}</p> : null}
          <ul className={styles.list} data-testid="deliveries">
            {deliveries.data.deliveries.map((d) => (
              <li key={d.id} className={styles.item}>
                <span className={styles.text}>
                  <span className={styles.strong}>
                    {d.recipientName} ({label(i18n, 'reports.reason', d.reason)})
                  </span>
                  <span className={styles.meta}>
                    {d.address} · {label(i18n, 'reports.delivery', d.state)}
                    {d.sentAt ? ` · ${i18n.dateTime(d.sentAt)}` : ''}
                    {d.error ? ` · ${d.error}` : ''}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className={card.card} aria-labelledby="report-domains">
        <h2 id="report-domains" className={card.heading}>
          {t('reports.domains')}
        </h2>
        <StatusChart rows={s.domains.map((d) => ({ id: d.id, label: d.name, counts: d.byStatus, total: Object.values(d.byStatus).reduce((a, b) => a + b, 0) }))} />
        {s.domains.map((d) => (
          <details key={d.id}>
            <summary className={styles.strong}>{d.name}</summary>
            {d.strategicObjectives.flatMap((so) => so.operationalObjectives).map((oo) => (
              <div key={oo.id}>
                <h3 className={styles.strong}>{oo.title}</h3>
                <ul className={styles.list}>
                  {oo.actions.map((a) => (
                    <li key={a.id} className={styles.item}>
                      <span className={styles.text}>
                        <span>{a.title}</span>
                        <span className={styles.meta}>
                          {status(a.status)}
                          {a.dueDate ? ` · ${i18n.date(a.dueDate)}` : ''}
                          {a.ownerName ? ` · ${a.ownerName}` : ''}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </details>
        ))}
      </section>

      <section className={card.card} aria-labelledby="report-changes">
        <h2 id="report-changes" className={card.heading}>
          {t('reports.changes')}
        </h2>
        {!s.comparedWith ? <p className={card.muted}>{t('reports.firstReport')}</p> : s.changes.length === 0 ? <p className={card.muted}>{t('reports.noChanges')}</p> : null}
        <ul className={styles.list}>
          {s.changes.map((c) => (
            <li key={`${c.actionId}:${c.kind}`} className={styles.item}>
              <span className={styles.text}>
                <span>{c.title}</span>
                <span className={styles.meta}>
                  {c.kind === 'status_changed'
                    ? t('reports.change.status_changed', { from: status(c.from), to: status(c.to) })
                    : c.kind === 'due_changed'
                      ? t('reports.change.due_changed', { from: c.from ? i18n.date(c.from) : '—', to: c.to ? i18n.date(c.to) : '—' })
                      : t(`reports.change.${c.kind}`)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className={card.card} aria-labelledby="report-overdue">
        <h2 id="report-overdue" className={card.heading}>
          {t('reports.overdue')}
        </h2>
        {s.overdue.length === 0 ? <p className={card.muted}>{t('reports.noOverdue')}</p> : null}
        <ul className={styles.list} data-testid="overdue">
          {s.overdue.map((o) => (
            <li key={o.actionId} className={styles.item}>
              <span className={styles.text}>
                <span className={styles.strong}>{o.title}</span>
                <span className={styles.meta}>
                  {o.domainName} · {i18n.date(o.dueDate)} · {tc('reports.daysLate', o.daysOverdue)}
                  {o.ownerName ? ` · ${o.ownerName}` : ''}
                </span>
                {o.latestNote ? <span className={styles.meta}>{t('reports.latestNote', { author: o.latestNote.authorName, note: o.latestNote.note })}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className={card.card} aria-labelledby="report-indicators">
        <h2 id="report-indicators" className={card.heading}>
          {t('reports.indicators')}
        </h2>
        {s.indicators.length === 0 ? <p className={card.muted}>{t('reports.noIndicators')}</p> : null}
        <div className={styles.charts}>
        {s.indicators.map((ind) => (
          <div key={ind.id}>
            <h3 className={styles.strong}>
              {ind.name} ({ind.domainName})
            </h3>
            <LineChart name={ind.name} unit={ind.unit} baseline={ind.baseline} target={ind.target} measurements={ind.measurements.map((m, i) => ({ id: `${ind.id}:${i}`, measuredOn: m.measuredOn, value: m.value, note: '' }))} />
          </div>
        ))}
        </div>
      </section>

      <section className={card.card} aria-labelledby="report-decisions">
        <h2 id="report-decisions" className={card.heading}>
          {t('reports.decisions')}
        </h2>
        {s.decisions.length === 0 ? <p className={card.muted}>{t('reports.noDecisions')}</p> : null}
        <ul className={styles.list}>
          {s.decisions.map((d, i) => (
            <li key={`${d.meetingId}:${i}`} className={styles.item}>
              <span className={styles.text}>
                <span className={styles.strong}>
                  {d.bodyName} · {i18n.date(d.heldOn)} · {d.agendaItemTitle}
                </span>
                <span className={styles.pre}>{d.decisions}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className={card.card} aria-labelledby="report-next">
        <h2 id="report-next" className={card.heading}>
          {t('reports.next', { start: i18n.date(s.nextPeriod.start), end: i18n.date(s.nextPeriod.end) })}
        </h2>
        {s.next.length === 0 ? <p className={card.muted}>{t('reports.noNext')}</p> : null}
        <ul className={styles.list}>
          {s.next.map((a) => (
            <li key={a.id} className={styles.item}>
              <span className={styles.text}>
                <span>{a.title}</span>
                <span className={styles.meta}>
                  {a.domainName} · {status(a.status)}
                  {a.dueDate ? ` · ${i18n.date(a.dueDate)}` : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      </section>
    </ViewRoot>
  );
}
