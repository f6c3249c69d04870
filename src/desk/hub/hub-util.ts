/** Pure request guards of the LAN server (table-tested in test/desk/hub-util.test.ts). */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { parserRefusalResponse } from '../../shared/http-refusals.js';

/** Loopback, RFC 1918 private ranges, carrier-grade NAT, link-local and IPv6 unique-local: the office LAN, never the internet. */
export function isLanAddress(ip: string | undefined): boolean {
  if (!ip) return false;
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return (
      a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = ip.toLowerCase();
  return v6 === '::1' || v6.startsWith('fe80:') || v6.startsWith('fc') || v6.startsWith('fd');
}

/** `Authorization: Bearer <token>` → token, or null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9_.~+/=-]{8,200})$/.exec(header.trim());
  return match ? match[1]! : null;
}

/** Compares secrets in constant time (by hashing first, so lengths don't leak either). */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Idempotency-Key header: a UUID or similar opaque key, bounded. */
export function idempotencyKey(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9_-]{8,100}$/.test(value) ? value : null;
}

/**
 * What an Idempotency-Key was first used for: the concrete path (counter id included), the calling counter and
 * the body. A replay must match all three, so a reused key can never return another citizen's ticket.
 */
export function requestFingerprint(method: string, path: string, callerId: string, body: unknown): string {
  const bodyHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('base64url');
  return `${method} ${path} ${callerId} ${bodyHash}`;
}

/** Node's HTTP parser refusals (oversized headers, garbage, slow requests) in the common shape, then close as Node would. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  if (socket.destroyed) return;
  const response = parserRefusalResponse(error.code);
  if (response && socket.writable) socket.write(response);
  socket.destroy();
}
