// Draws the extension's icon, media/icon.png (128×128 RGBA): a clock face on a rounded dark square, with
// the hands at ten past ten and a green arc for "time tracked". Written as a PNG with node:zlib, no image
// library. 4×4 supersampling gives smooth edges. Run: node apps/vscode/scripts/make-icon.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
type Rgba = [number, number, number, number];

const BACKGROUND: Rgba = [24, 32, 48, 255];
const FACE: Rgba = [236, 240, 245, 255];
const ARC: Rgba = [46, 204, 113, 255];
const HANDS: Rgba = [24, 32, 48, 255];

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** The colour at a point (in pixel units), painter's order: last match wins. */
function colourAt(x: number, y: number): Rgba | null {
  const c = SIZE / 2;
  // Rounded square, corner radius 24.
  const r = 24;
  const qx = Math.max(Math.abs(x - c) - (c - r), 0);
  const qy = Math.max(Math.abs(y - c) - (c - r), 0);
  if (Math.hypot(qx, qy) > r) return null;
  let colour: Rgba = BACKGROUND;
  const distance = Math.hypot(x - c, y - c);
  // Angle clockwise from 12 o'clock, 0..1.
  const turn = (Math.atan2(x - c, -(y - c)) / (2 * Math.PI) + 1) % 1;
  if (distance <= 50 && distance >= 42 && turn <= 0.7) colour = ARC;
  if (distance < 38) colour = FACE;
  const minute = { x: c, y: c - 30 };
  const hour = { x: c + 20 * Math.cos(-Math.PI / 6), y: c + 20 * Math.sin(-Math.PI / 6) };
  if (
    distance < 38 &&
    (segmentDistance(x, y, c, c, minute.x, minute.y) < 3.2 || segmentDistance(x, y, c, c, hour.x, hour.y) < 4)
  ) {
    colour = HANDS;
  }
  if (distance < 5) colour = ARC;
  return colour;
}

function render(): Buffer {
  const rows: Buffer[] = [];
  for (let py = 0; py < SIZE; py += 1) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0 (none) + RGBA pixels
    for (let px = 0; px < SIZE; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          // Premultiplied, so transparent samples do not darken edges.
          for (let i = 0; i < 3; i += 1) sum[i]! += colour[i]! * colour[3];
          sum[3]! += colour[3];
        }
      }
      const alpha = sum[3]! / (SAMPLES * SAMPLES);
      for (let i = 0; i < 3; i += 1) row[1 + px * 4 + i] = alpha === 0 ? 0 : Math.round(sum[i]! / sum[3]!);
      row[1 + px * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.main) {
  const path = join(import.meta.dirname, '..', 'media', 'icon.png');
  writeFileSync(path, iconPng());
  process.stdout.write(`wrote ${path}\n`);
}
