/**
 * QR code of a token as a PNG data URL. The module matrix comes from `qrcode` (with the mask chosen by
 * qr-mask.ts, the same choice, faster); the PNG is written here as a 1-bit grayscale image with zlib, far
 * faster than qrcode's own renderer (its pure-JS RGBA encoder cost 5–30 ms per booking).
 */
import { crc32, deflateSync } from 'node:zlib';
import { createQrMatrix } from './qr-mask.js';

const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A 1-bit grayscale PNG of a QR matrix: each module becomes `scale`×`scale` pixels, with a `margin`-module
 * quiet zone. One pixel row is built per module row and copied `scale` times.
 */
function encodeQrPng(count: number, isDark: (row: number, col: number) => boolean, scale: number, margin: number): Buffer {
  const size = (count + 2 * margin) * scale;
  const rowBytes = Math.ceil(size / 8);
  const stride = rowBytes + 1; // each row starts with its filter type byte (0)
  const raw = Buffer.alloc(stride * size);
  const white = Buffer.alloc(rowBytes, 0xff); // 1 = white in 1-bit grayscale
  const line = Buffer.alloc(rowBytes);
  for (let moduleRow = -margin; moduleRow < count + margin; moduleRow += 1) {
    white.copy(line);
    if (moduleRow >= 0 && moduleRow < count) {
      for (let col = 0; col < count; col += 1) {
        if (!isDark(moduleRow, col)) continue;
        const x0 = (col + margin) * scale;
        for (let x = x0; x < x0 + scale; x += 1) line[x >> 3]! &= ~(0x80 >> (x & 7));
      }
    }
    const y0 = (moduleRow + margin) * scale;
    for (let y = y0; y < y0 + scale; y += 1) line.copy(raw, y * stride + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** PNG data URL of `text` as a QR code: error level M (a typical token is version 7), 4-module quiet zone, `scale` px per module. */
export function qrPngDataUrl(text: string, scale = 6, margin = 4): string {
  // A token is all QR-alphanumeric (upper-case base32, digits, "MC1."): one explicit segment spares
  // qrcode its shortest-path search for the best mix of modes, which was most of its cost.
  const segments = ALPHANUMERIC.test(text) ? [{ data: text, mode: 'alphanumeric' as const }] : text;
  const { size, modules } = createQrMatrix(segments);
  const png = encodeQrPng(size, (row, col) => modules[row * size + col] === 1, scale, margin);
  return `data:image/png;base64,${png.toString('base64')}`;
}
