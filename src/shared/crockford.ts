/**
 * Crockford base32: digits and upper-case letters without I, L, O, U; no padding.
 * Readers are lenient the Crockford way (lower case, O→0, I/L→1) so a scanner with Caps Lock on still works.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const DECODE_TABLE: ReadonlyMap<string, number> = new Map(
  [...CROCKFORD_ALPHABET].map((char, index) => [char, index] as const),
);

/** Upper-cases and maps Crockford's look-alikes (O→0, I/L→1). Other characters are kept for the caller to reject. */
export function normalizeCrockford(text: string): string {
  return text.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Strict decode: returns null for any character outside the alphabet (after look-alike mapping),
 * for a length no encoder produces, or for non-zero padding bits.
 */
export function decodeBase32(text: string): Uint8Array | null {
  const normalized = normalizeCrockford(text);
  const byteLength = Math.floor((normalized.length * 5) / 8);
  if (Math.ceil((byteLength * 8) / 5) !== normalized.length) return null;
  const out = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of normalized) {
    const value = DECODE_TABLE.get(char);
    if (value === undefined) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  if (buffer !== 0) return null;
  return out;
}

/** An 8-character booking code, as read out by a citizen: case, spaces, dashes and look-alikes tolerated. */
export const BOOKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{8}$/;

export function normalizeBookingCode(text: string): string | null {
  const code = normalizeCrockford(text.trim().replace(/[\s-]/g, ''));
  return BOOKING_CODE_PATTERN.test(code) ? code : null;
}
