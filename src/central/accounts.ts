// Device tokens (one office each) and hotline operators (scrypt passwords, session tokens). Only hashes are stored.
import { createHash, randomBytes, randomUUID, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { SqlExecutor } from './db/database.js';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const OPERATOR_SESSION_MS = 12 * 3600_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function createDeviceToken(db: SqlExecutor, officeId: string, now: number): Promise<string> {
  const token = `mcd_${randomBytes(24).toString('base64url')}`;
  await db.run('INSERT INTO device_tokens (token_hash, office_id, created_at) VALUES (?, ?, ?)', [sha256(token), officeId, now]);
  return token;
}

/** The office a device token belongs to, or null. Tokens are random 192-bit strings, so a plain SHA-256 suffices. */
export async function officeOfDeviceToken(db: SqlExecutor, token: string): Promise<string | null> {
  const row = await db.get<{ office_id: string }>('SELECT office_id FROM device_tokens WHERE token_hash = ?', [sha256(token)]);
  return row?.office_id ?? null;
}

/** The hotline login faces the internet: a short password falls to guessing even at 10 tries a minute. */
const MIN_OPERATOR_PASSWORD = 8;

/** Adds an operator, or resets the name and password of an existing username. */
export async function createOperator(db: SqlExecutor, args: { username: string; password: string; name: string }, now: number): Promise<{ operatorId: string }> {
  if (args.password.length < MIN_OPERATOR_PASSWORD) {
    throw new Error(`Mật khẩu điện thoại viên cần ít nhất ${MIN_OPERATOR_PASSWORD} ký tự / operator passwords need at least ${MIN_OPERATOR_PASSWORD} characters`);
  }
  const salt = randomBytes(16);
  const hash = await scrypt(args.password, salt, 32);
  await db.run(
    'INSERT INTO operators (id, username, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash',
    [`op-${randomUUID().slice(0, 8)}`, args.username, args.name, `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`, now],
  );
  const row = await db.get<{ id: string }>('SELECT id FROM operators WHERE username = ?', [args.username]);
  return { operatorId: row!.id };
}

/** Checks a password (scrypt, constant-time compare) and opens a session; null if wrong. */
export async function loginOperator(db: SqlExecutor, username: string, password: string, now: number): Promise<{ token: string; operatorId: string; name: string } | null> {
  const row = await db.get<{ id: string; name: string; password_hash: string }>('SELECT id, name, password_hash FROM operators WHERE username = ?', [username]);
  const [, saltText, hashText] = (row?.password_hash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$').split('$');
  const expected = Buffer.from(hashText ?? '', 'base64');
  // Hash even for an unknown user so timing does not reveal which usernames exist.
  const actual = await scrypt(password, Buffer.from(saltText ?? '', 'base64'), 32);
  if (!row || expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  const token = `mco_${randomBytes(24).toString('base64url')}`;
  await db.run('INSERT INTO operator_sessions (token_hash, operator_id, expires_at) VALUES (?, ?, ?)', [sha256(token), row.id, now + OPERATOR_SESSION_MS]);
  return { token, operatorId: row.id, name: row.name };
}

export async function operatorOfSession(db: SqlExecutor, token: string, now: number): Promise<string | null> {
  const row = await db.get<{ operator_id: string; expires_at: number }>('SELECT operator_id, expires_at FROM operator_sessions WHERE token_hash = ?', [sha256(token)]);
  return row && row.expires_at > now ? row.operator_id : null;
}
