// Electron main: lifecycle, the desk contract's implementation, windows and tray. No business logic:
// the desk core (src/desk) and the demo stack do the work; pure rules live in *-util.ts beside this file.
import { writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, net, protocol, safeStorage, screen, session, type Tray } from 'electron';
import type { DeskApi, DiagnosticsResult, SettingsView } from '../shared/ipc-contract.js';
import { fetchOffices } from './central-util.js';
import { buildDiagnosticsZip, diagnosticsFileName } from './diagnostics-util.js';
import { broadcast, registerDeskApi } from './ipc.js';
import { DeskApiError } from './ipc-util.js';
import { counterPageUrl, displayPageUrl, explainStartupError, lanHubUrls, originsNeedingSecureContext, planLaunch, type LaunchPlan } from './launch-util.js';
import { createFileLogger, type FileLogger } from './log-util.js';
import { pairWithHub } from './pairing-util.js';
import { appPaths, applyDataDirOverride, type AppPaths } from './paths.js';
import { sampleTicket } from './print-util.js';
import { listPrinters, printTicketSilently } from './printing.js';
import { APP_ORIGIN, APP_SCHEME, buildCsp, originOf, resolveAppAsset } from './security-util.js';
import { startServices, type RunningServices } from './services.js';
import { loadSettings, saveSettings, settingsPath } from './settings-store.js';
import { DEFAULT_SETTINGS, applySave, missingForRole, openSecret, settingsView, withCounterToken, type SettingsFile } from './settings-util.js';
import { createTray } from './tray.js';
import {
  createCounterWindow,
  createDisplayWindow,
  createSettingsWindow,
  hasSecondScreen,
  listScreens,
  secureSession,
  type WindowContext,
} from './windows.js';

applyDataDirOverride();
// Must happen before `ready`: our own pages (settings) get a standard, secure origin instead of file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Also before `ready`: a counter on a plain-http LAN hub needs a secure context for the camera.
{
  const secureOrigins = originsNeedingSecureContext(loadSettings(settingsPath(app.getPath('userData'))).file?.settings ?? null);
  if (secureOrigins.length > 0) app.commandLine.appendSwitch('unsafely-treat-insecure-origin-as-secure', secureOrigins.join(','));
}

interface AppState {
  paths: AppPaths;
  logger: FileLogger;
  settingsFile: SettingsFile | null;
  plan: LaunchPlan;
  services: RunningServices | null;
  windows: { counter?: BrowserWindow; display?: BrowserWindow; settings?: BrowserWindow };
  tray: Tray | null;
  startedAt: number;
}
let state: AppState | undefined;
let servicesClosed = false;

function settings() {
  return state?.settingsFile?.settings ?? DEFAULT_SETTINGS;
}

function allowedOrigins(): string[] {
  const hubOrigin = state?.services ? originOf(state.services.hubUrl) : null;
  return hubOrigin ? [APP_ORIGIN, hubOrigin] : [APP_ORIGIN];
}

function windowContext(s: AppState): WindowContext {
  return { allowedOrigins: allowedOrigins(), preloadFile: s.paths.preloadFile, iconFile: s.paths.iconFile, logger: s.logger };
}

function reveal(window: BrowserWindow | undefined): boolean {
  if (!window || window.isDestroyed()) return false;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return true;
}

function openCounter(s: AppState): void {
  if (reveal(s.windows.counter) || !s.services) return;
  const counter = s.services.counter;
  const url = counterPageUrl(s.services.hubUrl, counter?.id ?? settings().counterId ?? 'q1', counter?.token ?? null);
  s.windows.counter = createCounterWindow(windowContext(s), url);
}

function openDisplay(s: AppState): void {
  if (reveal(s.windows.display) || !s.services) return;
  s.windows.display = createDisplayWindow(windowContext(s), displayPageUrl(s.services.hubUrl), {
    savedScreenId: settings().displayScreenId,
    displayOnly: settings().role === 'display' && !s.plan.demo,
    sound: settings().sound,
  });
}

function openSettings(s: AppState): void {
  if (reveal(s.windows.settings)) return;
  s.windows.settings = createSettingsWindow(windowContext(s));
}

/** Settings apply on a fresh start: services, windows and origins all follow from them. */
function relaunchSoon(s: AppState): void {
  s.logger.info({}, 'settings saved; relaunching');
  setTimeout(() => {
    app.relaunch();
    app.quit();
  }, 400);
}

async function diagnosticsStatus(s: AppState): Promise<Record<string, unknown>> {
  const view = settingsView(s.settingsFile, safeStorage);
  const printers = await listPrinters().catch(() => []);
  return {
    versions: { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
    platform: `${process.platform}-${process.arch}`,
    uptimeSeconds: Math.round((Date.now() - s.startedAt) / 1000),
    plan: s.plan,
    mode: s.services?.mode ?? null,
    hubUrl: s.services?.hubUrl ?? null,
    hubStatus: (await s.services?.status().catch(() => null)) ?? null,
    // Settings hold no personal data; secrets appear only as "is set".
    settings: view.settings,
    hasDeviceToken: view.hasDeviceToken,
    hasCounterToken: view.hasCounterToken,
    secretsEncrypted: view.secretsEncrypted,
    screens: listScreens(),
    printers: printers.map((printer) => printer.name),
  };
}

async function exportDiagnostics(s: AppState): Promise<DiagnosticsResult> {
  const parent = BrowserWindow.getFocusedWindow();
  const options = {
    title: 'Xuất chẩn đoán',
    defaultPath: join(app.getPath('documents'), diagnosticsFileName(Date.now())),
    filters: [{ name: 'Zip', extensions: ['zip'] }],
  };
  const choice = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { path: null, bytes: 0 };
  const zip = await buildDiagnosticsZip({ logFiles: s.logger.files(), status: await diagnosticsStatus(s), now: Date.now() });
  await writeFile(choice.filePath, zip);
  s.logger.info({ bytes: zip.length }, 'diagnostics exported');
  return { path: choice.filePath, bytes: zip.length };
}

function storeSettings(s: AppState, file: SettingsFile): SettingsView {
  saveSettings(s.paths.settingsFile, file);
  s.settingsFile = file;
  app.setLoginItemSettings({ openAtLogin: file.settings.startOnLogin });
  const view = settingsView(file, safeStorage);
  broadcast('settings:changed', view);
  return view;
}

function deskImpl(s: AppState) {
  return {
    'ticket:print': (args) => printTicketSilently(args, settings().printerName),
    'printer:test': () => printTicketSilently(sampleTicket(Date.now()), settings().printerName),
    'printer:list': () => listPrinters(),
    'settings:read': async () => settingsView(s.settingsFile, safeStorage),
    'settings:save': async (args) => {
      const outcome = applySave(s.settingsFile, args, safeStorage);
      if (!outcome.ok) throw new DeskApiError(outcome.message, 'invalid_input');
      const view = storeSettings(s, outcome.file);
      relaunchSoon(s);
      return view;
    },
    'screen:list': async () =>
      listScreens().map((info) => ({ id: info.id, label: info.label, width: info.bounds.width, height: info.bounds.height, primary: info.primary })),
    'display:open': async () => openDisplay(s),
    'central:offices': (args) => fetchOffices(fetch, args),
    'hub:info': async () => {
      const services = s.services;
      const servesLan = services?.mode === 'hub' || services?.mode === 'demo';
      const port = services ? Number(new URL(services.hubUrl).port) : 0;
      return {
        mode: services?.mode ?? ('none' as const),
        hubUrl: services?.hubUrl ?? null,
        // The demo listens on 127.0.0.1 only: no LAN address to offer.
        lanUrls: services?.mode === 'hub' ? lanHubUrls(networkInterfaces(), port) : [],
        pairingCode: servesLan ? services.pairingCode : null,
      };
    },
    'hub:pair': async (args) => {
      const paired = await pairWithHub(fetch, args);
      const hubUrl = new URL(args.hubUrl).origin;
      storeSettings(s, withCounterToken(s.settingsFile, hubUrl, paired.counterId, paired.token, safeStorage));
      s.logger.info({ counterId: paired.counterId, hub: hubUrl }, 'paired with hub');
      return { counterId: paired.counterId, paired: true as const };
    },
    'app:version': async () => ({
      app: app.getVersion(),
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
      platform: `${process.platform}-${process.arch}`,
    }),
    'diagnostics:export': () => exportDiagnostics(s),
  } satisfies DeskApi;
}

function serveAppPages(s: AppState): void {
  const csp = buildCsp([]);
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(s.paths.rendererDir, request.url);
    if (!file) return new Response('Không tìm thấy', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    return new Response(response.body, { status: response.status, headers });
  });
}

function trayLabel(s: AppState): string {
  switch (s.services?.mode) {
    case 'demo':
      return 'Bản dùng thử (demo)';
    case 'hub': {
      const lan = lanHubUrls(networkInterfaces(), settings().hubPort)[0] ?? s.services.hubUrl;
      return `Máy chủ quầy ${lan} · mã ghép nối ${s.services.pairingCode ?? ''}`;
    }
    case 'remote':
      return settings().role === 'display' ? 'Màn hình chờ' : `Quầy ${settings().counterId ?? ''}`;
    default:
      return 'Chưa cài đặt';
  }
}

async function start(): Promise<void> {
  const paths = appPaths();
  const logger = createFileLogger({ dir: paths.logsDir, echo: !app.isPackaged });
  process.on('uncaughtException', (error) => logger.error({ error }, 'uncaught exception'));
  process.on('unhandledRejection', (error) => logger.error({ error: error instanceof Error ? error : String(error) }, 'unhandled rejection'));

  const loaded = loadSettings(paths.settingsFile);
  if (loaded.problem) logger.warn({ problem: loaded.problem }, 'settings ignored; starting as on first run');
  const file = loaded.file;
  const secrets = {
    deviceToken: openSecret(file?.secrets.deviceToken, safeStorage),
    counterToken: openSecret(file?.secrets.counterToken, safeStorage),
  };
  const missing = file ? missingForRole(file.settings, { deviceToken: secrets.deviceToken !== null, counterToken: secrets.counterToken !== null }) : [];
  const plan = planLaunch({ role: file?.settings.role ?? 'hub-counter', hasSettings: file !== null, missing });
  const s: AppState = { paths, logger, settingsFile: file, plan, services: null, windows: {}, tray: null, startedAt: Date.now() };
  state = s;
  logger.info({ version: app.getVersion(), role: file?.settings.role ?? null, plan }, 'starting');

  serveAppPages(s);
  try {
    if (!plan.settingsWindow) s.services = await startServices({ plan, settings: settings(), secrets, paths, logger });
  } catch (error) {
    logger.error({ error: error as Error }, 'services failed to start');
    dialog.showErrorBox('MotCua', explainStartupError((error as Error).message));
    s.plan = { ...plan, counterWindow: false, displayWindow: 'never', settingsWindow: true };
  }

  secureSession(session.defaultSession, { allowedOrigins: allowedOrigins(), logger });
  registerDeskApi(deskImpl(s), { allowedOrigins, logger });

  if (s.plan.counterWindow) openCounter(s);
  if (s.plan.displayWindow === 'always' || (s.plan.displayWindow === 'second-screen' && hasSecondScreen())) openDisplay(s);
  if (s.plan.displayWindow === 'second-screen') {
    // A TV plugged in later gets the display at once.
    screen.on('display-added', () => {
      if (!s.windows.display || s.windows.display.isDestroyed()) openDisplay(s);
    });
  }
  if (s.plan.settingsWindow) openSettings(s);

  s.tray = createTray(paths.iconFile, { startOnLogin: settings().startOnLogin, subtitle: trayLabel(s), hasCounter: s.plan.counterWindow }, {
    openCounter: () => openCounter(s),
    openDisplay: () => openDisplay(s),
    openSettings: () => openSettings(s),
    exportDiagnostics: () => void exportDiagnostics(s).catch((error: unknown) => logger.error({ error: error as Error }, 'diagnostics export failed')),
    toggleStartOnLogin: (enabled) => {
      if (s.settingsFile) storeSettings(s, { ...s.settingsFile, settings: { ...s.settingsFile.settings, startOnLogin: enabled } });
      else app.setLoginItemSettings({ openAtLogin: enabled });
    },
    quit: () => app.quit(),
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another MotCua is running (it gets focus through 'second-instance'); two hubs on one port would fight.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!state) return;
    if (!reveal(state.windows.counter) && !reveal(state.windows.display)) openSettings(state);
  });
  app.on('window-all-closed', () => {
    // A hub keeps serving the office from the tray; other roles end with their windows.
    if (state?.services?.mode !== 'hub') app.quit();
  });
  app.on('before-quit', (event) => {
    if (servicesClosed || !state?.services) return;
    event.preventDefault();
    servicesClosed = true;
    const services = state.services;
    const logger = state.logger;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5_000));
    void Promise.race([services.close(), timeout])
      .catch((error: unknown) => logger.error({ error: error as Error }, 'services failed to stop'))
      .finally(() => {
        logger.info({}, 'stopped');
        app.quit();
      });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('MotCua', `Ứng dụng không khởi động được: ${(error as Error).message}`);
      app.exit(1);
    });
}
