/**
 * The hub's logger. Log booking codes and ticket numbers only — never a name, phone or ID number
 * (Decree 13/2023/NĐ-CP). A pino or fastify logger fits this shape.
 */
export interface Logger {
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One JSON line per entry on stderr (the CLI's stdout carries the --json line). */
export const consoleLogger: Logger = {
  info: (obj, msg) => console.error(JSON.stringify({ level: 'info', time: new Date().toISOString(), msg, ...obj })),
  warn: (obj, msg) => console.error(JSON.stringify({ level: 'warn', time: new Date().toISOString(), msg, ...obj })),
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', time: new Date().toISOString(), msg, ...obj })),
};
