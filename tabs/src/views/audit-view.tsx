import { Button, makeStyles, Select, Spinner, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { AuditEntry, Body, Person, Trajectory } from '../api/types';
import { useApp } from '../app-context';
import { ErrorBox } from '../components/problem';
import { useCardStyles, ViewRoot } from '../components/view';
import { useResource } from '../data/resource';
import { label, useI18n, type I18n } from '../i18n/i18n';
import { navigate, paths } from '../router';

export interface AuditViewProps {
  trajectoryId: string;
  query: URLSearchParams;
  access: Trajectory | undefined;
}

const PAGE = 50;
/** Entity types a reader filters by most; the log holds others too (shown under "all"). */
const entityTypes = ['person', 'body', 'membership', 'domain', 'strategic_objective', 'operational_objective', 'action', 'indicator', 'meeting', 'trajectory'] as const;
/** Fields that say nothing to a reader: ids and bookkeeping. */
const hiddenFields = new Set(['id', 'tenantId', 'trajectoryId', 'homeTrajectoryId', 'createdAt', 'updatedAt', 'version', 'entraObjectId', 'reminders', 'originId', 'channelId', 'channelTeamId', 'channelName', 'channelBoundAt', 'phaseProgress']);
/** Fields holding a code the catalogue names (label prefix). */
const codedFields: Record<string, string> = { role: 'role', kind: 'bodyKind', sector: 'sector', contactPreference: 'contact', status: 'status' };
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalM },
  label: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, fontWeight: tokens.fontWeightSemibold },
  select: { minHeight: '44px', minWidth: '220px', maxWidth: '100%' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, overflowWrap: 'anywhere', ':last-child': { borderBottom: 'none' } },
  head: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  changes: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  redacted: { fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
  button: { minHeight: '44px' },
  link: { display: 'inline-flex', alignItems: 'center', minHeight: '44px' },
});

function entityLabel(i18n: I18n, entity: string): string {
  const key = `audit.entity.${entity}`;
  return i18n.has(key) ? i18n.t(key) : entity;
}

function fieldLabel(i18n: I18n, field: string): string {
  const key = `audit.field.${field}`;
  return i18n.has(key) ? i18n.t(key) : field;
}

/** "Wie wijzigde wat, wanneer": the trajectory's audit log, or one entity's, redacted for the reader by the server. */
export function AuditView({ trajectoryId, query, access }: AuditViewProps) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const allowed = Boolean(access?.permissions.includes('audit.read'));
  const entity = query.get('entity') ?? '';
  const entityId = query.get('entityId') ?? '';
  const [limit, setLimit] = useState(PAGE);
  const search = new URLSearchParams({ limit: String(limit), ...(entity ? { entity } : {}), ...(entityId ? { entityId } : {}) });
  const log = useResource<AuditEntry[]>(allowed ? `audit:${trajectoryId}:${search.toString()}` : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/audit?${search.toString()}`));
  const people = useResource<Person[]>(allowed ? `people:${trajectoryId}` : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/people`));
  const bodies = useResource<Body[]>(allowed ? `bodies:${trajectoryId}` : null, () => api.get(`/api/v1/trajectories/${trajectoryId}/bodies`));
  const ready = Boolean(access && (!allowed || log.data || log.error));

  /** Names for the ids a reader recognises: people and bodies. */
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const p of people.data ?? []) map.set(p.id, p.displayName);
    for (const b of bodies.data ?? []) map.set(b.id, b.name);
    return map;
  }, [people.data, bodies.data]);

  const nameFromEntries = (id: string): string | undefined => {
    for (const e of log.data ?? []) {
      if (e.entityId !== id) continue;
      const n = e.changes.displayName ?? e.changes.name ?? e.changes.title;
      if (typeof n === 'string') return n;
      if (n && typeof n === 'object' && 'to' in n && typeof (n as { to: unknown }).to === 'string') return (n as { to: string }).to;
    }
    return undefined;
  };

  const value = (v: unknown, field: string) => {
    if (v && typeof v === 'object' && 'redacted' in v) return <span className={styles.redacted}>{t('audit.redacted')}</span>;
    if (isEmpty(v)) return <span>{t('audit.empty')}</span>;
    if (typeof v === 'string' && codedFields[field]) return <span>{label(i18n, codedFields[field], v)}</span>;
    if (typeof v === 'string') return <span>{names.get(v) ?? nameFromEntries(v) ?? (v.length > 140 ? `${v.slice(0, 140)}…` : v)}</span>;
    if (typeof v === 'boolean') return <span>{v ? t('audit.yes') : t('audit.no')}</span>;
    const text = JSON.stringify(v);
    return <span>{text.length > 140 ? `${text.slice(0, 140)}…` : text}</span>;
  };

  const subject = entityId ? (names.get(entityId) ?? nameFromEntries(entityId) ?? entityLabel(i18n, entity)) : null;

  return (
    <ViewRoot name="audit" title={t('audit.title')} subtitle={subject ? t('audit.subtitleOf', { name: subject }) : t('audit.subtitleAll')} ready={ready}>
      {access && !allowed ? <p className={card.muted}>{t('audit.noAccess')}</p> : null}
      {allowed ? (
        <section className={card.card} aria-labelledby="audit-heading">
          <h2 id="audit-heading" className={card.srOnly}>
            {t('audit.title')}
          </h2>
          <div className={styles.filters}>
            <label className={styles.label}>
              {t('audit.filter')}
              <Select
                className={styles.select}
                value={entityId ? '' : entity}
                onChange={(_, d) => navigate(d.value ? paths.audit(trajectoryId, { entity: d.value }) : paths.audit(trajectoryId))}
              >
                <option value="">{entityId ? t('audit.oneEntity') : t('audit.entity.all')}</option>
                {entityTypes.map((e) => (
                  <option key={e} value={e}>
                    {entityLabel(i18n, e)}
                  </option>
                ))}
              </Select>
            </label>
            {entity || entityId ? (
              <a className={styles.link} href={paths.audit(trajectoryId)}>
                {t('audit.showAll')}
              </a>
            ) : null}
          </div>
          {log.error && !log.data ? <ErrorBox error={log.error} onRetry={() => void log.reload()} /> : null}
          {!log.data && !log.error ? <Spinner label={t('app.loading')} /> : null}
          {log.data ? (
            log.data.length ? (
              <ul className={styles.list} aria-label={t('audit.title')}>
                {log.data.map((e) => {
                  // A created or deleted row lists what it held; its empty fields say nothing.
                  const fields = Object.entries(e.changes).filter(([k, v]) => !hiddenFields.has(k) && (e.operation === 'update' || !isEmpty(v)));
                  const target = names.get(e.entityId) ?? nameFromEntries(e.entityId);
                  return (
                    <li key={String(e.id)} className={styles.item} data-audit-entity={e.entity} data-audit-operation={e.operation}>
                      <span className={styles.head}>
                        {t(`audit.op.${e.operation}`, { who: e.actorName, what: entityLabel(i18n, e.entity), name: target ?? '' })}
                      </span>
                      <span className={styles.meta}>{i18n.dateTime(e.at)}</span>
                      {fields.length ? (
                        <ul className={styles.changes}>
                          {fields.slice(0, 12).map(([k, v]) => {
                            const change = e.operation === 'update' && v && typeof v === 'object' && 'from' in v && 'to' in v ? (v as { from: unknown; to: unknown }) : null;
                            return (
                              <li key={k}>
                                {fieldLabel(i18n, k)}:{' '}
                                {change ? (
                                  <>
                                    {value(change.from, k)} → {value(change.to, k)}
                                  </>
                                ) : (
                                  value(v, k)
                                )}
                              </li>
                            );
                          })}
                        </ul>
                      ) : null}
                      {e.entity === 'person' && !entityId ? (
                        <a className={styles.link} href={paths.audit(trajectoryId, { entity: 'person', entityId: e.entityId })}>
                          {t('audit.historyOf', { name: target ?? entityLabel(i18n, 'person') })}
                        </a>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className={card.muted}>{t('audit.nothing')}</p>
            )
          ) : null}
          {log.data && log.data.length >= limit ? (
            <Button className={styles.button} onClick={() => setLimit((l) => Math.min(l + PAGE, 500))} disabled={limit >= 500}>
              {t('audit.more')}
            </Button>
          ) : null}
        </section>
      ) : null}
    </ViewRoot>
  );
}
