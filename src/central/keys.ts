// Ed25519 signing keys (node:crypto): stored in the database with a kid; the newest active key signs, all are published.
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Jwk } from '../shared/api.js';
import { encodeBase32 } from '../shared/crockford.js';
import { encodeToken, payloadBytes, signedMessageOf, type TokenPayload } from '../shared/token.js';
import type { SqlExecutor } from './db/database.js';

interface KeyRow {
  kid: string;
  public_x: string;
  private_pkcs8: string;
  created_at: number;
  active: number;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Short kids keep the QR small: `k` + 5 Crockford characters. */
function newKid(): string {
  return `k${encodeBase32(randomBytes(4)).slice(0, 5)}`;
}

/** Makes a new key the signing key; older keys stay in the JWKS so tokens they signed still verify. */
export async function rotateKey(db: SqlExecutor, now: number): Promise<string> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = newKid();
  await db.run('UPDATE signing_keys SET active = 0 WHERE active = 1');
  await db.run('INSERT INTO signing_keys (kid, public_x, private_pkcs8, created_at, active) VALUES (?, ?, ?, ?, 1)', [
    kid,
    jwk.x!,
    privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    now,
  ]);
  return kid;
}

export async function loadSigningKey(db: SqlExecutor): Promise<SigningKey | null> {
  const row = await db.get<KeyRow>('SELECT * FROM signing_keys WHERE active = 1 ORDER BY created_at DESC LIMIT 1');
  if (!row) return null;
  return { kid: row.kid, privateKey: createPrivateKey({ key: Buffer.from(row.private_pkcs8, 'base64'), format: 'der', type: 'pkcs8' }) };
}

export async function publicJwks(db: SqlExecutor): Promise<{ keys: Jwk[] }> {
  const rows = await db.all<KeyRow>('SELECT kid, public_x FROM signing_keys ORDER BY active DESC, created_at DESC, kid');
  return { keys: rows.map((r) => ({ kty: 'OKP', crv: 'Ed25519', kid: r.kid, x: r.public_x })) };
}

export function signBookingToken(key: SigningKey, fields: Omit<TokenPayload, 'keyId'>): string {
  const payload: TokenPayload = { ...fields, keyId: key.kid };
  const signature = sign(null, signedMessageOf(payloadBytes(payload)), key.privateKey);
  return encodeToken(payload, signature);
}
