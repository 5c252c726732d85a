import type { RgbaImage } from './png';

/** A shape is a predicate on a point in pixel coordinates (0,0 = top-left corner of the canvas). */
export type Shape = (x: number, y: number) => boolean;
export type Rgba = readonly [number, number, number, number];

export interface Layer {
  color: Rgba;
  shape: Shape;
}

export const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A stroke with round caps from (x1,y1) to (x2,y2). */
export const capsule =
  (x1: number, y1: number, x2: number, y2: number, width: number): Shape =>
  (x, y) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
    return (x - (x1 + t * dx)) ** 2 + (y - (y1 + t * dy)) ** 2 <= (width / 2) ** 2;
  };

/**
 * A leaf: the lens between two arcs through its base and its tip. `fullness` is the
 * leaf's half-width as a fraction of its length.
 */
export function leaf(baseX: number, baseY: number, tipX: number, tipY: number, fullness: number): Shape {
  const length = Math.hypot(tipX - baseX, tipY - baseY);
  const halfWidth = fullness * length;
  const half = length / 2;
  // A circle through both ends whose arc bulges halfWidth beyond the chord.
  const radius = (half * half + halfWidth * halfWidth) / (2 * halfWidth);
  const offset = radius - halfWidth;
  const mx = (baseX + tipX) / 2;
  const my = (baseY + tipY) / 2;
  const nx = -(tipY - baseY) / length;
  const ny = (tipX - baseX) / length;
  const a = disc(mx + nx * offset, my + ny * offset, radius);
  const b = disc(mx - nx * offset, my - ny * offset, radius);
  return (x, y) => a(x, y) && b(x, y);
}

export const below =
  (horizonY: number): Shape =>
  (_x, y) =>
    y >= horizonY;

export const intersect =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.every((s) => s(x, y));

export const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

export const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

/**
 * Paints opaque layers in order on a background, with `samples`² supersampling for smooth
 * edges. Colour is averaged premultiplied, so a white shape on transparency stays pure white
 * and only its alpha is anti-aliased.
 */
export function render(size: number, background: Rgba, layers: readonly Layer[], samples = 4): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let color = background;
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          r += color[0] * color[3];
          g += color[1] * color[3];
          b += color[2] * color[3];
          a += color[3];
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        pixels[at] = Math.round(r / a);
        pixels[at + 1] = Math.round(g / a);
        pixels[at + 2] = Math.round(b / a);
        pixels[at + 3] = Math.round(a / (samples * samples));
      }
    }
  }
  return { width: size, height: size, pixels };
}
