// Where the app keeps and finds things. userData is per Windows user (%APPDATA%\MotCua); MOTCUA_DATA
// overrides it (tests, a portable install), and must be applied before `app` is ready.
import { join, resolve } from 'node:path';
import { app } from 'electron';

export interface AppPaths {
  userData: string;
  settingsFile: string;
  /** The hub's SQLite data (hub role). */
  hubDir: string;
  /** The built-in demo's central + hub data. */
  demoDir: string;
  logsDir: string;
  /** Built renderer pages (dist/renderer), inside app.asar when packaged. */
  rendererDir: string;
  preloadFile: string;
  iconFile: string;
}

export function applyDataDirOverride(): void {
  const override = process.env.MOTCUA_DATA;
  if (override) app.setPath('userData', resolve(override));
}

export function appPaths(): AppPaths {
  const userData = app.getPath('userData');
  const root = app.getAppPath();
  return {
    userData,
    settingsFile: join(userData, 'settings.json'),
    hubDir: join(userData, 'hub'),
    demoDir: join(userData, 'demo'),
    logsDir: join(userData, 'logs'),
    rendererDir: join(root, 'dist', 'renderer'),
    preloadFile: join(root, 'out', 'preload', 'index.cjs'),
    iconFile: join(root, 'resources', 'icons', '256x256.png'),
  };
}
