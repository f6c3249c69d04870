// A small rotating log file in the app data folder: one JSON line per entry, the same shape as the desk
// core's Logger. Personal data is scrubbed on the way in (Decree 13/2023/NĐ-CP): phone numbers, ID numbers,
// bearer tokens and MC1 booking tokens never reach the disk.
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FileLogger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
  /** The current log file. */
  readonly path: string;
  /** All log files, newest first. */
  files(): string[];
}

export const LOG_FILE_NAME = 'motcua.log';

const SCRUBBERS: [RegExp, string][] = [
  [/\bMC1\.[0-9A-Za-z]{20,}/gi, 'MC1.<token>'],
  [/\bBearer\s+[\x21-\x7e]+/gi, 'Bearer <redacted>'],
  [/#token=[^\s"&]+/gi, '#token=<redacted>'],
  [/(?<!\d)(?:\+?84|0)(?:[\s.-]?\d){9}(?!\d)/g, '<phone>'],
  [/(?<!\d)(?:\d{12}|\d{9})(?!\d)/g, '<id-number>'],
];
/** Field names whose values are personal or secret, dropped whatever they hold. */
const SECRET_KEYS = /^(fullName|citizenName|name|phone|idNumber|token|deviceToken|counterToken|password|authorization)$/i;

export function scrubText(text: string): string {
  return SCRUBBERS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEYS.test(key) ? '<redacted>' : scrubValue(item, depth + 1)]),
  );
}

export function createFileLogger(opts: { dir: string; maxBytes?: number; keep?: number; now?: () => number; echo?: boolean }): FileLogger {
  const maxBytes = opts.maxBytes ?? 1_000_000;
  const keep = opts.keep ?? 5;
  const now = opts.now ?? Date.now;
  mkdirSync(opts.dir, { recursive: true });
  const path = join(opts.dir, LOG_FILE_NAME);
  const rotated = (n: number) => join(opts.dir, `motcua.${n}.log`);

  function rotateIfFull(): void {
    if (!existsSync(path) || statSync(path).size < maxBytes) return;
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (existsSync(rotated(n))) renameSync(rotated(n), rotated(n + 1));
    renameSync(path, rotated(1));
  }

  function write(level: 'info' | 'warn' | 'error', obj: Record<string, unknown>, msg?: string): void {
    const entry = { level, time: new Date(now()).toISOString(), ...(msg ? { msg: scrubText(msg) } : {}), ...(scrubValue(obj) as object) };
    const line = `${JSON.stringify(entry)}\n`;
    try {
      rotateIfFull();
      appendFileSync(path, line);
    } catch {
      // A full or read-only disk must not take the desk down; the line is lost, the app goes on.
    }
    if (opts.echo) process.stderr.write(line);
  }

  return {
    path,
    info: (obj, msg) => write('info', obj, msg),
    warn: (obj, msg) => write('warn', obj, msg),
    error: (obj, msg) => write('error', obj, msg),
    files: () =>
      readdirSync(opts.dir)
        .filter((name) => /^motcua(\.\d+)?\.log$/.test(name))
        .sort((a, b) => (Number(a.split('.')[1]) || 0) - (Number(b.split('.')[1]) || 0))
        .map((name) => join(opts.dir, name)),
  };
}
