// "Export diagnostics": a zip of the log files and a status report for the IT officer or the vendor.
// No personal data: logs are scrubbed again (older files may predate a scrubber rule) and the status
// carries settings without secrets.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import JSZip from 'jszip';
import { scrubText, scrubValue } from './log-util.js';

export interface DiagnosticsInput {
  logFiles: readonly string[];
  /** Versions, settings (secrets omitted), hub status, screens, printers… anything JSON. */
  status: Record<string, unknown>;
  now: number;
}

export async function buildDiagnosticsZip(input: DiagnosticsInput): Promise<Buffer> {
  const zip = new JSZip();
  const created = new Date(input.now).toISOString();
  zip.file('status.json', `${JSON.stringify({ created, ...(scrubValue(input.status) as object) }, null, 2)}\n`);
  for (const file of input.logFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      text = `(cannot read: ${(error as Error).message})\n`;
    }
    zip.file(`logs/${basename(file)}`, scrubText(text));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Default file name, e.g. motcua-diagnostics-2026-12-03T17-05-00.zip. */
export function diagnosticsFileName(now: number): string {
  return `motcua-diagnostics-${new Date(now).toISOString().slice(0, 19).replace(/:/g, '-')}.zip`;
}
