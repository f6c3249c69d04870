import { describe, expect, it } from 'vitest';
import { forgetToken, readSession, saveSession } from '../../renderer/counter/lib/session.js';

function browserLike(url: string, stored: Record<string, string> = {}) {
  const map = new Map(Object.entries(stored));
  const parsed = new URL(url);
  const replaced: string[] = [];
  return {
    location: { search: parsed.search, hash: parsed.hash, pathname: parsed.pathname },
    storage: { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) },
    history: { replaceState: (_d: unknown, _u: string, to: string) => void replaced.push(to) },
    map,
    replaced,
  };
}

describe('counter session', () => {
  it('takes #token= from the address, stores it for that counter and removes it from the address bar', () => {
    const b = browserLike('http://hub:3100/counter?counter=q2#token=abcDEF123-_xyz');
    expect(readSession(b.location, b.storage, b.history)).toEqual({ counterId: 'q2', token: 'abcDEF123-_xyz' });
    expect(b.map.get('motcua.counter.q2.token')).toBe('abcDEF123-_xyz');
    expect(b.replaced).toEqual(['/counter?counter=q2']);
  });

  it('remembers the last counter and its token; asks again once the token is forgotten', () => {
    const b = browserLike('http://hub:3100/counter');
    saveSession(b.storage, { counterId: 'q1', token: 'token-of-q1' });
    expect(readSession(b.location, b.storage, b.history)).toEqual({ counterId: 'q1', token: 'token-of-q1' });
    forgetToken(b.storage, 'q1');
    expect(readSession(b.location, b.storage, b.history)).toEqual({ counterId: 'q1', token: null });
  });

  it('ignores a malformed counter id or token in the address and keeps nothing from it', () => {
    const b = browserLike('http://hub:3100/counter?counter=../../x#token=short');
    expect(readSession(b.location, b.storage, b.history)).toEqual({ counterId: null, token: null });
    const c = browserLike('http://hub:3100/counter?counter=q3#token=has%20a%20space%20inside');
    expect(readSession(c.location, c.storage, c.history)).toEqual({ counterId: 'q3', token: null });
    expect(c.replaced).toEqual([]);
    expect([...c.map.keys()]).toEqual([]);
  });
});
