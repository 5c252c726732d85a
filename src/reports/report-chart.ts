import path from 'node:path';
import { readFileSync } from 'node:fs';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { DocumentFigure } from '../documents/document-model';
import type { ReportSnapshot } from './report-schemas';

/**
 * An indicator's chart: its measurements as a line, with the baseline and the target as dashed
 * lines. Drawn as SVG and rendered to PNG by resvg, so the .docx and the .pdf carry the very same
 * image. The font is the one the PDF embeds, loaded from file: no system fonts, the same pixels
 * on every machine.
 */
const FONT_FILES = [path.join(__dirname, '../documents/fonts/DejaVuSans.ttf'), path.join(__dirname, '../documents/fonts/DejaVuSans-Bold.ttf')];

/*
 * resvg as WebAssembly, not its native add-on: the deploy package carries no native code (it is
 * built on one machine and runs on App Service's), and the same module runs everywhere. The
 * module and the fonts are loaded once, on the first report.
 */
let ready: Promise<void> | undefined;
let fonts: Uint8Array[] | undefined;
export function chartsReady(): Promise<void> {
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))).then(() => {
    fonts = FONT_FILES.map((f) => new Uint8Array(readFileSync(f)));
  });
  return ready;
}
const WIDTH = 720;
const HEIGHT = 300;
const PAD = { left: 70, right: 24, top: 28, bottom: 46 };

type Indicator = ReportSnapshot['indicators'][number];

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

export function indicatorChartSvg(indicator: Indicator, locale: 'nl-BE' | 'en'): string {
  const points = indicator.measurements;
  const values = [...points.map((p) => p.value), ...(indicator.baseline !== null ? [indicator.baseline] : []), ...(indicator.target !== null ? [indicator.target] : [])];
  let min = Math.min(...values, 0);
  let max = Math.max(...values);
  if (max === min) max = min + 1;
  const span = max - min;
  min -= span * 0.05;
  max += span * 0.08;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - ((v - min) / (max - min)) * plotH;
  const times = points.map((p) => Date.parse(p.measuredOn));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const x = (t: number) => (t1 === t0 ? PAD.left + plotW / 2 : PAD.left + ((t - t0) / (t1 - t0)) * plotW);
  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  // Four grid lines with their values.
  for (let g = 0; g <= 4; g++) {
    const v = min + ((max - min) * g) / 4;
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d9d9d9" stroke-width="1"/>`);
    parts.push(`<text x="${PAD.left - 8}" y="${(y(v) + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="#4d4d4d">${escape(formatNumber(v, locale))}</text>`);
  }
  const reference = (value: number | null, colour: string, label: string) => {
    if (value === null) return;
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="${colour}" stroke-width="2" stroke-dasharray="8 5"/>`);
    parts.push(`<text x="${WIDTH - PAD.right - 4}" y="${(y(value) - 6).toFixed(1)}" font-size="12" text-anchor="end" fill="${colour}" font-weight="bold">${escape(label)} ${escape(formatNumber(value, locale))}</text>`);
  };
  reference(indicator.baseline, '#8a5a00', locale === 'en' ? 'Baseline' : 'Nulmeting');
  reference(indicator.target, '#1e6b52', locale === 'en' ? 'Target' : 'Streefwaarde');
  if (points.length > 0) {
    const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(times[i]!).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
    parts.push(`<path d="${line}" fill="none" stroke="#16365c" stroke-width="3"/>`);
    points.forEach((p, i) => parts.push(`<circle cx="${x(times[i]!).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="5" fill="#16365c"/>`));
    const first = points[0]!;
    const last = points.at(-1)!;
    parts.push(`<text x="${PAD.left}" y="${HEIGHT - 18}" font-size="12" fill="#4d4d4d">${escape(first.measuredOn)}</text>`);
    if (points.length > 1) parts.push(`<text x="${WIDTH - PAD.right}" y="${HEIGHT - 18}" font-size="12" text-anchor="end" fill="#4d4d4d">${escape(last.measuredOn)}</text>`);
  }
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#8c8c8c"/>`);
  parts.push(`<text x="${PAD.left}" y="18" font-size="13" font-weight="bold" fill="#1a1a1a">${escape(indicator.unit || (locale === 'en' ? 'value' : 'waarde'))}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="DejaVu Sans">${parts.join('')}</svg>`;
}

export function chartAlt(indicator: Indicator, locale: 'nl-BE' | 'en'): string {
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, locale));
  const series = indicator.measurements.map((m) => `${m.measuredOn}: ${n(m.value)}`).join('; ');
  return locale === 'en'
    ? `Line chart of ${indicator.name}: baseline ${n(indicator.baseline)}, target ${n(indicator.target)}; measurements ${series || 'none'}.`
    : `Lijngrafiek van ${indicator.name}: nulmeting ${n(indicator.baseline)}, streefwaarde ${n(indicator.target)}; metingen ${series || 'geen'}.`;
}

/** Call after `await chartsReady()`: the renderer and its fonts must be loaded. */
export function indicatorChart(indicator: Indicator, locale: 'nl-BE' | 'en'): DocumentFigure {
  if (!fonts) throw new Error('charts are not ready: await chartsReady() first');
  const svg = indicatorChartSvg(indicator, locale);
  const png = new Resvg(svg, { font: { loadSystemFonts: false, fontBuffers: fonts, defaultFontFamily: 'DejaVu Sans' }, fitTo: { mode: 'width', value: WIDTH } }).render().asPng();
  return { png: new Uint8Array(png), width: WIDTH, height: HEIGHT, alt: chartAlt(indicator, locale), caption: indicator.name };
}

/** Charts only where there is something to draw, and a bounded number of them (a 5,000-indicator plan). */
export const MAX_CHARTS = 12;
export function chartedIndicators(snapshot: ReportSnapshot): Indicator[] {
  return snapshot.indicators.filter((i) => i.measurements.length > 0).slice(0, MAX_CHARTS);
}
