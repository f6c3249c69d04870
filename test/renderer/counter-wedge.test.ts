import { describe, expect, it } from 'vitest';
import { createWedgeDetector, interpretWedgeRead, type WedgeBurst, type WedgeKey } from '../../renderer/counter/lib/wedge-util.js';
import { encodeToken, type TokenPayload } from '../../src/shared/token.js';
import { typeAzerty, typeQwertz, typeTelex, typeUs, type TypedKey } from '../helpers/keyboard-layouts.js';

const payload: TokenPayload = { bookingCode: '7K3M9QX2', officeId: 'hg-ttphcc', date: '2022-01-06', slot: '08:15', keyId: 'k1' };
const token = encodeToken(payload, Uint8Array.from({ length: 64 }, (_, i) => (i * 11 + 5) & 0xff));

/** Feeds typed keys at `gapMs` apart, then Enter; returns the bursts the detector reported. */
function feed(keys: readonly TypedKey[], gapMs: number, start = 1000): WedgeBurst[] {
  const detector = createWedgeDetector();
  const bursts: WedgeBurst[] = [];
  let at = start;
  const push = (k: WedgeKey) => {
    const burst = detector.push(k);
    if (burst) bursts.push(burst);
  };
  for (const k of keys) {
    if (k.shift) push({ key: 'Shift', code: 'ShiftLeft', at });
    push({ key: k.key, code: k.code, shift: k.shift, at });
    at += gapMs;
  }
  push({ key: 'Enter', code: 'Enter', at });
  return bursts;
}

const readOf = (keys: readonly TypedKey[], gapMs = 4) => {
  const bursts = feed(keys, gapMs);
  expect(bursts).toHaveLength(1);
  return interpretWedgeRead(bursts[0]!);
};

describe('keyboard-wedge detector', () => {
  it('reports a fast burst ending in Enter or Tab with its text', () => {
    const bursts = feed(typeUs(token), 3);
    expect(bursts.map((b) => b.text)).toEqual([token]);
    const detector = createWedgeDetector();
    let at = 0;
    for (const k of typeUs('7K3M9QX2')) detector.push({ ...k, at: (at += 5) });
    expect(detector.push({ key: 'Tab', at: at + 5 })?.text).toBe('7K3M9QX2');
  });

  it('ignores people typing, short bursts and bursts broken by other keys', () => {
    expect(feed(typeUs('7K3M9QX2'), 120)).toEqual([]);
    expect(feed(typeUs('7K3M9QX2'), 60)).toEqual([]);
    expect(feed(typeUs('7K3M'), 3)).toEqual([]);
    const detector = createWedgeDetector();
    let at = 0;
    for (const k of typeUs('7K3M9')) detector.push({ ...k, at: (at += 3) });
    detector.push({ key: 'ArrowDown', at: (at += 3) });
    for (const k of typeUs('QX2')) detector.push({ ...k, at: (at += 3) });
    expect(detector.push({ key: 'Enter', at: at + 3 })).toBeNull();
  });

  it('tolerates one slow key inside a fast burst but not a slow burst', () => {
    const keys = typeUs(token);
    const detector = createWedgeDetector();
    let at = 0;
    keys.forEach((k, i) => detector.push({ ...k, at: (at += i === 50 ? 240 : 2) }));
    expect(detector.push({ key: 'Enter', at: at + 2 })?.text).toBe(token);
    expect(feed(typeUs('7K3M9QX2'), 70)).toEqual([]);
  });

  it('keeps a token read whole through the stalls of a busy PC (slow keys, a 1.5 s pause)', () => {
    expect(feed(typeUs(token), 70).map((b) => b.text)).toEqual([token]);
    const detector = createWedgeDetector();
    let at = 0;
    typeUs(token).forEach((k, i) => detector.push({ ...k, at: (at += i === 90 ? 1500 : 3) }));
    expect(detector.push({ key: 'Enter', at: at + 3 })?.text).toBe(token);
    // Without a token under way, a long pause still starts over: stray keys never join a read.
    const plain = createWedgeDetector();
    let t = 0;
    for (const k of typeUs('ABCD')) plain.push({ ...k, at: (t += 3) });
    t += 1000;
    for (const k of typeUs('7K3M9QX2')) plain.push({ ...k, at: (t += 3) });
    expect(plain.push({ key: 'Enter', at: t + 3 })?.text).toBe('7K3M9QX2');
  });
});

describe('interpretWedgeRead', () => {
  it('gives the token or code of a clean US read, prefix and suffix tolerated', () => {
    expect(readOf(typeUs(token))).toMatchObject({ kind: 'token', scan: token });
    expect(readOf(typeUs(`]Q1${token}`))).toMatchObject({ kind: 'token', scan: token });
    expect(readOf(typeUs('7K3M9QX2'))).toMatchObject({ kind: 'code', scan: '7K3M9QX2' });
    expect(readOf(typeUs('hello-world-this-is-not-ours'))).toEqual({ kind: 'rejected', reason: 'invalid_format' });
  });

  it('recognises French AZERTY, German QWERTZ and a Telex input method, and never returns a check-in for them', () => {
    const azerty = readOf(typeAzerty(token));
    expect(azerty).toEqual({ kind: 'garbled', layout: 'azerty' });
    expect(readOf(typeAzerty('7K3M9QX2'))).toEqual({ kind: 'garbled', layout: 'azerty' });

    const withYZ = encodeToken({ ...payload, bookingCode: 'YZ3M9QX2' }, new Uint8Array(64).fill(0x5a));
    expect(readOf(typeQwertz(withYZ))).toEqual({ kind: 'garbled', layout: 'qwertz' });

    // Most tokens hold a Telex trigger somewhere ("AA", "DD", "EE", a tone key after A/E/Y); find one that does.
    const telexKeys = Array.from({ length: 256 }, (_, fill) => typeTelex(encodeToken(payload, new Uint8Array(64).fill(fill)))).find((keys) =>
      keys.some((k) => k.key === 'Backspace'),
    )!;
    expect(readOf(telexKeys)).toEqual({ kind: 'garbled', layout: 'vietnamese-ime' });
  });

  it('recognises a garbled read from its text alone when key codes are missing', () => {
    const textOnly = (keys: TypedKey[]): WedgeBurst => {
      const text = keys.map((k) => k.key).join('');
      return { text, keys: [...text].map((key, i) => ({ key, at: i })) };
    };
    expect(interpretWedgeRead(textOnly(typeAzerty(token)))).toEqual({ kind: 'garbled', layout: 'azerty' });
    // "MC1." survives QWERTZ untouched; only the Y/Z swap betrays it.
    const withYZ = encodeToken({ ...payload, bookingCode: 'YZ3M9QX2' }, new Uint8Array(64).fill(0x5a));
    expect(interpretWedgeRead(textOnly(typeQwertz(withYZ)))).toEqual({ kind: 'garbled', layout: 'qwertz' });
  });
});
