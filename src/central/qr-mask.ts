/**
 * QR mask selection, fast. qrcode picks the mask by applying each of the 8 masks to its BitMatrix and
 * scoring penalties through per-module method calls — about 1 ms per token, the largest single cost of a
 * booking. Here the same procedure (ISO 18004 penalties N1–N4, format bits included, exactly as qrcode
 * scores them) runs on flat Uint8Arrays: qrcode builds the symbol once with mask 0, we undo that mask,
 * score all eight and return the winner's modules — the very matrix qrcode would have produced.
 */
import QRCode from 'qrcode';

type Segments = Parameters<typeof QRCode.create>[0];

/** Whether mask `pattern` flips the module at (row i, column j). */
function maskAt(pattern: number, i: number, j: number): boolean {
  switch (pattern) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

const G15 = 0b10100110111;
const G15_MASK = 0b101010000010010;
const bchDigit = (value: number) => (value === 0 ? 0 : 32 - Math.clz32(value));

/** 15 format bits for an error-correction level's indicator bits and a mask pattern. */
function formatBits(levelBits: number, pattern: number): number {
  const data = (levelBits << 3) | pattern;
  let d = data << 10;
  while (bchDigit(d) - bchDigit(G15) >= 0) d ^= G15 << (bchDigit(d) - bchDigit(G15));
  return ((data << 10) | d) ^ G15_MASK;
}

function writeFormatBits(modules: Uint8Array, size: number, bits: number): void {
  for (let i = 0; i < 15; i += 1) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    modules[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    modules[8 * size + col] = bit;
  }
  modules[(size - 8) * size + 8] = 1;
}

/** N1 + N2 + N3 + N4 as qrcode computes them. */
function penalty(m: Uint8Array, size: number): number {
  let n1 = 0;
  let n3 = 0;
  for (let a = 0; a < size; a += 1) {
    let lastRow = -1;
    let lastCol = -1;
    let runRow = 0;
    let runCol = 0;
    let bitsRow = 0;
    let bitsCol = 0;
    for (let b = 0; b < size; b += 1) {
      const inRow = m[a * size + b]!;
      const inCol = m[b * size + a]!;
      if (inRow === lastRow) runRow += 1;
      else {
        if (runRow >= 5) n1 += 3 + runRow - 5;
        lastRow = inRow;
        runRow = 1;
      }
      if (inCol === lastCol) runCol += 1;
      else {
        if (runCol >= 5) n1 += 3 + runCol - 5;
        lastCol = inCol;
        runCol = 1;
      }
      bitsRow = ((bitsRow << 1) & 0x7ff) | inRow;
      bitsCol = ((bitsCol << 1) & 0x7ff) | inCol;
      if (b >= 10) {
        if (bitsRow === 0x5d0 || bitsRow === 0x05d) n3 += 1;
        if (bitsCol === 0x5d0 || bitsCol === 0x05d) n3 += 1;
      }
    }
    if (runRow >= 5) n1 += 3 + runRow - 5;
    if (runCol >= 5) n1 += 3 + runCol - 5;
  }
  let n2 = 0;
  for (let row = 0; row < size - 1; row += 1) {
    for (let col = 0; col < size - 1; col += 1) {
      const at = row * size + col;
      const sum = m[at]! + m[at + 1]! + m[at + size]! + m[at + size + 1]!;
      if (sum === 4 || sum === 0) n2 += 1;
    }
  }
  let dark = 0;
  for (let i = 0; i < m.length; i += 1) dark += m[i]!;
  const n4 = Math.abs(Math.ceil((dark * 100) / m.length / 5) - 10);
  return n1 + n2 * 3 + n3 * 40 + n4 * 10;
}

/** Per symbol size (the reserved areas depend only on the version): each mask as a 0/1 layer over data modules. */
const maskLayerCache = new Map<number, Uint8Array[]>();
function maskLayers(size: number, reservedBit: Uint8Array): Uint8Array[] {
  const cached = maskLayerCache.get(size);
  if (cached) return cached;
  const layers = Array.from({ length: 8 }, (_, pattern) => {
    const layer = new Uint8Array(size * size);
    for (let row = 0; row < size; row += 1) {
      for (let col = 0; col < size; col += 1) layer[row * size + col] = !reservedBit[row * size + col] && maskAt(pattern, row, col) ? 1 : 0;
    }
    return layer;
  });
  maskLayerCache.set(size, layers);
  return layers;
}

export interface QrMatrix {
  size: number;
  /** Row-major, 1 = dark. */
  modules: Uint8Array;
  maskPattern: number;
}

/** The QR symbol of `segments` at error level M with the best mask, as qrcode would choose it. */
export function createQrMatrix(segments: Segments): QrMatrix {
  const symbol = QRCode.create(segments, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, data, reservedBit } = symbol.modules as unknown as { size: number; data: Uint8Array; reservedBit: Uint8Array };
  const levelBits = (symbol.errorCorrectionLevel as unknown as { bit: number }).bit;
  const masks = maskLayers(size, reservedBit);
  const unmasked = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += 1) unmasked[i] = data[i]! ^ masks[0]![i]!;
  let best: QrMatrix | null = null;
  let bestPenalty = Infinity;
  for (let pattern = 0; pattern < 8; pattern += 1) {
    const layer = masks[pattern]!;
    const candidate = new Uint8Array(unmasked.length);
    for (let i = 0; i < candidate.length; i += 1) candidate[i] = unmasked[i]! ^ layer[i]!;
    writeFormatBits(candidate, size, formatBits(levelBits, pattern));
    const score = penalty(candidate, size);
    if (score < bestPenalty) {
      bestPenalty = score;
      best = { size, modules: candidate, maskPattern: pattern };
    }
  }
  return best!;
}
