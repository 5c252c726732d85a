import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { actionStatuses, type ActionStatus, type Measurement } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { StackedCell, StackedTable } from './responsive-table';
import { statusColors } from './status';

const useStyles = makeStyles({
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'grid', gridTemplateColumns: 'minmax(8rem, 14rem) 1fr 2.5rem', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { fontSize: tokens.fontSizeBase300, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  total: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground2 },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, listStyle: 'none', margin: 0, padding: 0 },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200 },
  swatch: { width: '12px', height: '12px', borderRadius: '2px', border: `1px solid ${tokens.colorNeutralStroke1}` },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, marginTop: tokens.spacingVerticalS, '& th, & td': { padding: '2px 8px', textAlign: 'end', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` }, '& th:first-child': { textAlign: 'start' } },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  svgText: { fill: tokens.colorNeutralForeground2, fontSize: '10px' },
  line: { stroke: tokens.colorBrandForeground1, strokeWidth: 2, fill: 'none' },
  point: { fill: tokens.colorBrandForeground1 },
  target: { stroke: tokens.colorPaletteGreenForeground1, strokeDasharray: '4 3', strokeWidth: 1.5 },
  baseline: { stroke: tokens.colorNeutralForeground3, strokeDasharray: '2 3', strokeWidth: 1.5 },
  axis: { stroke: tokens.colorNeutralStroke1, strokeWidth: 1 },
});

export interface StatusChartRow {
  id: string;
  label: string;
  counts: Record<ActionStatus, number>;
  total: number;
}

/** Stacked bars, one per domain, on one scale so that domains can be compared. */
export function StatusChart({ rows }: { rows: StatusChartRow[] }) {
  const i18n = useI18n();
  const styles = useStyles();
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <figure className={styles.figure}>
      <div role="img" aria-label={i18n.t('overview.chartLabel')}>
        {rows.map((row) => {
          let x = 0;
          return (
            <div key={row.id} className={styles.row} aria-hidden="true">
              <span className={styles.label} title={row.label}>
                {row.label}
              </span>
              <svg width="100%" height="18" preserveAspectRatio="none">
                {actionStatuses.map((status) => {
                  const width = (row.counts[status] / max) * 100;
                  const rect = width > 0 ? <rect key={status} x={`${x}%`} y="2" width={`${width}%`} height="14" fill={statusColors[status]} /> : null;
                  x += width;
                  return rect;
                })}
              </svg>
              <span className={styles.total}>{row.total}</span>
            </div>
          );
        })}
      </div>
      <ul className={styles.legend} aria-hidden="true">
        {actionStatuses.map((status) => (
          <li key={status} className={styles.legendItem}>
            <span className={styles.swatch} style={{ backgroundColor: statusColors[status] }} />
            {i18n.t(`status.${status}`)}
          </li>
        ))}
      </ul>
      <details>
        <summary className={styles.summary}>{i18n.t('overview.chartTable')}</summary>
        <StackedTable className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{i18n.t('plan.filterDomain')}</th>
              {actionStatuses.map((s) => (
                <th key={s} scope="col">
                  {i18n.t(`status.${s}`)}
                </th>
              ))}
              <th scope="col">{i18n.t('overview.total')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.label}</th>
                {actionStatuses.map((s) => (
                  <StackedCell key={s} label={i18n.t(`status.${s}`)}>
                    {row.counts[s]}
                  </StackedCell>
                ))}
                <StackedCell label={i18n.t('overview.total')}>{row.total}</StackedCell>
              </tr>
            ))}
          </tbody>
        </StackedTable>
      </details>
    </figure>
  );
}

const W = 480;
const H = 180;
const PAD = { left: 36, right: 12, top: 12, bottom: 22 };

/** Measurements over time, with the baseline and the target as dashed lines. */
export function LineChart({ name, unit, measurements, baseline, target }: { name: string; unit: string; measurements: Pick<Measurement, 'id' | 'measuredOn' | 'value' | 'note'>[]; baseline: number | null; target: number | null }) {
  const i18n = useI18n();
  const styles = useStyles();
  if (!measurements.length) return <p className={styles.svgText}>{i18n.t('detail.noChart')}</p>;
  const times = measurements.map((m) => Date.parse(`${m.measuredOn}T12:00:00Z`));
  const values = measurements.map((m) => m.value);
  const refs = [baseline, target].filter((v): v is number => v !== null);
  const lo = Math.min(0, ...values, ...refs);
  const hi = Math.max(...values, ...refs, lo + 1);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => PAD.left + (t1 === t0 ? (W - PAD.left - PAD.right) / 2 : ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
  const suffix = unit ? ` ${unit}` : '';
  const description = measurements.map((m) => `${i18n.date(m.measuredOn)}: ${i18n.number(m.value)}${suffix}`).join('; ');
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={i18n.t('detail.chartLabel', { name, points: description })}>
      <line className={styles.axis} x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
      <line className={styles.axis} x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
      <text className={styles.svgText} x={PAD.left - 4} y={y(hi) + 4} textAnchor="end">
        {i18n.number(hi)}
      </text>
      <text className={styles.svgText} x={PAD.left - 4} y={y(lo) + 4} textAnchor="end">
        {i18n.number(lo)}
      </text>
      {baseline !== null ? <line className={styles.baseline} x1={PAD.left} x2={W - PAD.right} y1={y(baseline)} y2={y(baseline)} /> : null}
      {target !== null ? (
        <>
          <line className={styles.target} x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} />
          <text className={styles.svgText} x={W - PAD.right} y={y(target) - 4} textAnchor="end">
            {i18n.t('detail.target')} {i18n.number(target)}
          </text>
        </>
      ) : null}
      <polyline className={styles.line} points={measurements.map((m, n) => `${x(times[n]!)},${y(m.value)}`).join(' ')} />
      {measurements.map((m, n) => (
        <circle key={m.id} className={styles.point} cx={x(times[n]!)} cy={y(m.value)} r={3.5} />
      ))}
      <text className={styles.svgText} x={PAD.left} y={H - 6}>
        {i18n.date(measurements[0]!.measuredOn)}
      </text>
      {measurements.length > 1 ? (
        <text className={styles.svgText} x={W - PAD.right} y={H - 6} textAnchor="end">
          {i18n.date(measurements.at(-1)!.measuredOn)}
        </text>
      ) : null}
    </svg>
  );
}

export interface ChartSeries {
  key: string;
  label: string;
  points: { x: number; y: number }[];
  /** The series the chart is about (the municipality): drawn thicker. */
  emphasis?: boolean;
}

const useSeriesStyles = makeStyles({
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, listStyle: 'none', margin: 0, padding: 0, fontSize: tokens.fontSizeBase200 },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  text: { fill: tokens.colorNeutralForeground2, fontSize: '12px' },
  s0: { stroke: tokens.colorBrandForeground1, fill: 'none', strokeWidth: 3 },
  s1: { stroke: tokens.colorPaletteDarkOrangeForeground1, fill: 'none', strokeWidth: 2, strokeDasharray: '7 4' },
  s2: { stroke: tokens.colorPaletteGreenForeground1, fill: 'none', strokeWidth: 2, strokeDasharray: '2 3' },
  s3: { stroke: tokens.colorNeutralForeground2, fill: 'none', strokeWidth: 2, strokeDasharray: '12 4 2 4' },
  p0: { fill: tokens.colorBrandForeground1 },
  p1: { fill: tokens.colorPaletteDarkOrangeForeground1 },
  p2: { fill: tokens.colorPaletteGreenForeground1 },
  p3: { fill: tokens.colorNeutralForeground2 },
});

const SH = 200;
const SPAD = { left: 44, right: 12, top: 12, bottom: 24 };

/**
 * Several lines over the same years, e.g. a municipality beside its arrondissement, province and
 * region. Each series has its own dash pattern as well as its own colour, so that the chart reads
 * without colour too; `label` must carry the values for screen readers (the svg is one image).
 */
export function SeriesChart({ label, series, formatY, zeroBased = true }: { label: string; series: ChartSeries[]; formatY: (value: number) => string; zeroBased?: boolean }) {
  const base = useStyles();
  const styles = useSeriesStyles();
  // Drawn at the width it gets, so that its labels keep their size on a phone and on a wide screen.
  const box = useRef<HTMLDivElement>(null);
  const [SW, setWidth] = useState(480);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(240, Math.round(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const lines = [styles.s0, styles.s1, styles.s2, styles.s3];
  const dots = [styles.p0, styles.p1, styles.p2, styles.p3];
  const all = series.flatMap((s) => s.points);
  if (!all.length) return null;
  const xs = [...new Set(all.map((p) => p.x))].sort((a, b) => a - b);
  const ys = all.map((p) => p.y);
  const rawLo = Math.min(...ys);
  const rawHi = Math.max(...ys);
  const span = rawHi - rawLo || Math.abs(rawHi) || 1;
  const lo = zeroBased ? Math.min(0, rawLo) : rawLo - span * 0.15;
  const hi = rawHi + span * 0.1;
  const x0 = xs[0]!;
  const x1 = xs.at(-1)!;
  const x = (v: number) => SPAD.left + (x1 === x0 ? (SW - SPAD.left - SPAD.right) / 2 : ((v - x0) / (x1 - x0)) * (SW - SPAD.left - SPAD.right));
  const y = (v: number) => SPAD.top + (1 - (v - lo) / (hi - lo)) * (SH - SPAD.top - SPAD.bottom);
  const anchor = (n: number) => (xs.length > 1 && n === 0 ? 'start' : xs.length > 1 && n === xs.length - 1 ? 'end' : 'middle');
  return (
    <figure className={base.figure}>
      <div ref={box}>
        <svg viewBox={`0 0 ${SW} ${SH}`} width="100%" role="img" aria-label={label}>
          <line className={base.axis} x1={SPAD.left} y1={SH - SPAD.bottom} x2={SW - SPAD.right} y2={SH - SPAD.bottom} />
          <line className={base.axis} x1={SPAD.left} y1={SPAD.top} x2={SPAD.left} y2={SH - SPAD.bottom} />
          <text className={styles.text} x={SPAD.left - 4} y={y(rawHi) + 4} textAnchor="end">
            {formatY(rawHi)}
          </text>
          <text className={styles.text} x={SPAD.left - 4} y={y(zeroBased ? lo : rawLo) + 4} textAnchor="end">
            {formatY(zeroBased ? lo : rawLo)}
          </text>
          {xs.map((v, n) => (
            <text key={v} className={styles.text} x={x(v)} y={SH - 6} textAnchor={anchor(n)}>
              {v}
            </text>
          ))}
          {series.map((s, n) => (
            <g key={s.key}>
              {s.points.length > 1 ? <polyline className={lines[n % lines.length]} style={s.emphasis ? { strokeWidth: 3.5 } : undefined} points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')} /> : null}
              {s.points.map((p) => (
                <circle key={p.x} className={dots[n % dots.length]} cx={x(p.x)} cy={y(p.y)} r={s.emphasis ? 4 : 3} />
              ))}
            </g>
          ))}
        </svg>
      </div>
      <ul className={styles.legend} aria-hidden="true">
        {series.map((s, n) => (
          <li key={s.key} className={styles.legendItem}>
            <svg width="28" height="10" aria-hidden="true">
              <line className={lines[n % lines.length]} x1="1" y1="5" x2="27" y2="5" />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
