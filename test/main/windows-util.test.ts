// Screen choice for the display window, and the role → services/windows decision.
import { describe, expect, it } from 'vitest';
import { counterPageUrl, displayPageUrl, explainStartupError, lanHubUrls, originsNeedingSecureContext, planLaunch } from '../../src/main/launch-util.js';
import { chooseDisplayScreen, placementChanged, windowBoundsOn, type ScreenInfo } from '../../src/main/screen-util.js';

const screen = (id: number, x: number, primary = false, width = 1920, height = 1080): ScreenInfo => ({
  id,
  label: `Screen ${id}`,
  bounds: { x, y: 0, width, height },
  primary,
});
const laptop = screen(1, 0, true, 1366, 768);
const tvRight = screen(2, 1366);
const tvLeft = screen(3, -1920);

describe('chooseDisplayScreen', () => {
  it.each([
    ['saved screen attached', [laptop, tvRight, tvLeft], 3, false, 3, true, 'saved'],
    ['saved screen gone → first secondary from the left', [laptop, tvRight, tvLeft], 99, false, 3, true, 'secondary'],
    ['nothing saved → the only secondary', [laptop, tvRight], null, false, 2, true, 'secondary'],
    ['saved id is the primary (staff chose it) → honoured', [laptop, tvRight], 1, false, 1, true, 'saved'],
    ['one screen, hub+counter desk → normal window', [laptop], 2, false, 1, false, 'primary-only'],
    ['one screen, display-only desk → kiosk on it', [laptop], null, true, 1, true, 'primary-only'],
  ])('%s', (_name, screens, savedId, displayOnly, expectedId, kiosk, reason) => {
    const placement = chooseDisplayScreen(screens, savedId, displayOnly);
    expect(placement.screen?.id).toBe(expectedId);
    expect(placement.kiosk).toBe(kiosk);
    expect(placement.reason).toBe(reason);
  });

  it('never crashes without any screen', () => {
    expect(chooseDisplayScreen([], 5, true)).toEqual({ screen: null, kiosk: false, reason: 'none' });
  });

  it('moves the window when its TV is unplugged and back when it returns', () => {
    const withTv = chooseDisplayScreen([laptop, tvRight], 2, false);
    const tvUnplugged = chooseDisplayScreen([laptop], 2, false);
    const tvBack = chooseDisplayScreen([laptop, tvRight], 2, false);
    expect(placementChanged(withTv, tvUnplugged)).toBe(true);
    expect(placementChanged(tvUnplugged, tvBack)).toBe(true);
    expect(placementChanged(withTv, tvBack)).toBe(false);
  });

  it('fills the screen in kiosk and centres a normal window on it', () => {
    expect(windowBoundsOn(tvRight, true)).toEqual({ x: 1366, y: 0, width: 1920, height: 1080 });
    expect(windowBoundsOn(tvRight, false)).toEqual({ x: 1366 + 320, y: 140, width: 1280, height: 800 });
    expect(windowBoundsOn(laptop, false)).toEqual({ x: 43, y: 0, width: 1280, height: 768 });
  });
});

describe('planLaunch', () => {
  it.each([
    ['no settings → demo with both windows', 'hub-counter', false, [], { demo: true, hub: true, counterWindow: true, displayWindow: 'always', settingsWindow: false }],
    ['hub + counter', 'hub-counter', true, [], { demo: false, hub: true, counterWindow: true, displayWindow: 'second-screen', settingsWindow: false }],
    ['counter only', 'counter', true, [], { demo: false, hub: false, counterWindow: true, displayWindow: 'never', settingsWindow: false }],
    ['display only', 'display', true, [], { demo: false, hub: false, counterWindow: false, displayWindow: 'always', settingsWindow: false }],
    ['incomplete settings → settings page only', 'hub-counter', true, ['mã đơn vị'], { demo: false, hub: false, counterWindow: false, displayWindow: 'never', settingsWindow: true }],
  ] as const)('%s', (_name, role, hasSettings, missing, expected) => {
    expect(planLaunch({ role, hasSettings, missing })).toEqual(expected);
  });
});

describe('page URLs', () => {
  it('puts the counter token in the fragment (never sent to a server) and escapes it', () => {
    const url = new URL(counterPageUrl('http://192.168.1.10:3100', 'q1', 'a+b/c='));
    expect(url.pathname).toBe('/counter');
    expect(url.searchParams.get('counter')).toBe('q1');
    expect(decodeURIComponent(url.hash.slice('#token='.length))).toBe('a+b/c=');
    expect(counterPageUrl('http://h:1', 'q2', null)).toBe('http://h:1/counter?counter=q2');
    expect(displayPageUrl('http://h:1')).toBe('http://h:1/display');
  });
});

describe('explainStartupError', () => {
  it.each([
    ["The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115", /rebuild:electron/],
    ['listen EADDRINUSE: address already in use 0.0.0.0:3100', /Cổng của máy chủ quầy/],
    ['This data folder belongs to office hg-vithanh, not hg-ttphcc.', /đơn vị khác/],
    ['boom', /Không khởi động được dịch vụ của máy \(boom\)/],
  ])('%s', (message, expected) => {
    expect(explainStartupError(message)).toMatch(expected);
  });
});

describe('lanHubUrls', () => {
  it('lists LAN IPv4 addresses only (no loopback, IPv6 or link-local)', () => {
    const interfaces = {
      lo: [{ family: 'IPv4', internal: true, address: '127.0.0.1' }],
      Ethernet: [
        { family: 'IPv6', internal: false, address: 'fe80::1' },
        { family: 'IPv4', internal: false, address: '192.168.1.10' },
      ],
      'Wi-Fi': [{ family: 4, internal: false, address: '10.0.0.5' }],
      vEthernet: [{ family: 'IPv4', internal: false, address: '169.254.3.4' }],
      down: undefined,
    };
    expect(lanHubUrls(interfaces, 3100)).toEqual(['http://10.0.0.5:3100', 'http://192.168.1.10:3100']);
  });
});

describe('originsNeedingSecureContext', () => {
  it.each([
    ['counter on a LAN hub over http → that origin', { role: 'counter', hubUrl: 'http://192.168.1.10:3100' }, ['http://192.168.1.10:3100']],
    ['display on a LAN hub', { role: 'display', hubUrl: 'http://hub.local:3100' }, ['http://hub.local:3100']],
    ['hub over https → already secure', { role: 'counter', hubUrl: 'https://hub.office.vn' }, []],
    ['loopback → already secure', { role: 'counter', hubUrl: 'http://127.0.0.1:3100' }, []],
    ['hub role → its own hub is loopback', { role: 'hub-counter', hubUrl: 'http://192.168.1.10:3100' }, []],
    ['no hub URL', { role: 'counter', hubUrl: null }, []],
  ] as const)('%s', (_name, settings, expected) => {
    expect(originsNeedingSecureContext(settings)).toEqual(expected);
  });
  it('no settings (demo) → none', () => expect(originsNeedingSecureContext(null)).toEqual([]));
});
