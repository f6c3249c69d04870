import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, buildCsp, isNavigationAllowed, isPermissionAllowed, originOf, resolveAppAsset } from '../../src/main/security-util.js';

const HUB = 'http://192.168.1.10:3100';
const allowed = [HUB, APP_ORIGIN];

describe('CSP', () => {
  const csp = buildCsp([HUB]);
  const directive = (name: string) => csp.split('; ').find((part) => part.startsWith(`${name} `));

  it('allows our scripts and the QR decoder wasm, but no inline script, eval, plugins or framing', () => {
    expect(directive('script-src')).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(directive('object-src')).toBe("object-src 'none'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('base-uri')).toBe("base-uri 'none'");
  });

  it('lets pages reach the hub over HTTP and socket.io, and nothing else', () => {
    expect(directive('connect-src')).toBe(`connect-src 'self' ${HUB} ws://192.168.1.10:3100`);
    expect(buildCsp(['https://hub.local'])).toContain('wss://hub.local');
    expect(directive('media-src')).toContain('mediastream:');
  });
});

describe('navigation guard', () => {
  it.each([
    [`${HUB}/counter?counter=q1#token=x`, true],
    [`${HUB}/display`, true],
    [`${APP_ORIGIN}/settings/index.html`, true],
    ['http://192.168.1.10:3101/counter', false],
    ['https://192.168.1.10:3100/counter', false],
    ['https://evil.example/phish', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['motcua://other/settings', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isNavigationAllowed(url, allowed)).toBe(expected);
  });

  it('grants camera only to our own origins', () => {
    expect(isPermissionAllowed('media', `${HUB}/counter`, allowed)).toBe(true);
    expect(isPermissionAllowed('media', 'https://evil.example/', allowed)).toBe(false);
    expect(isPermissionAllowed('geolocation', `${HUB}/counter`, allowed)).toBe(false);
    expect(isPermissionAllowed('notifications', `${APP_ORIGIN}/settings/`, allowed)).toBe(false);
  });

  it('knows origins', () => {
    expect(originOf('motcua://app/a/b')).toBe(APP_ORIGIN);
    expect(originOf('http://x:1/y')).toBe('http://x:1');
    expect(originOf('::')).toBeNull();
  });
});

describe('app:// assets', () => {
  const root = join('/opt', 'motcua', 'dist', 'renderer');
  it.each([
    ['motcua://app/settings/index.html', join(root, 'settings', 'index.html')],
    ['motcua://app/settings/', join(root, 'settings', 'index.html')],
    ['motcua://app/assets/settings-abc.js?v=1', join(root, 'assets', 'settings-abc.js')],
    ['motcua://app/../../etc/passwd', join(root, 'etc', 'passwd')],
    ['motcua://app/%2e%2e/%2e%2e/etc/passwd', join(root, 'etc', 'passwd')],
  ])('%s → inside the renderer folder', (url, expected) => {
    expect(resolveAppAsset(root, url)).toBe(expected);
  });

  it.each([
    'motcua://app/assets/..%2F..%2Fsecret',
    'motcua://app/a%5C..%5C..%5Cwin.ini',
    'motcua://app/x%00.html',
    'motcua://app/%E0%A4%A',
    'motcua://other/settings/index.html',
    'http://app/settings/index.html',
    'motcua://app/',
  ])('%s → refused', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});
