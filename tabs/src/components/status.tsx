import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ActionStatus, PlanIndicator } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { Clock } from './icons';

/** One colour per status, always next to the status' name: colour is never the only cue. */
export const statusColors: Record<ActionStatus, string> = {
  planned: tokens.colorNeutralStrokeAccessible,
  in_progress: tokens.colorBrandBackground,
  done: tokens.colorPaletteGreenBackground3,
  postponed: tokens.colorPaletteMarigoldBackground3,
  dropped: tokens.colorNeutralStroke1,
};

const useStyles = makeStyles({
  status: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, whiteSpace: 'nowrap' },
  dot: { width: '10px', height: '10px', borderRadius: '50%', flexShrink: 0, border: `1px solid ${tokens.colorNeutralStroke1}` },
  overdue: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  indicator: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: '8rem' },
  indicatorText: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },
  track: { height: '4px', borderRadius: '2px', backgroundColor: tokens.colorNeutralBackground5, overflow: 'hidden' },
  fill: { height: '100%', backgroundColor: tokens.colorBrandBackground },
});

export function StatusLabel({ status, className }: { status: ActionStatus; className?: string }) {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.status, className)}>
      <span className={styles.dot} style={{ backgroundColor: statusColors[status] }} aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}

export function OverdueFlag() {
  const { t } = useI18n();
  const styles = useStyles();
  return (
    <span className={styles.overdue}>
      <Clock size={14} />
      {t('plan.overdue')}
    </span>
  );
}

/** How far an indicator got from its baseline towards its target (0–1), or null if unknown. */
export function progressOf(i: Pick<PlanIndicator, 'baseline' | 'target' | 'latestValue'>): number | null {
  if (i.target === null || i.latestValue === null) return null;
  const from = i.baseline ?? 0;
  if (i.target === from) return i.latestValue >= i.target ? 1 : 0;
  return Math.max(0, Math.min(1, (i.latestValue - from) / (i.target - from)));
}

export function IndicatorProgress({ indicator }: { indicator: PlanIndicator }) {
  const i18n = useI18n();
  const styles = useStyles();
  const unit = indicator.unit ? ` ${indicator.unit}` : '';
  const value =
    indicator.latestValue === null
      ? i18n.t('indicator.noMeasurement')
      : indicator.target === null
        ? `${i18n.number(indicator.latestValue)}${unit} (${i18n.t('indicator.noTarget')})`
        : i18n.t(indicator.baseline !== null && indicator.target < indicator.baseline ? 'indicator.towards' : 'indicator.progress', {
            latest: i18n.number(indicator.latestValue),
            target: `${i18n.number(indicator.target)}${unit}`,
          });
  const progress = progressOf(indicator);
  return (
    <span className={styles.indicator}>
      <span className={styles.indicatorText}>{i18n.t('indicator.summary', { name: indicator.name, value })}</span>
      {progress !== null ? (
        <span className={styles.track} aria-hidden="true">
          <span className={styles.fill} style={{ width: `${Math.round(progress * 100)}%`, display: 'block' }} />
        </span>
      ) : null}
    </span>
  );
}
