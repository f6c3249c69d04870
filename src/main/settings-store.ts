// Reads and writes settings.json in the app data folder. Writes go to a temp file then rename, so a
// crash mid-write leaves the old file whole (never a half-write).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseSettingsFile, type LoadedSettings, type SettingsFile } from './settings-util.js';

export const SETTINGS_FILE_NAME = 'settings.json';

export function settingsPath(dataDir: string): string {
  return join(dataDir, SETTINGS_FILE_NAME);
}

export function loadSettings(path: string): LoadedSettings {
  let text: string | null;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return { file: null, problem: `cannot read settings: ${(error as Error).message}` };
    text = null;
  }
  return parseSettingsFile(text);
}

export function saveSettings(path: string, file: SettingsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}
