// Silent ticket printing: lay the ticket out in a hidden window (no script, no preload) and print it to
// the chosen printer with webContents.print.
import { BrowserWindow } from 'electron';
import type { PrinterSummary, PrintResult, PrintTicketArgs } from '../shared/ipc-contract.js';
import { ticketHtml, ticketPrintOptions } from './print-util.js';

async function withHiddenWindow<T>(use: (window: BrowserWindow) => Promise<T>): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    width: 302, // 80 mm at 96 dpi
    height: 454,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  try {
    return await use(window);
  } finally {
    window.destroy();
  }
}

export function printTicketSilently(args: PrintTicketArgs, printerName: string | null): Promise<PrintResult> {
  return withHiddenWindow(async (window) => {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(ticketHtml(args))}`);
    return new Promise<PrintResult>((resolve) => {
      window.webContents.print(ticketPrintOptions(printerName), (success, failureReason) => {
        resolve({
          printed: success,
          printerName,
          failureReason: success ? null : `Không in được (${failureReason || 'máy in không phản hồi'}). Kiểm tra máy in và giấy.`,
        });
      });
    });
  });
}

export function listPrinters(): Promise<PrinterSummary[]> {
  return withHiddenWindow(async (window) => {
    const printers = await window.webContents.getPrintersAsync();
    return printers.map((printer) => {
      const options = (printer.options ?? {}) as Record<string, unknown>;
      return { name: printer.name, displayName: printer.displayName || printer.name, isDefault: options['is-default'] === 'true' || options.isDefault === true };
    });
  });
}
