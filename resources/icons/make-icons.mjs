// Draws the MotCua icon (a white door on a blue rounded square: "một cửa", one door) as PNGs, no dependencies.
// Run from the repo root: node resources/icons/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const td = Buffer.concat([Buffer.from(type), data]); const c = Buffer.alloc(4); c.writeUInt32BE(crc(td)); return Buffer.concat([len, td, c]); };
function inside(x, y) { // unit coordinates 0..1
  const r = 0.19, inRect = (x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
  const cx = Math.min(Math.max(x, r + 0.04), 0.96 - r), cy = Math.min(Math.max(y, r + 0.04), 0.96 - r);
  const square = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  if (!square) return null;
  // Door: arch top centred at (0.5, 0.40) radius 0.17, body down to 0.80.
  const door = (inRect(0.33, 0.40, 0.67, 0.80) || (x - 0.5) ** 2 + (y - 0.40) ** 2 <= 0.17 ** 2);
  const knob = (x - 0.60) ** 2 + (y - 0.62) ** 2 <= 0.025 ** 2;
  const sill = inRect(0.25, 0.80, 0.75, 0.84);
  if (knob) return [11, 95, 165, 255];
  if (door || sill) return [255, 255, 255, 255];
  return [11, 95, 165, 255];
}
function png(size) {
  const ss = 4, rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      let acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) for (let sx = 0; sx < ss; sx++) {
        const p = inside((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
        if (p) { acc[0] += p[0] * p[3] / 255; acc[1] += p[1] * p[3] / 255; acc[2] += p[2] * p[3] / 255; acc[3] += p[3]; }
      }
      const a = acc[3] / (ss * ss);
      const o = 1 + x * 4;
      if (a > 0) { row[o] = Math.round(acc[0] * 255 / acc[3]); row[o + 1] = Math.round(acc[1] * 255 / acc[3]); row[o + 2] = Math.round(acc[2] * 255 / acc[3]); }
      row[o + 3] = Math.round(a);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(`resources/icons/${size}x${size}.png`, png(size));
