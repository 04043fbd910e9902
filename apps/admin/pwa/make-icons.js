// Draws the app's icons (public/icons/icon-192.png, icon-512.png) from the favicon's shapes: the blue square, the
// white K and the orange block. Full-bleed, with the mark inside the central 80 % so the icons also serve as
// "maskable". Run again only when the mark changes: `node apps/admin/pwa/make-icons.js` (uses pngjs, already a
// dependency of the workspace).
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { PNG } = require('pngjs');

const BLUE = [0x0b, 0x4a, 0x8b];
const WHITE = [0xff, 0xff, 0xff];
const ORANGE = [0xf2, 0x8c, 0x28];
/** the K of favicon.svg (32×32 units), as a polygon */
const K = [
  [8, 23],
  [8, 9],
  [11, 9],
  [11, 14.6],
  [16.4, 9],
  [20.1, 9],
  [14.1, 15.3],
  [20.5, 23],
  [16.7, 23],
  [12.1, 17.3],
  [11, 18.5],
  [11, 23],
];

function inside(x, y, polygon) {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function colourAt(u, v) {
  // the 32-unit mark, scaled to 80 % of the icon and centred
  const x = ((u - 0.1) / 0.8) * 32;
  const y = ((v - 0.1) / 0.8) * 32;
  if (inside(x, y, K)) return WHITE;
  if (x >= 21 && x <= 25 && y >= 20 && y <= 24) return ORANGE;
  return BLUE;
}

function icon(size) {
  const png = new PNG({ width: size, height: size, colorType: 2 });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          for (let k = 0; k < 3; k++) sum[k] += c[k];
        }
      const at = (py * size + px) * 4;
      for (let k = 0; k < 3; k++) png.data[at + k] = Math.round(sum[k] / (samples * samples));
      png.data[at + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}

const out = join(__dirname, '..', 'public', 'icons');
mkdirSync(out, { recursive: true });
for (const size of [192, 512]) writeFileSync(join(out, `icon-${size}.png`), icon(size));
