/**
 * Draws the Kansrijk icons: a sprout rising in front of a rising sun. Deterministic, so running
 * it again reproduces the committed PNGs byte for byte.
 *
 *   npm run icons   (writes appPackage/color.png and appPackage/outline.png)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type RgbaImage } from './lib/png';
import { below, capsule, disc, intersect, leaf, minus, render, union, type Rgba } from './lib/raster';

/** The manifest's accentColor; the colour icon's background. */
export const ACCENT = '#1E6B52';

const deepGreen: Rgba = [0x1e, 0x6b, 0x52, 255];
const sprout: Rgba = [0x14, 0x4d, 0x3b, 255];
const sun: Rgba = [0xff, 0xc8, 0x45, 255];
const hill: Rgba = [0x9b, 0xdb, 0x9f, 255];
const white: Rgba = [255, 255, 255, 255];
const transparent: Rgba = [0, 0, 0, 0];

/** 192×192 full-colour icon. */
export function drawColorIcon(): RgbaImage {
  const size = 192;
  const cx = 96;
  const sunY = 128;
  const rays = Array.from({ length: 7 }, (_, i) => {
    const angle = Math.PI + (Math.PI * (i + 1)) / 8; // spread over the upper half
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    return capsule(cx + cos * 68, sunY + sin * 68, cx + cos * 84, sunY + sin * 84, 9);
  });
  const hillShape = disc(cx, 300, 170);
  return render(size, deepGreen, [
    { color: sun, shape: union(disc(cx, sunY, 58), ...rays) },
    { color: hill, shape: hillShape },
    {
      color: sprout,
      shape: union(
        capsule(cx, 158, cx, 112, 8),
        leaf(cx - 2, 124, 60, 98, 0.28),
        leaf(cx + 2, 114, 134, 84, 0.28),
      ),
    },
  ]);
}

/** 32×32 outline icon: white on transparent, as Teams requires. */
export function drawOutlineIcon(): RgbaImage {
  const size = 32;
  const ground = capsule(4, 27, 28, 27, 2.2);
  // A thin arc of the sun, cut open around the sprout so the two do not merge into a blob.
  const sunArc = intersect(minus(disc(16, 27, 13), disc(16, 27, 11)), minus(below(-1), below(27)));
  const plant = union(capsule(16, 27, 16, 15, 2.4), leaf(15.5, 20, 7.5, 13.5, 0.25), leaf(16.5, 16.5, 24.5, 9.5, 0.25));
  const clearance = union(
    capsule(16, 27, 16, 15, 6),
    leaf(15.5, 20, 7.5, 13.5, 0.55),
    leaf(16.5, 16.5, 24.5, 9.5, 0.55),
  );
  return render(size, transparent, [
    { color: white, shape: union(ground, minus(sunArc, clearance), plant) },
  ]);
}

export function writeIcons(appPackageDir: string): void {
  writeFileSync(join(appPackageDir, 'color.png'), encodePng(drawColorIcon()));
  writeFileSync(join(appPackageDir, 'outline.png'), encodePng(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = join(__dirname, '..', '..', 'appPackage');
  writeIcons(dir);
  console.log(`icons written to ${dir}`);
}
