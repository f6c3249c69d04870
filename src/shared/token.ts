/**
 * The booking token carried by the QR code (see shared/DESIGN.md):
 * `MC1.` + Crockford base32 of `payload ‖ signature`, where payload is the UTF-8 of
 * `<bookingCode>|<officeId>|<YYYY-MM-DD>|<HH:MM>|<keyId>` and signature is Ed25519 over `MC1.` + payload.
 * Pure format code; signing lives in src/central, verifying in src/desk (both node:crypto).
 */
import { BOOKING_CODE_PATTERN, decodeBase32, encodeBase32 } from './crockford.js';
import { isValidDate, isValidHhmm } from './time.js';

export const TOKEN_PREFIX = 'MC1.';
export const SIGNATURE_BYTES = 64;
/** Longest token we ever read; anything longer is refused before decoding (a 1 MB scan costs nothing). */
export const MAX_TOKEN_CHARS = 600;

export const OFFICE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface TokenPayload {
  bookingCode: string;
  officeId: string;
  date: string;
  slot: string;
  keyId: string;
}

export interface ParsedToken {
  payload: TokenPayload;
  /** The exact bytes the signature covers: `MC1.` followed by the payload bytes. */
  signedMessage: Uint8Array;
  signature: Uint8Array;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function payloadBytes(payload: TokenPayload): Uint8Array {
  const { bookingCode, officeId, date, slot, keyId } = payload;
  return utf8.encode([bookingCode, officeId, date, slot, keyId].join('|'));
}

export function signedMessageOf(payload: Uint8Array): Uint8Array {
  const prefix = utf8.encode(TOKEN_PREFIX);
  const message = new Uint8Array(prefix.length + payload.length);
  message.set(prefix, 0);
  message.set(payload, prefix.length);
  return message;
}

export function encodeToken(payload: TokenPayload, signature: Uint8Array): string {
  if (signature.length !== SIGNATURE_BYTES) throw new Error('Ed25519 signature must be 64 bytes');
  const body = payloadBytes(payload);
  const all = new Uint8Array(body.length + signature.length);
  all.set(body, 0);
  all.set(signature, body.length);
  return TOKEN_PREFIX + encodeBase32(all);
}

/** Cheap test used by scanners: does this text claim to be a MotCua token at all? */
export function looksLikeToken(text: string): boolean {
  return text.trim().slice(0, TOKEN_PREFIX.length).toUpperCase() === TOKEN_PREFIX;
}

/** Strict parse. Returns null for anything that is not a well-formed MC1 token (signature not checked here). */
export function parseToken(raw: string): ParsedToken | null {
  const text = raw.trim();
  if (text.length > MAX_TOKEN_CHARS || !looksLikeToken(text)) return null;
  const bytes = decodeBase32(text.slice(TOKEN_PREFIX.length));
  if (!bytes || bytes.length <= SIGNATURE_BYTES) return null;
  const body = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
  let payloadText: string;
  try {
    payloadText = strictUtf8.decode(body);
  } catch {
    return null;
  }
  const parts = payloadText.split('|');
  if (parts.length !== 5) return null;
  const [bookingCode, officeId, date, slot, keyId] = parts as [string, string, string, string, string];
  if (
    !BOOKING_CODE_PATTERN.test(bookingCode) ||
    !OFFICE_ID_PATTERN.test(officeId) ||
    !isValidDate(date) ||
    !isValidHhmm(slot) ||
    !KEY_ID_PATTERN.test(keyId)
  ) {
    return null;
  }
  return {
    payload: { bookingCode, officeId, date, slot, keyId },
    signedMessage: signedMessageOf(body),
    signature: bytes.slice(bytes.length - SIGNATURE_BYTES),
  };
}
