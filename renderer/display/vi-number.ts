/**
 * Reads a ticket or counter number the Vietnamese way, as a list of words (each word is one audio clip).
 * Pure: no DOM, no audio. The South says "ngàn" and "lẻ" where the North says "nghìn" and "linh".
 */

export const REGIONS = ['south', 'north'] as const;
export type Region = (typeof REGIONS)[number];

export const READING_MODES = ['whole', 'digits'] as const;
/** `whole`: "một ngàn không trăm lẻ năm"; `digits`: "một không không năm". */
export type ReadingMode = (typeof READING_MODES)[number];

/** Every word a number reading can produce; announce-clips.ts maps each to a clip. */
export const NUMBER_WORDS = [
  'không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín',
  'mười', 'mươi', 'mốt', 'tư', 'lăm', 'trăm', 'ngàn', 'nghìn', 'lẻ', 'linh',
] as const;
export type NumberWord = (typeof NUMBER_WORDS)[number];

const DIGITS: readonly NumberWord[] = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

const REGION_WORDS: Record<Region, { thousand: NumberWord; zeroTens: NumberWord }> = {
  south: { thousand: 'ngàn', zeroTens: 'lẻ' },
  north: { thousand: 'nghìn', zeroTens: 'linh' },
};

/** Whole numbers are read up to this; longer strings are read digit by digit. */
export const MAX_WHOLE = 999_999;

/**
 * Words for a number given as its displayed digits (e.g. "1005"). Non-digits are ignored. A number with a
 * leading zero ("007") or above MAX_WHOLE is read digit by digit even in `whole` mode, so no digit is lost.
 */
export function readNumber(text: string, mode: ReadingMode = 'whole', region: Region = 'south'): NumberWord[] {
  const digits = text.replace(/\D/g, '');
  if (digits === '') return [];
  const hasLeadingZero = digits.length > 1 && digits.startsWith('0');
  if (mode === 'digits' || hasLeadingZero || Number(digits) > MAX_WHOLE) {
    return [...digits].map((d) => DIGITS[Number(d)]!);
  }
  return readWhole(Number(digits), region);
}

function readWhole(n: number, region: Region): NumberWord[] {
  if (n === 0) return ['không'];
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  if (thousands === 0) return readUpTo999(rest, region, false);
  const words: NumberWord[] = [...readUpTo999(thousands, region, false), REGION_WORDS[region].thousand];
  // After a thousands group the hundreds are always said, even when zero: 1005 → "một ngàn không trăm lẻ năm".
  if (rest > 0) words.push(...readUpTo999(rest, region, true));
  return words;
}

/** 1…999. `full`: say "không trăm" when the hundreds digit is zero (inside a larger number). */
function readUpTo999(n: number, region: Region, full: boolean): NumberWord[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && !full) return readUpTo99(rest);
  const words: NumberWord[] = [DIGITS[hundreds]!, 'trăm'];
  if (rest === 0) return words;
  if (rest < 10) return [...words, REGION_WORDS[region].zeroTens, DIGITS[rest]!];
  return [...words, ...readUpTo99(rest)];
}

/** 1…99 (0 gives nothing: callers handle a bare zero). */
function readUpTo99(n: number): NumberWord[] {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) return units === 0 ? [] : [DIGITS[units]!];
  const head: NumberWord[] = tens === 1 ? ['mười'] : [DIGITS[tens]!, 'mươi'];
  if (units === 0) return head;
  // Unit words change after a ten: 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư" (but 11 "mười một", 14 "mười bốn").
  if (units === 5) return [...head, 'lăm'];
  if (units === 1 && tens > 1) return [...head, 'mốt'];
  if (units === 4 && tens > 1) return [...head, 'tư'];
  return [...head, DIGITS[units]!];
}
