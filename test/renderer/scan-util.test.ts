import { describe, expect, it } from 'vitest';
import { acceptScan, createScanGate } from '../../renderer/counter/lib/scan-util.js';
import { encodeToken, type TokenPayload } from '../../src/shared/token.js';

const payload: TokenPayload = { bookingCode: '7K3M9QX2', officeId: 'hg-ttphcc', date: '2022-01-06', slot: '08:15', keyId: 'k1' };
const token = encodeToken(payload, Uint8Array.from({ length: 64 }, (_, i) => (i * 7 + 3) & 0xff));

describe('acceptScan', () => {
  it('accepts a well-formed token as it stands, in any case, with scanner prefixes and suffixes', () => {
    expect(acceptScan(token)).toEqual({ kind: 'token', scan: token, key: token });
    expect(acceptScan(token.toLowerCase())).toMatchObject({ kind: 'token', scan: token });
    expect(acceptScan(`]Q1${token}\r\n`)).toMatchObject({ kind: 'token', scan: token });
    expect(acceptScan(`  ${token}X`)).toMatchObject({ kind: 'token', scan: token });
    expect(acceptScan(`ABC ${token}|01`)).toMatchObject({ kind: 'token', scan: token });
  });

  it('refuses a partial, cut or edited token instead of guessing', () => {
    expect(acceptScan(token.slice(0, -10))).toEqual({ kind: 'rejected', reason: 'invalid_format' });
    expect(acceptScan(token.slice(0, 40))).toEqual({ kind: 'rejected', reason: 'invalid_format' });
    // A character outside the alphabet in the middle: a misread, not something to skip over.
    const broken = token.slice(0, 30) + 'U' + token.slice(31);
    expect(acceptScan(broken).kind).toBe('rejected');
    expect(acceptScan('MC1.')).toEqual({ kind: 'rejected', reason: 'invalid_format' });
  });

  it('accepts a bare booking code and refuses other texts', () => {
    expect(acceptScan('7k3m-9qx2')).toEqual({ kind: 'code', scan: '7K3M9QX2', key: '7K3M9QX2' });
    expect(acceptScan(']C07K3M9QX2')).toMatchObject({ kind: 'code', scan: '7K3M9QX2' });
    expect(acceptScan('https://example.com/ticket?id=1').kind).toBe('rejected');
    expect(acceptScan('8934567890123').kind).toBe('rejected'); // an EAN-13 product barcode
    expect(acceptScan('x'.repeat(5000)).kind).toBe('rejected');
    expect(acceptScan('\u0000\u0001binary').kind).toBe('rejected');
  });
});

describe('createScanGate', () => {
  it('lets a key through once, renews the window while it keeps being seen, and keeps its answer', () => {
    let now = 0;
    const gate = createScanGate<string>(3000, () => now);
    expect(gate.admit('A')).toBe(true);
    gate.remember('A', 'ticket 1001');
    now = 2000;
    expect(gate.admit('A')).toBe(false);
    expect(gate.previous('A')).toBe('ticket 1001');
    now = 4500; // 2.5 s after the last sighting: still the same showing
    expect(gate.admit('A')).toBe(false);
    expect(gate.admit('B')).toBe(true);
    now = 8000; // out of view for 3.5 s: a new showing
    expect(gate.admit('A')).toBe(true);
    expect(gate.previous('A')).toBeUndefined();
  });
});
