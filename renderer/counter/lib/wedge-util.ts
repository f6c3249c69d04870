/**
 * Keyboard-wedge (handheld scanner) reads: a scanner "types" what it decodes as a fast burst of key presses
 * ending in Enter or Tab. This module finds those bursts in the page's key stream and tells a clean read from
 * one garbled by a non-US keyboard layout or a Vietnamese input method (Unikey/EVKey with Telex or VNI).
 * Pure (no DOM types): the page feeds it `KeyboardEvent.key`/`code`/`shiftKey` and a timestamp.
 */
import { TOKEN_PREFIX } from '../../../src/shared/token.js';
import { acceptScan, type ScanVerdict } from './scan-util.js';

export interface WedgeKey {
  /** `KeyboardEvent.key`: the character the OS produced, or a named key (Enter, Shift, Backspace…). */
  key: string;
  /** `KeyboardEvent.code`: the physical key, named after the US layout (KeyA, Digit1, Period…). */
  code?: string;
  shift?: boolean;
  /** Milliseconds (performance.now() or Date.now()). */
  at: number;
}

export interface WedgeBurst {
  /** The characters typed (Backspace applied, as an input method leaves the text). */
  text: string;
  keys: WedgeKey[];
}

export interface WedgeOptions {
  /** Longest pause between two keys of one burst. Scanners type a key every 1–10 ms, but a busy PC can stall one key for 100 ms or more (seen here: 119 ms). */
  maxGapMs: number;
  /** Longest average pause over the burst (one slow key is tolerated; a slow burst is not): 50 ms is 240 words a minute. */
  maxMeanGapMs: number;
  /** Shortest read that counts (a booking code has 8 characters). */
  minChars: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 250, maxMeanGapMs: 50, minChars: 8 };
/**
 * Once a burst has begun a token (`MC1.`), a stall this long still continues it, and a slow average is still a
 * scan: a desk PC under load delivers a scanner's keys late, and nobody types a 180-character token by hand
 * outside a field. The token's signature, not the typing speed, is what protects the check-in.
 */
const TOKEN_STALL_MS = 2000;
/** A burst longer than this is not a scan of ours; it is dropped rather than kept growing. */
const MAX_BURST_KEYS = 2000;

/** Keys that pass through a burst without ending it or adding a character (modifiers, IME bookkeeping). */
const PASS_THROUGH = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta']);
/** Keys an input method or a dead key produce while composing: a sure sign the read is being rewritten. */
const COMPOSING = new Set(['Backspace', 'Dead', 'Process', 'Unidentified', 'Compose']);

export interface WedgeDetector {
  /** Feed one keydown; returns a finished burst when `key` is the Enter/Tab that ends a fast one. */
  push(key: WedgeKey): WedgeBurst | null;
  /** True while the last keys look like the start of a burst (the page then holds back Enter/Tab defaults). */
  inBurst(at: number): boolean;
}

export function createWedgeDetector(options: WedgeOptions = DEFAULT_WEDGE_OPTIONS): WedgeDetector {
  let keys: WedgeKey[] = [];
  const lastAt = () => keys[keys.length - 1]?.at ?? Number.NEGATIVE_INFINITY;
  return {
    push(key) {
      if (PASS_THROUGH.has(key.key)) return null;
      const gapLimit = hasTokenStart(keys) ? TOKEN_STALL_MS : options.maxGapMs;
      if (key.at - lastAt() > gapLimit) keys = [];
      if (key.key === 'Enter' || key.key === 'Tab') {
        const burst = keys;
        keys = [];
        const typed = burst.filter((k) => k.key.length === 1).length;
        if (typed < options.minChars || burst.length > MAX_BURST_KEYS) return null;
        const meanGap = (key.at - burst[0]!.at) / burst.length;
        if (meanGap > options.maxMeanGapMs && !hasTokenStart(burst)) return null;
        return { text: textOf(burst), keys: burst };
      }
      if (key.key.length === 1 || COMPOSING.has(key.key)) keys.push(key);
      else keys = []; // arrows, function keys…: not a scanner
      return null;
    },
    inBurst(at) {
      return keys.length >= options.minChars && at - lastAt() <= (hasTokenStart(keys) ? TOKEN_STALL_MS : options.maxGapMs);
    },
  };
}

/** The burst so far contains the start of a token (a scanner prefix before it is fine). */
function hasTokenStart(keys: readonly WedgeKey[]): boolean {
  return keys.length >= TOKEN_PREFIX.length && textOf(keys).toUpperCase().includes(TOKEN_PREFIX);
}

function textOf(keys: readonly WedgeKey[]): string {
  const chars: string[] = [];
  for (const k of keys) {
    if (k.key === 'Backspace') chars.pop();
    else if (k.key.length === 1) chars.push(k.key);
  }
  return chars.join('');
}

// ---------- Layout recognition ----------

export type KeyboardLayoutGuess = 'azerty' | 'qwertz' | 'vietnamese-ime' | 'other';

export type WedgeRead = ScanVerdict | { kind: 'garbled'; layout: KeyboardLayoutGuess };

/** What each physical key types on the US layout: [unshifted, shifted]. */
const US_KEYS: Readonly<Record<string, readonly [string, string]>> = (() => {
  const table: Record<string, readonly [string, string]> = {};
  for (const letter of 'abcdefghijklmnopqrstuvwxyz') table[`Key${letter.toUpperCase()}`] = [letter, letter.toUpperCase()];
  const shiftedDigits = ')!@#$%^&*(';
  for (let d = 0; d <= 9; d++) {
    table[`Digit${d}`] = [String(d), shiftedDigits[d]!];
    table[`Numpad${d}`] = [String(d), String(d)];
  }
  const punctuation: [string, string, string][] = [
    ['Minus', '-', '_'], ['Equal', '=', '+'], ['BracketLeft', '[', '{'], ['BracketRight', ']', '}'],
    ['Backslash', '\\', '|'], ['Semicolon', ';', ':'], ['Quote', "'", '"'], ['Backquote', '`', '~'],
    ['Comma', ',', '<'], ['Period', '.', '>'], ['Slash', '/', '?'], ['Space', ' ', ' '],
    ['NumpadDecimal', '.', '.'], ['NumpadSubtract', '-', '-'], ['NumpadAdd', '+', '+'],
    ['NumpadMultiply', '*', '*'], ['NumpadDivide', '/', '/'],
  ];
  for (const [code, plain, shifted] of punctuation) table[code] = [plain, shifted];
  return table;
})();

/** True when the OS turned a physical key into a character the US layout would not give (Caps Lock tolerated). */
function differsFromUs(k: WedgeKey): boolean {
  if (k.key.length !== 1 || !k.code) return false;
  const expected = US_KEYS[k.code];
  if (!expected) return false;
  if (/^Key[A-Z]$/.test(k.code)) return k.key.toLowerCase() !== expected[0];
  return k.key !== expected[0] && k.key !== expected[1];
}

/** Characters the French AZERTY layout types where US has digits and punctuation. */
const AZERTY_MARKS = /[&é"'(§è!çà)°_µ£¨²]/;
/** Letters only a Vietnamese input method produces (Telex "aa"→â, "dd"→đ, "w"→ư; VNI "a6"→â, "a1"→á…). */
const VIETNAMESE_MARKS = /[ăâđêôơưĂÂĐÊÔƠƯ\u1EA0-\u1EF9áàảãạíìỉĩịóòỏõọúùủũụýỳỷỹỵÁÀẢÃẠÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]|\p{M}/u;

/** US text → what a US-programmed scanner types through a German QWERTZ layout, for the letters and digits we use. */
const swapYZ = (text: string) => text.replace(/[yzYZ]/g, (c) => ({ y: 'z', z: 'y', Y: 'Z', Z: 'Y' })[c]!);

/** Undo AZERTY on the characters a token or booking code is made of (digits row, A/Q, Z/W, M, period). */
const FROM_AZERTY: Readonly<Record<string, string>> = {
  '&': '1', 'é': '2', '"': '3', "'": '4', '(': '5', '-': '6', 'è': '7', '_': '8', 'ç': '9', 'à': '0',
  a: 'q', q: 'a', z: 'w', w: 'z', A: 'Q', Q: 'A', Z: 'W', W: 'Z', '?': 'M', ',': 'm', ':': '.', m: ';', M: ':',
};
const unAzerty = (text: string) => [...text].map((c) => FROM_AZERTY[c] ?? c).join('');

const isValid = (text: string) => acceptScan(text).kind !== 'rejected';

/**
 * Interprets a burst: a clean read gives the scan verdict (token, code or invalid_format); a read that went through
 * a non-US layout or an input method gives `garbled` with a guess of which, so staff are told to switch it off.
 * A garbled read is never turned into a check-in, even when it could be undone: the hint fixes the cause.
 */
export function interpretWedgeRead(burst: WedgeBurst): WedgeRead {
  const { text, keys } = burst;
  const composed = keys.some((k) => COMPOSING.has(k.key));
  const mismatched = keys.some(differsFromUs);
  const nonAscii = /[^\x20-\x7e]/.test(text);

  if (composed || mismatched || nonAscii) return { kind: 'garbled', layout: guessLayout(text, keys) };
  const verdict = acceptScan(text);
  if (verdict.kind !== 'rejected') return verdict;
  // Without key codes (or with a layout that kept ASCII), recognise a read that a known layout would explain.
  if (isValid(unAzerty(text))) return { kind: 'garbled', layout: 'azerty' };
  if (isValid(swapYZ(text))) return { kind: 'garbled', layout: 'qwertz' };
  return verdict;
}

function guessLayout(text: string, keys: readonly WedgeKey[]): KeyboardLayoutGuess {
  const vietnamese = [...text].filter((c) => VIETNAMESE_MARKS.test(c)).length;
  const azerty = [...text].filter((c) => AZERTY_MARKS.test(c) || c === '?' || c === ':').length;
  const yzSwapped = keys.some((k) => (k.code === 'KeyY' && /^z$/i.test(k.key)) || (k.code === 'KeyZ' && /^y$/i.test(k.key)));
  const letterSwapped = keys.some((k) => (k.code === 'KeyQ' && /^a$/i.test(k.key)) || (k.code === 'KeyA' && /^q$/i.test(k.key)));
  if (keys.some((k) => k.key === 'Backspace' || k.key === 'Process') || vietnamese > azerty) return 'vietnamese-ime';
  if (azerty > 0 || letterSwapped) return 'azerty';
  if (yzSwapped) return 'qwertz';
  return 'other';
}
