// Registers the desk contract: one ipcMain.handle per DESK_METHODS entry, each call validated
// (runDeskMethod) and only from our own pages.
import { BrowserWindow, ipcMain } from 'electron';
import type { Logger } from '../desk/create-desk.js';
import { DESK_METHODS, deskEventChannel, type DeskApi, type DeskEvents } from '../shared/ipc-contract.js';
import { runDeskMethod } from './ipc-util.js';
import { isNavigationAllowed } from './security-util.js';

export function registerDeskApi(impl: DeskApi, opts: { allowedOrigins: () => readonly string[]; logger: Logger }): void {
  for (const method of DESK_METHODS) {
    ipcMain.handle(method, async (event, ...args: unknown[]) => {
      // A frame from anywhere else (it should never load, but defence in depth) gets nothing.
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isNavigationAllowed(senderUrl, opts.allowedOrigins())) {
        opts.logger.warn({ method }, 'IPC from an untrusted frame refused');
        return { ok: false, error: { type: 'APIError', message: 'Trang này không được dùng chức năng của ứng dụng.' } };
      }
      return runDeskMethod(impl, method, args, (failed, error) =>
        opts.logger.error({ method: failed, error: error instanceof Error ? error.message : String(error) }, 'IPC handler failed'),
      );
    });
  }
}

/** Push a main-to-renderer event to every window. */
export function broadcast<K extends keyof DeskEvents>(name: K, ...payload: Parameters<DeskEvents[K]>): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(deskEventChannel(name), ...payload);
  }
}
