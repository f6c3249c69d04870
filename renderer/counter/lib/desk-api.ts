/**
 * The one seam between the counter page and the Electron desk app (`window.desk`, src/preload). In a LAN browser
 * there is no `window.desk` and the page falls back to the browser's own features.
 */
import type { PrintTicketArgs, PrintResult } from '../../../src/shared/ipc-contract.js';

export const inDeskApp = (): boolean => typeof window !== 'undefined' && window.desk !== undefined;

/**
 * Prints a queue ticket: silently on the desk's thermal printer in the Electron app; in a browser through the
 * print dialog with the page's 80 mm layout (the `.print-ticket` block, shown only when printing).
 */
export async function printTicket(args: PrintTicketArgs): Promise<PrintResult> {
  if (window.desk) return window.desk['ticket:print'](args);
  window.print();
  return { printed: true, printerName: null, failureReason: null };
}
