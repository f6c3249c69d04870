/** Pure check-in rules: what kind of scan this is, and whether a slot is open for check-in now. */
import { normalizePhone } from '../../shared/api.js';
import { normalizeBookingCode } from '../../shared/crockford.js';
import { looksLikeToken } from '../../shared/token.js';
import { hhmmToMinutes, minutesToHhmm } from '../../shared/time.js';

/** Longer than any token, code or phone: refused before any work. */
export const MAX_SCAN_CHARS = 1000;

export type ScanKind =
  | { kind: 'token' }
  | { kind: 'code'; code: string }
  | { kind: 'phone'; phone: string }
  | { kind: 'keyboard_layout' }
  | { kind: 'invalid' };

/**
 * Vietnamese input methods (Telex/VNI) turn a wedge scanner's keystrokes into accented letters, and a
 * non-US layout shifts punctuation; a long scan full of such characters is a layout problem, not a bad QR.
 */
const VIETNAMESE_LETTERS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/giu;

function hasBinaryJunk(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Tab, CR and LF are what scanners append; other C0 controls, DEL and U+FFFD come from binary data.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return true;
  }
  return false;
}

export function classifyScan(raw: string): ScanKind {
  if (raw.length > MAX_SCAN_CHARS) return { kind: 'invalid' };
  // Control characters and replacement characters mean binary junk, not something a person typed.
  if (hasBinaryJunk(raw)) return { kind: 'invalid' };
  const text = raw.normalize('NFC').trim();
  // Before the token test: tokens are pure ASCII, so accented letters in a long scan mean the keyboard mangled it.
  const accented = text.match(VIETNAMESE_LETTERS)?.length ?? 0;
  if (text.length >= 20 && accented >= 3) return { kind: 'keyboard_layout' };
  if (looksLikeToken(text)) return { kind: 'token' };
  const phone = normalizePhone(text);
  if (phone) return { kind: 'phone', phone };
  const code = normalizeBookingCode(text);
  if (code) return { kind: 'code', code };
  return { kind: 'invalid' };
}

export type WindowVerdict = { ok: true; late: false } | { ok: false; reason: 'too_early'; opensAt: string } | { ok: true; late: true };

/**
 * Check-in opens `openBefore` minutes before the slot and closes `closeAfter` minutes after its end.
 * After that the citizen is late (a walk-in where the epidemic level allows).
 */
export function checkinWindow(nowMinutes: number, slot: string, slotEnd: string, openBefore: number, closeAfter: number): WindowVerdict {
  const opens = hhmmToMinutes(slot) - openBefore;
  if (nowMinutes < opens) return { ok: false, reason: 'too_early', opensAt: minutesToHhmm(Math.max(0, opens)) };
  if (nowMinutes > hhmmToMinutes(slotEnd) + closeAfter) return { ok: true, late: true };
  return { ok: true, late: false };
}

export function walkInsAllowed(epidemicLevel: number): boolean {
  return epidemicLevel <= 2;
}
