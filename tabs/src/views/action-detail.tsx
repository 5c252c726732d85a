import { Button, DrawerBody, DrawerFooter, DrawerHeader, DrawerHeaderTitle, makeStyles, OverlayDrawer, Spinner, tokens } from '@fluentui/react-components';
import type { Action, ActionUpdate, Measurement, Plan, PlanIndicator } from '../api/types';
import { useApp } from '../app-context';
import { LineChart } from '../components/charts';
import { Dismiss } from '../components/icons';
import { ErrorBox } from '../components/problem';
import { OverdueFlag, StatusLabel } from '../components/status';
import { useCardStyles } from '../components/view';
import { findAction, isOverdue, usePlanIndicators } from '../data/plan';
import { useResource } from '../data/resource';
import { label, useI18n } from '../i18n/i18n';
import { FocusGroupOrigin } from './focus-group-origin';
import { IndicatorEditor } from './indicator-editor';
import { PeriodHistory } from '../components/period-history';
import { media } from '../components/responsive';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalL },
  path: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(8rem, max-content) 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '& dt': { color: tokens.colorNeutralForeground2 },
    '& dd': { margin: 0, whiteSpace: 'pre-wrap' },
    // On a phone each name goes above its value.
    [media.narrow]: { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: 0, '& dd': { marginBottom: tokens.spacingVerticalS } },
  },
  // On a phone the drawer takes the whole width.
  drawer: { [media.narrow]: { width: '100vw', maxWidth: '100vw' } },
  h3: { margin: `0 0 ${tokens.spacingVerticalS}`, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  h4: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  indicator: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingVerticalS, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  numbers: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, margin: 0, fontSize: tokens.fontSizeBase200, '& dt': { color: tokens.colorNeutralForeground2 }, '& dd': { margin: 0, fontWeight: tokens.fontWeightSemibold } },
  timeline: { listStyle: 'none', margin: 0, padding: 0, borderLeft: `2px solid ${tokens.colorNeutralStroke2}`, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  update: { paddingInlineStart: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: '2px' },
  when: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  tags: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, listStyle: 'none', margin: 0, padding: 0, '& li': { padding: '0 6px', borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground3 } },
});

function IndicatorBlock({ indicator }: { indicator: PlanIndicator }) {
  const { api } = useApp();
  const i18n = useI18n();
  const styles = useStyles();
  const measurements = useResource<Measurement[]>(`measurements:${indicator.id}`, () => api.get(`/api/v1/indicators/${indicator.id}/measurements`));
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const show = (v: number | null) => (v === null ? i18n.t('detail.none') : `${i18n.number(v)}${unit}`);
  return (
    <li className={styles.indicator}>
      <h4 className={styles.h4}>
        {indicator.name} <span style={{ fontWeight: 'normal' }}>({label(i18n, 'indicatorKind', indicator.kind)})</span>
      </h4>
      <dl className={styles.numbers}>
        <div>
          <dt>{i18n.t('detail.baseline')}</dt>
          <dd>{show(indicator.baseline)}</dd>
        </div>
        <div>
          <dt>{i18n.t('detail.target')}</dt>
          <dd>{show(indicator.target)}</dd>
        </div>
        <div>
          <dt>{i18n.t('detail.latest')}</dt>
          <dd>
            {show(indicator.latestValue)}
            {indicator.latestOn ? ` (${i18n.date(indicator.latestOn)})` : ''}
          </dd>
        </div>
      </dl>
      {measurements.data ? (
        <LineChart name={indicator.name} unit={indicator.unit} measurements={measurements.data} baseline={indicator.baseline} target={indicator.target} />
      ) : measurements.error ? (
        <ErrorBox error={measurements.error} />
      ) : (
        <Spinner size="tiny" label={i18n.t('app.loading')} />
      )}
    </li>
  );
}

function UpdateItem({ update }: { update: ActionUpdate }) {
  const i18n = useI18n();
  const styles = useStyles();
  const status = (s: string | null) => (s ? label(i18n, 'status', s) : i18n.t('detail.none'));
  const date = (d: string | null) => (d ? i18n.date(d) : i18n.t('detail.none'));
  return (
    <li className={styles.update}>
      <span className={styles.when}>{i18n.t('detail.by', { name: update.authorName, date: i18n.dateTime(update.createdAt) })}</span>
      {update.statusTo ? <span>{i18n.t('detail.statusChange', { from: status(update.statusFrom), to: status(update.statusTo) })}</span> : null}
      {update.dueTo !== null || update.dueFrom !== null ? <span>{i18n.t('detail.dueChange', { from: date(update.dueFrom), to: date(update.dueTo) })}</span> : null}
      {update.note ? <span>{update.note}</span> : null}
    </li>
  );
}

/** The action's drawer: where it sits in the plan, its details, its indicators and its progress. */
/** Its edit button shows where the server's answer for this action (`can`) leaves the caller a field to change. */
export function ActionDetail({ open, actionId, plan, onClose, onEdit }: { open: boolean; actionId: string; plan: Plan | undefined; onClose: () => void; onEdit: () => void }) {
  const { api } = useApp();
  const i18n = useI18n();
  const { t } = i18n;
  const styles = useStyles();
  const card = useCardStyles();
  const action = useResource<Action>(`action:${actionId}`, () => api.get(`/api/v1/actions/${actionId}`));
  const updates = useResource<ActionUpdate[]>(`updates:${actionId}`, () => api.get(`/api/v1/actions/${actionId}/updates`));
  const place = plan ? findAction(plan, actionId) : null;
  // Indicators are not in the plan: the drawer reads its domain's (what the board holds already).
  const domainIndicators = usePlanIndicators(api, plan?.trajectory.id ?? '', place?.domain.id, Boolean(plan && place));
  const indicators = domainIndicators.data?.get(actionId) ?? [];
  const a = action.data?.id === actionId ? action.data : undefined;
  const owner = a?.ownerId ? (plan?.people.find((p) => p.id === a.ownerId)?.displayName ?? '') : '';
  const none = t('detail.none');
  const ready = Boolean(a && updates.data);
  const mayEdit = Boolean(a?.can?.fields.length);

  return (
    <OverlayDrawer className={styles.drawer} open={open} position="end" size="medium" onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button appearance="subtle" aria-label={t('detail.close')} icon={<Dismiss />} onClick={onClose} />}>
          {a?.title ?? place?.action.title ?? t('detail.loading')}
        </DrawerHeaderTitle>
      </DrawerHeader>
      {/* The body scrolls; focusable so that keyboard users can scroll it too. */}
      <DrawerBody tabIndex={0} role="region" aria-label={t('detail.facts')}>
        <div className={styles.body} data-view="action-detail" data-ready={ready ? 'true' : 'false'}>
          {action.error ? <ErrorBox error={action.error} onRetry={() => void action.reload()} /> : null}
          {!a && !action.error ? <Spinner label={t('detail.loading')} /> : null}
          {place ? (
            <p className={styles.path}>
              <span className={card.srOnly}>{t('detail.path')}: </span>
              {place.domain.name} › {place.strategic.title} › {place.operational.title}
            </p>
          ) : null}
          {plan ? <FocusGroupOrigin trajectoryId={plan.trajectory.id} actionId={actionId} className={styles.path} /> : null}
          {a ? (
            <section aria-labelledby="detail-facts">
              <h3 id="detail-facts" className={styles.h3}>
                {t('detail.facts')}
              </h3>
              <dl className={styles.facts}>
                <dt>{t('form.status')}</dt>
                <dd>
                  <StatusLabel status={a.status} /> {plan && isOverdue(a, plan.today) ? <OverdueFlag /> : null}
                </dd>
                <dt>{t('form.owner')}</dt>
                <dd>{owner || t('board.noOwner')}</dd>
                <dt>{t('form.startDate')}</dt>
                <dd>{a.startDate ? i18n.date(a.startDate) : none}</dd>
                <dt>{t('form.dueDate')}</dt>
                <dd>{a.dueDate ? i18n.date(a.dueDate) : none}</dd>
                <dt>{t('form.description')}</dt>
                <dd>{a.description || none}</dd>
                <dt>{t('form.means')}</dt>
                <dd>{a.means || none}</dd>
                <dt>{t('form.budget')}</dt>
                <dd>{a.budget === null ? none : new Intl.NumberFormat(i18n.locale, { style: 'currency', currency: 'EUR' }).format(a.budget)}</dd>
                <dt>{t('form.partners')}</dt>
                <dd>{a.partners.length ? i18n.list(a.partners) : none}</dd>
                <dt>{t('form.intendedResult')}</dt>
                <dd>{a.intendedResult || none}</dd>
                <dt>{t('form.expectedResult')}</dt>
                <dd>{a.expectedResult || none}</dd>
                <dt>{t('form.evaluationMethod')}</dt>
                <dd>{a.evaluationMethod || none}</dd>
                {a.adjustment ? (
                  <>
                    <dt>{t('adjustment.label')}</dt>
                    <dd>
                      {t(`adjustment.${a.adjustment}`)}
                      {a.adjustmentReason ? `: ${a.adjustmentReason}` : ''}
                    </dd>
                  </>
                ) : null}
                <dt>{t('form.sevenB')}</dt>
                <dd>
                  {a.sevenB.length ? (
                    <ul className={styles.tags}>
                      {a.sevenB.map((b) => (
                        <li key={b}>{label(i18n, 'sevenB', b)}</li>
                      ))}
                    </ul>
                  ) : (
                    none
                  )}
                </dd>
              </dl>
            </section>
          ) : null}
          <section aria-labelledby="detail-indicators">
            <h3 id="detail-indicators" className={styles.h3}>
              {t('detail.indicators')}
            </h3>
            {domainIndicators.error ? <ErrorBox error={domainIndicators.error} onRetry={() => void domainIndicators.reload()} /> : null}
            {indicators.length ? (
              <ul className={card.list}>
                {indicators.map((i) => (
                  <IndicatorBlock key={i.id} indicator={i} />
                ))}
              </ul>
            ) : (
              <p className={card.muted}>{t('detail.noIndicators')}</p>
            )}
          </section>
          <IndicatorEditor actionId={actionId} trajectoryId={plan?.trajectory.id} />
          <PeriodHistory actionId={actionId} headingClass={styles.h3} />
          <section aria-labelledby="detail-timeline">
            <h3 id="detail-timeline" className={styles.h3}>
              {t('detail.timeline')}
            </h3>
            {updates.data?.length ? (
              <ol className={styles.timeline}>
                {updates.data.map((u) => (
                  <UpdateItem key={u.id} update={u} />
                ))}
              </ol>
            ) : updates.data ? (
              <p className={card.muted}>{t('detail.noUpdates')}</p>
            ) : null}
          </section>
        </div>
      </DrawerBody>
      <DrawerFooter>
        {mayEdit ? (
          <Button appearance="primary" onClick={onEdit} disabled={!a}>
            {t('detail.edit')}
          </Button>
        ) : null}
        <Button onClick={onClose}>{t('detail.close')}</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
