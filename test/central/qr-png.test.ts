// The booking QR image decodes back to the exact token, at the size DESIGN.md expects.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { createQrMatrix } from '../../src/central/qr-mask.js';
import { qrPngDataUrl } from '../../src/central/qr-png.js';
import { encodeBase32 } from '../../src/shared/crockford.js';

const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmPath).buffer as ArrayBuffer } });

async function decode(dataUrl: string) {
  expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
  const png = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
  expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  return readBarcodes(new Uint8Array(png), { formats: ['QRCode'] });
}

describe('qrPngDataUrl', () => {
  it('encodes a typical MC1 token as a version-7, level-M QR that decodes to the token', async () => {
    // 40-byte payload + 64-byte signature → 167 base32 characters after "MC1.".
    const token = `MC1.${'0123456789ABCDEFGHJKMNPQRSTVWXYZ'.repeat(6).slice(0, 167)}`;
    const [result, ...rest] = await decode(qrPngDataUrl(token));
    expect(rest).toHaveLength(0);
    expect(result).toMatchObject({ text: token, version: '7', ecLevel: 'M', isValid: true });
  });

  it('still encodes text outside the alphanumeric set (byte mode)', async () => {
    const text = 'mc1.lower-case é';
    const [result] = await decode(qrPngDataUrl(text));
    expect(result?.text).toBe(text);
  });
});

describe('createQrMatrix', () => {
  it('returns exactly the symbol qrcode builds, mask choice included, for tokens of every length', () => {
    const masks = new Set<number>();
    for (let k = 0; k < 120; k += 1) {
      const token = `MC1.${encodeBase32(randomBytes(20 + (k % 100)))}`;
      const segments = [{ data: token, mode: 'alphanumeric' as const }];
      const mine = createQrMatrix(segments);
      const reference = QRCode.create(segments, { errorCorrectionLevel: 'M' });
      expect(mine.maskPattern).toBe(reference.maskPattern);
      expect(Buffer.from(mine.modules).equals(Buffer.from((reference.modules as unknown as { data: Uint8Array }).data))).toBe(true);
      masks.add(mine.maskPattern);
    }
    // The comparison covered several masks, not one lucky pattern.
    expect(masks.size).toBeGreaterThanOrEqual(4);
  });
});
