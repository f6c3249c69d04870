import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, normalizeBookingCode } from '../../src/shared/crockford.js';
import { encodeToken, parseToken, type TokenPayload } from '../../src/shared/token.js';

const payload: TokenPayload = { bookingCode: '7K3M9QX2', officeId: 'hg-ttphcc', date: '2022-01-06', slot: '08:15', keyId: 'k1' };

describe('crockford base32', () => {
  it('round-trips every length and maps look-alikes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = encodeBase32(bytes);
      expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]*$/);
      expect(decodeBase32(text)).toEqual(bytes);
      expect(decodeBase32(text.toLowerCase())).toEqual(bytes);
    }
    expect(decodeBase32('O1')).toEqual(decodeBase32('01'));
    expect(decodeBase32('IL')).toEqual(decodeBase32('11'));
  });
  it('rejects characters outside the alphabet, impossible lengths and dirty padding', () => {
    expect(decodeBase32('AU')).toBeNull();
    expect(decodeBase32('A')).toBeNull();
    expect(decodeBase32('01')).toBeNull(); // 2 chars = 1 byte + 2 padding bits, which must be 0
    expect(decodeBase32('A-B')).toBeNull();
  });
  it('normalizes spoken booking codes', () => {
    expect(normalizeBookingCode(' 7k3m-9qx2 ')).toBe('7K3M9QX2');
    expect(normalizeBookingCode('OIL00000')).toBe('01100000');
    expect(normalizeBookingCode('7K3M9QX')).toBeNull();
    expect(normalizeBookingCode('7K3M9QXU')).toBeNull();
  });
});

describe('MC1 token', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signed = (p: TokenPayload) => {
    const draft = parseToken(encodeToken(p, new Uint8Array(64)))!;
    return encodeToken(p, sign(null, draft.signedMessage, privateKey));
  };

  it('signs MC1. + payload and parses back, in any case', () => {
    const token = signed(payload);
    expect(token).toMatch(/^MC1\.[0-9A-HJKMNP-TV-Z]+$/);
    for (const text of [token, token.toLowerCase(), `  ${token}\n`]) {
      const parsed = parseToken(text)!;
      expect(parsed.payload).toEqual(payload);
      expect(new TextDecoder().decode(parsed.signedMessage)).toBe('MC1.7K3M9QX2|hg-ttphcc|2022-01-06|08:15|k1');
      expect(verify(null, parsed.signedMessage, publicKey, parsed.signature)).toBe(true);
    }
  });
  it('a changed character breaks the signature, not the parser', () => {
    const token = signed(payload);
    const tampered = token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11);
    const parsed = parseToken(tampered);
    if (parsed) expect(verify(null, parsed.signedMessage, publicKey, parsed.signature)).toBe(false);
  });
  it('refuses what is not a token', () => {
    for (const junk of ['', 'MC1.', 'MC2.ABC', 'https://example.com', 'MC1.' + 'Z'.repeat(2000), 'x'.repeat(1_000_000), '\u0000\u00ff', signed(payload).slice(0, -3)]) {
      expect(parseToken(junk)).toBeNull();
    }
    const badOffice = encodeToken({ ...payload, officeId: 'Bad Office' }, new Uint8Array(64));
    expect(parseToken(badOffice)).toBeNull();
  });
});
