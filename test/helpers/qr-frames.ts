/**
 * Camera frames of a QR code for Chromium's fake camera (`--use-file-for-fake-video-capture=F.y4m`): the QR of a
 * text rendered with the `qrcode` package into a 640×480 grayscale frame, plus the harder conditions of a citizen
 * holding a phone up to a webcam — tilted, rotated, blurred, under glare, with sensor noise, light-on-dark.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

export const FRAME_WIDTH = 640;
export const FRAME_HEIGHT = 480;

export const FRAME_VARIANTS = ['clean', 'tilted', 'rotated', 'blur', 'glare', 'noise', 'inverted'] as const;
export type FrameVariant = (typeof FRAME_VARIANTS)[number];

/** A grayscale (luma) frame, one byte per pixel, row-major. */
export type LumaFrame = Uint8Array;

const DARK = 35;
const LIGHT = 215;
const ROOM = 95; // what surrounds the phone screen
const QUIET_MODULES = 4;

interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** A 3×3 projective transform, row-major. */
type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** Maps the unit square (0,0),(1,0),(1,1),(0,1) to the quad `q` (Heckbert's square-to-quad). */
function squareToQuad(q: readonly (readonly [number, number])[]): Homography {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [[number, number], [number, number], [number, number], [number, number]];
  const dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / det;
  const h = (dx1 * sy - sx * dy1) / det;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: Homography): Homography {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

/** Where the QR (quiet zone included) lands in the frame, as a quad of corners clockwise from top-left. */
function placement(variant: FrameVariant): [number, number][] {
  const side = 400;
  const cx = FRAME_WIDTH / 2, cy = FRAME_HEIGHT / 2;
  if (variant === 'rotated') {
    // A phone held upside down and askew: 150° in the image plane, a little smaller (further from the camera).
    const angle = (150 * Math.PI) / 180, h = 0.42 * side;
    const corners: [number, number][] = [[-h, -h], [h, -h], [h, h], [-h, h]];
    return corners.map(([x, y]) => [cx + x * Math.cos(angle) - y * Math.sin(angle), cy + x * Math.sin(angle) + y * Math.cos(angle)]);
  }
  if (variant !== 'tilted') {
    const h = side / 2;
    return [[cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h]];
  }
  // A phone turned 17° and tipped back: the far edge is shorter, so the square becomes a rotated trapezoid.
  const angle = (17 * Math.PI) / 180;
  const top = 0.38 * side, bottom = 0.5 * side, half = 0.46 * side;
  const corners: [number, number][] = [[-top, -half], [top, -half], [bottom, half], [-bottom, half]];
  return corners.map(([x, y]) => [cx + x * Math.cos(angle) - y * Math.sin(angle), cy + x * Math.sin(angle) + y * Math.cos(angle)]);
}

/** Deterministic noise so a failing run can be reproduced. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Renders one frame of `text` as a QR under `variant`. `seed` varies the sensor noise from frame to frame. */
export function renderQrFrame(text: string, variant: FrameVariant, seed = 1): LumaFrame {
  const qr = qrMatrix(text);
  const total = qr.size + 2 * QUIET_MODULES;
  const toQr = invert3(squareToQuad(placement(variant)));
  const [dark, light] = variant === 'inverted' ? [LIGHT, DARK - 15] : [DARK, LIGHT];
  const frame = new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT);
  const SUB = 2; // 2×2 supersampling: module edges fall between pixels as they do through a lens
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      let sum = 0;
      for (let sy = 0; sy < SUB; sy++) {
        for (let sx = 0; sx < SUB; sx++) {
          const px = x + (sx + 0.5) / SUB, py = y + (sy + 0.5) / SUB;
          const w = toQr[6] * px + toQr[7] * py + toQr[8];
          const u = (toQr[0] * px + toQr[1] * py + toQr[2]) / w;
          const v = (toQr[3] * px + toQr[4] * py + toQr[5]) / w;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) {
            sum += ROOM;
            continue;
          }
          const col = Math.floor(u * total) - QUIET_MODULES, row = Math.floor(v * total) - QUIET_MODULES;
          const inCode = row >= 0 && col >= 0 && row < qr.size && col < qr.size;
          sum += inCode && qr.dark(row, col) ? dark : light;
        }
      }
      frame[y * FRAME_WIDTH + x] = sum / (SUB * SUB);
    }
  }
  if (variant === 'blur') return boxBlur(boxBlur(frame, 2), 2);
  if (variant === 'glare') return addGlare(frame);
  if (variant === 'noise') return addNoise(frame, 28, seed);
  return frame;
}

function boxBlur(src: LumaFrame, radius: number): LumaFrame {
  const tmp = new Uint8Array(src.length);
  const out = new Uint8Array(src.length);
  const W = FRAME_WIDTH, H = FRAME_HEIGHT, n = 2 * radius + 1;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += src[y * W + Math.min(W - 1, Math.max(0, x + k))]!;
      tmp[y * W + x] = sum / n;
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) sum += tmp[Math.min(H - 1, Math.max(0, y + k)) * W + x]!;
      out[y * W + x] = sum / n;
    }
  }
  return out;
}

/** A ceiling light reflected on the phone screen: a bright blob that washes out part of the code. */
function addGlare(src: LumaFrame): LumaFrame {
  const out = new Uint8Array(src.length);
  const gx = FRAME_WIDTH * 0.58, gy = FRAME_HEIGHT * 0.4, sigma = 85;
  for (let y = 0; y < FRAME_HEIGHT; y++) {
    for (let x = 0; x < FRAME_WIDTH; x++) {
      const d2 = (x - gx) ** 2 + (y - gy) ** 2;
      const glare = Math.exp(-d2 / (2 * sigma * sigma));
      // Glare adds light and flattens contrast towards white, as a reflection does.
      const value = src[y * FRAME_WIDTH + x]! * (1 - 0.7 * glare) + 255 * 0.75 * glare;
      out[y * FRAME_WIDTH + x] = Math.min(255, value);
    }
  }
  return out;
}

function addNoise(src: LumaFrame, sigma: number, seed: number): LumaFrame {
  const random = mulberry32(seed);
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) {
    // Box–Muller gaussian
    const g = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    out[i] = Math.max(0, Math.min(255, src[i]! + g * sigma));
  }
  return out;
}

/** The Y4M bytes of `frames` (grayscale: U and V planes are 128). */
export function y4mOf(frames: readonly LumaFrame[]): Buffer {
  const header = Buffer.from(`YUV4MPEG2 W${FRAME_WIDTH} H${FRAME_HEIGHT} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const chroma = Buffer.alloc((FRAME_WIDTH / 2) * (FRAME_HEIGHT / 2) * 2, 128);
  const parts: Buffer[] = [header];
  for (const frame of frames) parts.push(Buffer.from('FRAME\n', 'ascii'), Buffer.from(frame), chroma);
  return Buffer.concat(parts);
}

/** Writes a Y4M video of `text` under `variant` (`frameCount` frames, 10 fps; Chromium loops it). */
export function writeQrY4m(path: string, text: string, variant: FrameVariant, frameCount = 5): void {
  const frames = Array.from({ length: frameCount }, (_, i) => (variant === 'noise' || i === 0 ? renderQrFrame(text, variant, i + 1) : null));
  const first = frames[0]!;
  writeFileSync(path, y4mOf(frames.map((f) => f ?? first)));
}

/** Writes a grey frame with no code in it (a camera looking at the room). */
export function writeBlankY4m(path: string, frameCount = 2): void {
  writeFileSync(path, y4mOf(Array.from({ length: frameCount }, () => new Uint8Array(FRAME_WIDTH * FRAME_HEIGHT).fill(ROOM))));
}

/** A grayscale PNG of a frame, to look at a variant (or show the frames in docs). */
export function pngOf(frame: LumaFrame, width = FRAME_WIDTH, height = FRAME_HEIGHT): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) rows.set(frame.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
