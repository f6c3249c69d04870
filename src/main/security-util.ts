// Window security rules: the Content-Security-Policy, which navigations and permissions are allowed.
// Pure and table-tested. Background: https://www.electronjs.org/docs/latest/tutorial/security
import { join, sep } from 'node:path';

/** Our own pages (settings) are served from this privileged scheme, never from file://. */
export const APP_SCHEME = 'motcua';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/**
 * CSP for every page the app shows. `wasm-unsafe-eval` lets the counter's QR decoder (zxing-wasm) run;
 * inline styles are allowed because React and the pages set style attributes; no inline script, no eval,
 * no plugins, no framing. `hubOrigins` are the hub(s) the page may call over HTTP and socket.io.
 */
export function buildCsp(hubOrigins: readonly string[]): string {
  const sockets = hubOrigins.map((origin) => origin.replace(/^http/, 'ws'));
  const connect = ["'self'", ...hubOrigins, ...sockets].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob: mediastream:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of a URL, or null when it does not parse. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === `${APP_SCHEME}:`) return `${APP_SCHEME}://${parsed.host}`;
    return parsed.origin === 'null' ? null : parsed.origin;
  } catch {
    return null;
  }
}

/** A window may only move within the origins it was opened for (its hub, our own pages). */
export function isNavigationAllowed(targetUrl: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(targetUrl);
  return origin !== null && allowedOrigins.includes(origin);
}

/** Camera (QR scanning) and audio autoplay for our own origins only; everything else is refused. */
const ALLOWED_PERMISSIONS = new Set(['media', 'speaker-selection', 'fullscreen']);
export function isPermissionAllowed(permission: string, requestingUrl: string, allowedOrigins: readonly string[]): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isNavigationAllowed(requestingUrl, allowedOrigins);
}

/**
 * Map a `motcua://app/<path>` request to a file under the built renderer folder, or null when it would
 * leave that folder (`..`, encoded slashes, absolute paths) or name a folder.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'app') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.some((segment) => segment === '..')) return null;
  if (path.endsWith('/')) segments.push('index.html');
  const resolved = join(rootDir, ...segments);
  return resolved.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep) ? resolved : null;
}
