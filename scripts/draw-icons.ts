/**
 * Draws the Kansrijk icons: a sprout rising in front of a rising sun. The shapes are SVG, rendered
 * to PNG by resvg (@resvg/resvg-js), which is deterministic: running it again reproduces the
 * committed PNGs byte for byte.
 *
 *   npm run icons   (writes appPackage/color.png and appPackage/outline.png)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** The manifest's accentColor; the colour icon's background. */
export const ACCENT = '#1E6B52';

const sprout = '#144D3B';
const sun = '#FFC845';
const hill = '#9BDB9F';

// Three decimals: enough for sub-pixel shapes, and the SVG text (so the PNG) never depends on float noise.
const n = (value: number): string => String(Math.round(value * 1000) / 1000);

/** A stroke with round caps from (x1,y1) to (x2,y2). */
const capsule = (x1: number, y1: number, x2: number, y2: number, width: number): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke-width="${n(width)}" stroke-linecap="round"/>`;

/**
 * A leaf: the lens between two equal arcs through its base and its tip. `fullness` is the leaf's
 * half-width as a fraction of its length.
 */
function leaf(baseX: number, baseY: number, tipX: number, tipY: number, fullness: number): string {
  const half = Math.hypot(tipX - baseX, tipY - baseY) / 2;
  const bulge = fullness * 2 * half;
  // The radius of a circle through both ends whose arc stands `bulge` off the chord.
  const r = n((half * half + bulge * bulge) / (2 * bulge));
  const arc = (x: number, y: number) => `A${r} ${r} 0 0 1 ${n(x)} ${n(y)}`;
  return `<path d="M${n(baseX)} ${n(baseY)} ${arc(tipX, tipY)} ${arc(baseX, baseY)}Z"/>`;
}

const svg = (size: number, body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${body}</svg>`;

/** 192×192 full-colour icon, as SVG. */
export function colorIconSvg(): string {
  const cx = 96;
  const sunY = 128;
  const rays = Array.from({ length: 7 }, (_, i) => {
    const angle = Math.PI + (Math.PI * (i + 1)) / 8; // spread over the upper half
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    return capsule(cx + cos * 68, sunY + sin * 68, cx + cos * 84, sunY + sin * 84, 9);
  });
  return svg(
    192,
    `<rect width="192" height="192" fill="${ACCENT}"/>` +
      `<g fill="${sun}" stroke="${sun}"><circle cx="${cx}" cy="${sunY}" r="58" stroke="none"/>${rays.join('')}</g>` +
      `<circle cx="${cx}" cy="300" r="170" fill="${hill}"/>` +
      `<g fill="${sprout}" stroke="${sprout}">${capsule(cx, 158, cx, 112, 8)}` +
      `<g stroke="none">${leaf(cx - 2, 124, 60, 98, 0.28)}${leaf(cx + 2, 114, 134, 84, 0.28)}</g></g>`,
  );
}

/** 32×32 outline icon: white on transparent, as Teams requires. As SVG. */
export function outlineIconSvg(): string {
  const stem = (width: number) => capsule(16, 27, 16, 15, width);
  const leaves = (fullness: number) => leaf(15.5, 20, 7.5, 13.5, fullness) + leaf(16.5, 16.5, 24.5, 9.5, fullness);
  // The upper half of a ring around the sprout's foot: the rising sun, thin.
  const sunArc = '<path d="M3 27A13 13 0 0 1 29 27L27 27A11 11 0 0 0 5 27Z"/>';
  return svg(
    32,
    // The sun is cut open around the sprout so that the two do not merge into a blob.
    '<mask id="clearance" maskUnits="userSpaceOnUse" x="0" y="0" width="32" height="32">' +
      `<rect width="32" height="32" fill="#fff"/><g fill="#000" stroke="#000">${stem(6)}<g stroke="none">${leaves(0.55)}</g></g></mask>` +
      `<g fill="#fff" stroke="#fff">${capsule(4, 27, 28, 27, 2.2)}` +
      `<g stroke="none" mask="url(#clearance)">${sunArc}</g>` +
      `${stem(2.4)}<g stroke="none">${leaves(0.25)}</g></g>`,
  );
}

/** Renders an icon's SVG to PNG at its own size. No text in the icons, so no system fonts either. */
export function renderPng(source: string): Buffer {
  return new Resvg(source, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
}

export const drawColorIcon = (): Buffer => renderPng(colorIconSvg());
export const drawOutlineIcon = (): Buffer => renderPng(outlineIconSvg());

export function writeIcons(appPackageDir: string): void {
  writeFileSync(join(appPackageDir, 'color.png'), drawColorIcon());
  writeFileSync(join(appPackageDir, 'outline.png'), drawOutlineIcon());
}

if (require.main === module) {
  const dir = join(__dirname, '..', '..', 'appPackage');
  writeIcons(dir);
  console.log(`icons written to ${dir}`);
}
