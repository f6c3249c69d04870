import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Jwk } from '../../shared/api.js';
import type { ParsedToken } from '../../shared/token.js';

export type VerifyOutcome = 'valid' | 'invalid_signature' | 'unknown_key';

/**
 * Offline Ed25519 check of a parsed MC1 token against cached JWKS keys. The only place the hub verifies
 * signatures. Key objects are built once per key and reused (createPublicKey is the costly part).
 */
export function createTokenVerifier(loadKeys: () => readonly Jwk[]) {
  const cache = new Map<string, { x: string; key: KeyObject | null }>();

  function keyFor(kid: string): KeyObject | null | undefined {
    const jwk = loadKeys().find((k) => k.kid === kid);
    if (!jwk) return undefined;
    const cached = cache.get(kid);
    if (cached && cached.x === jwk.x) return cached.key;
    let key: KeyObject | null;
    try {
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    } catch {
      key = null; // a malformed key published by mistake verifies nothing
    }
    cache.set(kid, { x: jwk.x, key });
    return key;
  }

  return function verifyToken(token: ParsedToken): VerifyOutcome {
    const key = keyFor(token.payload.keyId);
    if (key === undefined) return 'unknown_key';
    if (key === null) return 'invalid_signature';
    return verify(null, token.signedMessage, key, token.signature) ? 'valid' : 'invalid_signature';
  };
}
