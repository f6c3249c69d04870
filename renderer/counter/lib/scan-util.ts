/**
 * The scan acceptance rule, shared by the camera and the keyboard-wedge scanner: a read counts only when it is a
 * well-formed MC1 token or a valid booking code, and the same read again within a few seconds creates nothing.
 * Pure (no DOM), unit-tested under Node.
 */
import { normalizeBookingCode, normalizeCrockford } from '../../../src/shared/crockford.js';
import { MAX_TOKEN_CHARS, parseToken, TOKEN_PREFIX } from '../../../src/shared/token.js';

export type AcceptedScan =
  /** A well-formed token (signature checked by the hub); `scan` is what to send. */
  | { kind: 'token'; scan: string; key: string }
  /** A bare 8-character booking code (a QR or barcode carrying only the code). */
  | { kind: 'code'; scan: string; key: string };

export type ScanVerdict = AcceptedScan | { kind: 'rejected'; reason: 'invalid_format' };

/** How many stray characters a scanner may add after the token (suffix) that we still strip. */
const MAX_SUFFIX_CHARS = 4;
/** AIM symbology identifiers some scanners prepend, e.g. `]Q1` for QR Code. */
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Finds a well-formed token inside `raw` (prefix and suffix characters tolerated), else a booking code, else refuses.
 * Never "repairs" a read into something else: a token is accepted only if parseToken accepts it as it stands
 * (after dropping characters around it), so a partial or misread string cannot become another citizen's booking.
 */
export function acceptScan(raw: string): ScanVerdict {
  if (raw.length > MAX_TOKEN_CHARS * 2) return { kind: 'rejected', reason: 'invalid_format' };
  const text = raw.trim();
  const start = text.toUpperCase().indexOf(TOKEN_PREFIX);
  if (start >= 0) {
    const body = /^[0-9A-Za-z]+/.exec(text.slice(start + TOKEN_PREFIX.length))?.[0] ?? '';
    for (let cut = 0; cut <= MAX_SUFFIX_CHARS && cut < body.length; cut++) {
      const candidate = TOKEN_PREFIX + body.slice(0, body.length - cut);
      if (parseToken(candidate)) {
        const scan = TOKEN_PREFIX + normalizeCrockford(candidate.slice(TOKEN_PREFIX.length));
        return { kind: 'token', scan, key: scan };
      }
    }
    return { kind: 'rejected', reason: 'invalid_format' };
  }
  const code = normalizeBookingCode(text.replace(AIM_PREFIX, '').replace(/[^0-9A-Za-z]/g, ''));
  if (code) return { kind: 'code', scan: code, key: code };
  return { kind: 'rejected', reason: 'invalid_format' };
}

/**
 * Remembers recent reads so that the same text seen again within `windowMs` (a QR held in front of the camera for
 * several frames, a double trigger on a handheld scanner) creates nothing and shows the answer it already has.
 * The window slides: each sighting renews it, so a code left in view is never sent twice.
 */
export interface ScanGate<T> {
  /** True when `key` is new (or was last seen longer than the window ago); renews the window either way. */
  admit(key: string): boolean;
  /** The answer recorded for a recent `key`, if any. */
  previous(key: string): T | undefined;
  remember(key: string, answer: T): void;
}

export function createScanGate<T>(windowMs: number, now: () => number): ScanGate<T> {
  const seen = new Map<string, { at: number; answer?: T }>();
  const prune = (at: number) => {
    for (const [key, entry] of seen) if (at - entry.at > windowMs) seen.delete(key);
  };
  return {
    admit(key) {
      const at = now();
      prune(at);
      const entry = seen.get(key);
      if (entry) {
        entry.at = at;
        return false;
      }
      seen.set(key, { at });
      return true;
    },
    previous(key) {
      return seen.get(key)?.answer;
    },
    remember(key, answer) {
      const entry = seen.get(key);
      if (entry) entry.answer = answer;
      else seen.set(key, { at: now(), answer });
    },
  };
}
