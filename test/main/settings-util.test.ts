import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, saveSettings, settingsPath } from '../../src/main/settings-store.js';
import {
  DEFAULT_SETTINGS,
  applySave,
  missingForRole,
  openSecret,
  parseSettingsFile,
  sealSecret,
  settingsView,
  withCounterToken,
  type SecretCipher,
} from '../../src/main/settings-util.js';
import type { DeskSettings } from '../../src/shared/ipc-contract.js';

/** A stand-in for safeStorage that really transforms the bytes (so a plain read would not pass). */
function xorCipher(available = true): SecretCipher {
  const flip = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => flip(Buffer.from(text, 'utf8')),
    decryptString: (bytes) => flip(bytes).toString('utf8'),
  };
}

const hubSettings: DeskSettings = { ...DEFAULT_SETTINGS, centralUrl: 'https://motcua.example.vn/', officeId: 'hg-ttphcc' };
const DEVICE_TOKEN = 'dev_abcdefgh12345678';

describe('settings file parsing', () => {
  it('treats a missing file as first run (demo) and a damaged one as first run with a logged problem', () => {
    expect(parseSettingsFile(null)).toEqual({ file: null, problem: null });
    expect(parseSettingsFile('{oops').problem).toMatch(/not JSON/);
    const wrongShape = parseSettingsFile(JSON.stringify({ version: 1, settings: { role: 'boss' }, secrets: {} }));
    expect(wrongShape.file).toBeNull();
    expect(wrongShape.problem).toMatch(/role/);
    expect(parseSettingsFile(JSON.stringify({ version: 99, settings: DEFAULT_SETTINGS, secrets: {} })).file).toBeNull();
  });

  it('reads back what was saved, with the trailing slash of a URL removed', () => {
    const cipher = xorCipher();
    const outcome = applySave(null, { settings: hubSettings, deviceToken: DEVICE_TOKEN }, cipher);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.file.settings.centralUrl).toBe('https://motcua.example.vn');
    const reparsed = parseSettingsFile(JSON.stringify(outcome.file));
    expect(reparsed.file).toEqual(outcome.file);
  });
});

describe('settings validation', () => {
  const cipher = xorCipher();
  it.each([
    ['unknown role', { settings: { ...hubSettings, role: 'admin' } }, /role/],
    ['port below 1024', { settings: { ...hubSettings, hubPort: 80 } }, /hubPort/],
    ['ftp central URL', { settings: { ...hubSettings, centralUrl: 'ftp://x' } }, /http/],
    ['URL with credentials', { settings: { ...hubSettings, centralUrl: 'https://a:b@x.vn' } }, /http/],
    ['bad office id', { settings: { ...hubSettings, officeId: 'HG TTPHCC' } }, /đơn vị/],
    ['short token', { settings: hubSettings, deviceToken: 'abc' }, /ngắn/],
    ['token with spaces', { settings: hubSettings, deviceToken: 'abc def ghi jkl' }, /ASCII/],
    ['extra field', { settings: hubSettings, deviceToken: DEVICE_TOKEN, admin: true }, /admin|Unrecognized/i],
    ['not an object', 'settings', /payload|object|expected/i],
  ])('refuses %s with a Vietnamese message', (_name, payload, pattern) => {
    const outcome = applySave(null, payload, cipher);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(/^Cài đặt không hợp lệ/);
      expect(`${outcome.message} ${Object.keys(outcome.fields).join(' ')}`).toMatch(pattern);
    }
  });

  it('refuses a role that could not start, naming what is missing', () => {
    const outcome = applySave(null, { settings: hubSettings }, cipher);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining('mã thiết bị') });
    const counter = applySave(null, { settings: { ...DEFAULT_SETTINGS, role: 'counter', hubUrl: 'http://192.168.1.10:3100' } }, cipher);
    expect(counter).toMatchObject({ ok: false, message: expect.stringContaining('ghép nối') });
  });

  it.each([
    ['hub-counter', {}, ['địa chỉ máy chủ trung tâm', 'mã đơn vị', 'mã thiết bị (device token)']],
    ['counter', {}, ['địa chỉ máy chủ quầy (hub)', 'mã quầy đã ghép nối (ghép nối với hub)']],
    ['display', {}, ['địa chỉ máy chủ quầy (hub)']],
    ['display', { hubUrl: 'http://10.0.0.2:3100' }, []],
  ] as const)('role %s needs %j → %j', (role, extra, expected) => {
    expect(missingForRole({ ...DEFAULT_SETTINGS, role, ...extra }, { deviceToken: false, counterToken: false })).toEqual(expected);
  });

  it('keeps the stored secret when a save omits it', () => {
    const first = applySave(null, { settings: hubSettings, deviceToken: DEVICE_TOKEN }, cipher);
    if (!first.ok) throw new Error(first.message);
    const second = applySave(first.file, { settings: { ...hubSettings, sound: false } }, cipher);
    if (!second.ok) throw new Error(second.message);
    expect(openSecret(second.file.secrets.deviceToken, cipher)).toBe(DEVICE_TOKEN);
    expect(second.file.settings.sound).toBe(false);
  });
});

describe('secrets', () => {
  it('seals with safeStorage when the OS offers it, never as readable text', () => {
    const cipher = xorCipher(true);
    const sealed = sealSecret(DEVICE_TOKEN, cipher);
    expect(sealed.encoding).toBe('safeStorage');
    expect(Buffer.from(sealed.data, 'base64').toString('utf8')).not.toContain(DEVICE_TOKEN);
    expect(openSecret(sealed, cipher)).toBe(DEVICE_TOKEN);
  });

  it('falls back to plain storage without safeStorage and says so in the view', () => {
    const cipher = xorCipher(false);
    const sealed = sealSecret(DEVICE_TOKEN, cipher);
    expect(sealed.encoding).toBe('plain');
    expect(openSecret(sealed, cipher)).toBe(DEVICE_TOKEN);
    expect(settingsView(null, cipher)).toMatchObject({ demo: true, secretsEncrypted: false, hasDeviceToken: false });
  });

  it('reports a secret sealed on another PC as not set (cannot decrypt) instead of crashing', () => {
    const sealed = sealSecret(DEVICE_TOKEN, xorCipher(true));
    const broken: SecretCipher = { ...xorCipher(true), decryptString: () => { throw new Error('key mismatch'); } };
    expect(openSecret(sealed, broken)).toBeNull();
    expect(openSecret(sealed, xorCipher(false))).toBeNull();
  });

  it('stores a paired counter token and switches a fresh desk to the counter role', () => {
    const cipher = xorCipher();
    const file = withCounterToken(null, 'http://192.168.1.10:3100', 'q2', 'ctr_token_123456', cipher);
    expect(file.settings).toMatchObject({ role: 'counter', hubUrl: 'http://192.168.1.10:3100', counterId: 'q2' });
    expect(settingsView(file, cipher)).toMatchObject({ demo: false, hasCounterToken: true });
    expect(missingForRole(file.settings, { deviceToken: false, counterToken: true })).toEqual([]);
  });
});

describe('settings store on disk', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes atomically and reads back; a missing file is first run; garbage is survived', () => {
    const dir = mkdtempSync(join(tmpdir(), 'motcua-settings-'));
    dirs.push(dir);
    const path = settingsPath(join(dir, 'nested'));
    expect(loadSettings(path)).toEqual({ file: null, problem: null });
    const outcome = applySave(null, { settings: hubSettings, deviceToken: DEVICE_TOKEN }, xorCipher());
    if (!outcome.ok) throw new Error(outcome.message);
    saveSettings(path, outcome.file);
    expect(loadSettings(path).file).toEqual(outcome.file);
    expect(readFileSync(path, 'utf8')).not.toContain(DEVICE_TOKEN);
    writeFileSync(path, '\u0000\u0001garbage');
    expect(loadSettings(path)).toMatchObject({ file: null, problem: expect.stringMatching(/JSON/) });
  });
});
