// The app's windows and their security: counter, waiting-room display (kiosk on the chosen screen,
// moved when screens change) and settings. Every page is sandboxed, isolated and kept on its origins.
import { BrowserWindow, screen, type Session, type WebContents } from 'electron';
import type { Logger } from '../desk/create-desk.js';
import { chooseDisplayScreen, placementChanged, windowBoundsOn, type DisplayPlacement, type ScreenInfo } from './screen-util.js';
import { APP_ORIGIN, buildCsp, isNavigationAllowed, isPermissionAllowed, originOf } from './security-util.js';

export interface WindowContext {
  allowedOrigins: readonly string[];
  preloadFile: string;
  iconFile: string;
  logger: Logger;
}

/** CSP on every response our windows load from allowed origins, and permissions only for them. */
export function secureSession(session: Session, ctx: Pick<WindowContext, 'allowedOrigins' | 'logger'>): void {
  const hubOrigins = ctx.allowedOrigins.filter((origin) => origin !== APP_ORIGIN);
  const csp = buildCsp(hubOrigins);
  session.webRequest.onHeadersReceived((details, callback) => {
    const origin = originOf(details.url);
    if (details.resourceType !== 'mainFrame' || !origin || !ctx.allowedOrigins.includes(origin)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((contents, permission, callback) => {
    const allowed = isPermissionAllowed(permission, contents.getURL(), ctx.allowedOrigins);
    if (!allowed) ctx.logger.warn({ permission, origin: originOf(contents.getURL()) }, 'permission refused');
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin, ctx.allowedOrigins));
}

/** No new windows, no navigation away, no <webview>. */
export function hardenContents(contents: WebContents, ctx: Pick<WindowContext, 'allowedOrigins' | 'logger'>): void {
  contents.setWindowOpenHandler(({ url }) => {
    ctx.logger.warn({ origin: originOf(url) }, 'window.open refused');
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isNavigationAllowed(url, ctx.allowedOrigins)) return;
    event.preventDefault();
    ctx.logger.warn({ origin: originOf(url) }, 'navigation refused');
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function secureWindow(ctx: WindowContext, options: { title: string; preload: boolean; autoplay?: boolean; bounds?: Electron.Rectangle; kiosk?: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    title: options.title,
    icon: ctx.iconFile,
    show: false,
    width: options.bounds?.width ?? 1280,
    height: options.bounds?.height ?? 800,
    ...(options.bounds ? { x: options.bounds.x, y: options.bounds.y } : {}),
    kiosk: options.kiosk ?? false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...(options.preload ? { preload: ctx.preloadFile } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      ...(options.autoplay ? { autoplayPolicy: 'no-user-gesture-required' as const } : {}),
    },
  });
  hardenContents(window.webContents, ctx);
  window.once('ready-to-show', () => window.show());
  return window;
}

export function createCounterWindow(ctx: WindowContext, url: string): BrowserWindow {
  const window = secureWindow(ctx, { title: 'MotCua – Quầy tiếp nhận', preload: true });
  void window.loadURL(url);
  return window;
}

export function createSettingsWindow(ctx: WindowContext): BrowserWindow {
  const window = secureWindow(ctx, { title: 'MotCua – Cài đặt', preload: true, bounds: { x: 0, y: 0, width: 760, height: 860 } });
  window.center();
  void window.loadURL(`${APP_ORIGIN}/settings/index.html`);
  return window;
}

function currentScreens(): ScreenInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((display) => ({ id: display.id, label: display.label, bounds: display.bounds, primary: display.id === primaryId }));
}

export function listScreens(): ScreenInfo[] {
  return currentScreens();
}

function place(window: BrowserWindow, placement: DisplayPlacement): void {
  if (!placement.screen) return;
  // Leave kiosk first: a kiosk window cannot be moved to another screen.
  if (window.isKiosk()) window.setKiosk(false);
  window.setBounds(windowBoundsOn(placement.screen, placement.kiosk));
  if (placement.kiosk) window.setKiosk(true);
}

/**
 * The waiting-room display: kiosk on the saved screen (or the first secondary), moved when a screen is
 * plugged in or out. No preload: the display page is a plain web page that only talks socket.io.
 */
export function createDisplayWindow(ctx: WindowContext, url: string, opts: { savedScreenId: number | null; displayOnly: boolean; sound: boolean }): BrowserWindow {
  let placement = chooseDisplayScreen(currentScreens(), opts.savedScreenId, opts.displayOnly);
  const window = secureWindow(ctx, {
    title: 'MotCua – Màn hình chờ',
    preload: false,
    autoplay: true,
    kiosk: placement.kiosk,
    ...(placement.screen ? { bounds: windowBoundsOn(placement.screen, placement.kiosk) } : {}),
  });
  window.webContents.setAudioMuted(!opts.sound);
  ctx.logger.info({ screenId: placement.screen?.id ?? null, kiosk: placement.kiosk, reason: placement.reason }, 'display window placed');
  const onScreensChanged = () => {
    if (window.isDestroyed()) return;
    const next = chooseDisplayScreen(currentScreens(), opts.savedScreenId, opts.displayOnly);
    if (!placementChanged(placement, next)) return;
    placement = next;
    place(window, next);
    ctx.logger.info({ screenId: next.screen?.id ?? null, kiosk: next.kiosk, reason: next.reason }, 'display window moved');
  };
  screen.on('display-added', onScreensChanged);
  screen.on('display-removed', onScreensChanged);
  screen.on('display-metrics-changed', onScreensChanged);
  window.on('closed', () => {
    screen.off('display-added', onScreensChanged);
    screen.off('display-removed', onScreensChanged);
    screen.off('display-metrics-changed', onScreensChanged);
  });
  void window.loadURL(url);
  return window;
}

/** Whether a second screen is attached now (hub+counter desks open the display only then). */
export function hasSecondScreen(): boolean {
  return currentScreens().some((info) => !info.primary);
}
