// Desk settings on disk: defaults, parsing (never crashes on a bad file), secrets sealed by the OS, and
// what each role needs before it can run. Pure: the cipher is Electron's safeStorage, injected.
import { z } from 'zod';
import {
  DEFAULT_HUB_PORT,
  DeskSettingsSchema,
  SaveSettingsArgsSchema,
  type DeskSettings,
  type SaveSettingsArgs,
  type SettingsView,
} from '../shared/ipc-contract.js';
import { VIETNAMESE_ERRORS } from './ipc-util.js';

export const DEFAULT_SETTINGS: DeskSettings = Object.freeze({
  role: 'hub-counter',
  centralUrl: null,
  officeId: null,
  hubPort: DEFAULT_HUB_PORT,
  hubUrl: null,
  counterId: 'q1',
  printerName: null,
  displayScreenId: null,
  sound: true,
  startOnLogin: false,
});

/** The shape of Electron's `safeStorage` that we use (so tests can pass their own). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const StoredSecretSchema = z.object({ encoding: z.enum(['safeStorage', 'plain']), data: z.string().max(4096) });
export type StoredSecret = z.infer<typeof StoredSecretSchema>;

export const SETTINGS_FILE_VERSION = 1;
export const SettingsFileSchema = z.object({
  version: z.literal(SETTINGS_FILE_VERSION),
  settings: DeskSettingsSchema,
  secrets: z.object({ deviceToken: StoredSecretSchema.optional(), counterToken: StoredSecretSchema.optional() }),
});
export type SettingsFile = z.infer<typeof SettingsFileSchema>;
export type SecretName = keyof SettingsFile['secrets'];

export interface LoadedSettings {
  /** null = no settings saved yet: the app runs the built-in demo. */
  file: SettingsFile | null;
  /** Why the file on disk was ignored, if it was (logged; the app then starts as on first run). */
  problem: string | null;
}

/** Parse the settings file's text (null = the file does not exist). A damaged file never stops the app. */
export function parseSettingsFile(text: string | null): LoadedSettings {
  if (text === null) return { file: null, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { file: null, problem: 'settings file is not JSON' };
  }
  const parsed = SettingsFileSchema.safeParse(json);
  if (!parsed.success) return { file: null, problem: `settings file rejected: ${z.prettifyError(parsed.error)}` };
  return { file: parsed.data, problem: null };
}

export function sealSecret(value: string, cipher: SecretCipher): StoredSecret {
  if (cipher.isEncryptionAvailable()) return { encoding: 'safeStorage', data: cipher.encryptString(value).toString('base64') };
  return { encoding: 'plain', data: Buffer.from(value, 'utf8').toString('base64') };
}

/** The secret's text, or null when it cannot be opened (e.g. the file was copied from another user's PC). */
export function openSecret(stored: StoredSecret | undefined, cipher: SecretCipher): string | null {
  if (!stored) return null;
  const bytes = Buffer.from(stored.data, 'base64');
  if (stored.encoding === 'plain') return bytes.toString('utf8');
  if (!cipher.isEncryptionAvailable()) return null;
  try {
    return cipher.decryptString(bytes);
  } catch {
    return null;
  }
}

/** What a role still needs before it can run, as Vietnamese field hints (empty = ready). */
export function missingForRole(settings: DeskSettings, secrets: { deviceToken: boolean; counterToken: boolean }): string[] {
  const missing: string[] = [];
  if (settings.role === 'hub-counter') {
    if (!settings.centralUrl) missing.push('địa chỉ máy chủ trung tâm');
    if (!settings.officeId) missing.push('mã đơn vị');
    if (!secrets.deviceToken) missing.push('mã thiết bị (device token)');
    if (!settings.counterId) missing.push('mã quầy');
  } else {
    if (!settings.hubUrl) missing.push('địa chỉ máy chủ quầy (hub)');
    if (settings.role === 'counter') {
      if (!settings.counterId) missing.push('mã quầy');
      if (!secrets.counterToken) missing.push('mã quầy đã ghép nối (ghép nối với hub)');
    }
  }
  return missing;
}

export type SaveOutcome = { ok: true; file: SettingsFile } | { ok: false; message: string; fields: Record<string, string> };

/**
 * Apply a `settings:save` payload to the current file. Validates with the contract's schema and refuses
 * a role that would not be able to start; omitted secrets keep the stored ones.
 */
export function applySave(current: SettingsFile | null, raw: unknown, cipher: SecretCipher): SaveOutcome {
  const parsed = SaveSettingsArgsSchema.safeParse(raw, VIETNAMESE_ERRORS);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
    return { ok: false, message: `Cài đặt không hợp lệ: ${Object.values(fields).join('; ')}`, fields };
  }
  const args: SaveSettingsArgs = parsed.data;
  const secrets = { ...current?.secrets };
  if (args.deviceToken) secrets.deviceToken = sealSecret(args.deviceToken, cipher);
  if (args.counterToken) secrets.counterToken = sealSecret(args.counterToken, cipher);
  const file: SettingsFile = { version: SETTINGS_FILE_VERSION, settings: parsed.data.settings, secrets };
  const missing = missingForRole(file.settings, {
    deviceToken: openSecret(secrets.deviceToken, cipher) !== null,
    counterToken: openSecret(secrets.counterToken, cipher) !== null,
  });
  if (missing.length > 0) return { ok: false, message: `Còn thiếu: ${missing.join(', ')}.`, fields: {} };
  return { ok: true, file };
}

export function settingsView(file: SettingsFile | null, cipher: SecretCipher): SettingsView {
  return {
    settings: file?.settings ?? DEFAULT_SETTINGS,
    demo: file === null,
    hasDeviceToken: openSecret(file?.secrets.deviceToken, cipher) !== null,
    hasCounterToken: openSecret(file?.secrets.counterToken, cipher) !== null,
    secretsEncrypted: cipher.isEncryptionAvailable(),
  };
}

/** Store the counter token received by pairing, keeping everything else. */
export function withCounterToken(file: SettingsFile | null, hubUrl: string, counterId: string, token: string, cipher: SecretCipher): SettingsFile {
  const base = file ?? { version: SETTINGS_FILE_VERSION, settings: { ...DEFAULT_SETTINGS, role: 'counter' as const }, secrets: {} };
  return {
    ...base,
    settings: { ...base.settings, hubUrl, counterId },
    secrets: { ...base.secrets, counterToken: sealSecret(token, cipher) },
  };
}
