// What the app starts for a role: services and windows. Pure, so the role rules have a table test.
import type { DeskRole, DeskSettings } from '../shared/ipc-contract.js';

export interface LaunchPlan {
  /** No settings yet: run the built-in demo (in-process central with the demo catalog, and a hub). */
  demo: boolean;
  /** Run the office hub in this process. */
  hub: boolean;
  counterWindow: boolean;
  /** `always`: open it at start; `second-screen`: only when a second screen is attached (else from the tray). */
  displayWindow: 'always' | 'second-screen' | 'never';
  /** Open the settings page at start (settings are incomplete). */
  settingsWindow: boolean;
}

export function planLaunch(input: { role: DeskRole; hasSettings: boolean; missing: readonly string[] }): LaunchPlan {
  if (!input.hasSettings) return { demo: true, hub: true, counterWindow: true, displayWindow: 'always', settingsWindow: false };
  if (input.missing.length > 0) return { demo: false, hub: false, counterWindow: false, displayWindow: 'never', settingsWindow: true };
  switch (input.role) {
    case 'hub-counter':
      return { demo: false, hub: true, counterWindow: true, displayWindow: 'second-screen', settingsWindow: false };
    case 'counter':
      return { demo: false, hub: false, counterWindow: true, displayWindow: 'never', settingsWindow: false };
    case 'display':
      return { demo: false, hub: false, counterWindow: false, displayWindow: 'always', settingsWindow: false };
  }
}

/** The counter page for one counter; the token rides in the fragment so it never reaches a server log. */
export { counterPageUrl, displayPageUrl } from '../shared/hub-events.js';

/** The hub URL a local hub is reached at from this PC. */
export function localHubUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/** The message an IT officer sees when services cannot start, with the fix for the common causes. */
export function explainStartupError(message: string): string {
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node/i.test(message)) {
    return 'Thư viện SQLite chưa được biên dịch cho Electron. Chạy `npm run rebuild:electron` rồi mở lại (sau đó `npm run rebuild:node` trước khi chạy kiểm thử). / better-sqlite3 is built for Node, not Electron: run `npm run rebuild:electron`.';
  }
  if (/EADDRINUSE/.test(message)) {
    return 'Cổng của máy chủ quầy đang bị chương trình khác dùng. Đổi "Cổng máy chủ quầy" trong Cài đặt hoặc tắt chương trình kia. / The hub port is in use.';
  }
  if (/belongs to office/.test(message)) {
    return 'Thư mục dữ liệu này thuộc đơn vị khác. Kiểm tra "Mã đơn vị" trong Cài đặt. / The data folder belongs to another office.';
  }
  return `Không khởi động được dịch vụ của máy (${message}). Vui lòng kiểm tra cài đặt. / Services failed to start.`;
}

/** Hub addresses other desks and TVs on the LAN can use (IPv4, not loopback), for the tray and docs. */
export function lanHubUrls(interfaces: Record<string, readonly { family: string | number; internal: boolean; address: string }[] | undefined>, port: number): string[] {
  const urls: string[] = [];
  for (const addresses of Object.values(interfaces)) {
    for (const info of addresses ?? []) {
      const ipv4 = info.family === 'IPv4' || info.family === 4;
      if (ipv4 && !info.internal && !info.address.startsWith('169.254.')) urls.push(`http://${info.address}:${port}`);
    }
  }
  return urls.sort();
}

/**
 * Origins Chromium must treat as secure so the counter page may use the camera (getUserMedia needs a
 * secure context): a hub elsewhere on the LAN is plain http://192.168.x.x. Loopback is secure already.
 */
export function originsNeedingSecureContext(settings: Pick<DeskSettings, 'role' | 'hubUrl'> | null): string[] {
  if (!settings?.hubUrl || settings.role === 'hub-counter') return [];
  const url = new URL(settings.hubUrl);
  if (url.protocol !== 'http:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return [];
  return [url.origin];
}
