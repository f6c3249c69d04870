/**
 * `npm run demo`: the whole office on this PC without Electron — central with the demo catalog and
 * today's bookings, a hub, and the URLs of the counter, display and booking pages.
 *
 *   npm run demo -- [--json] [--clock 2022-01-06T08:00:00+07:00] [--data DIR] [--port 3100] [--central-port 8080] [--host 127.0.0.1]
 *
 * `--json` prints ONE line `{ central, hub, deviceToken, counters: [{ id, token }], officeId, bookings, hotline }`
 * for scripts. The data folder is `--data`, else $MOTCUA_DATA, else ./data/demo. Ctrl-C / SIGTERM stops
 * everything cleanly.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger, silentLogger } from '../src/desk/logger.js';
import { DEMO_CITIZENS, startDemoStack } from '../src/demo/demo-stack.js';
import { counterPageUrl, displayPageUrl } from '../src/shared/hub-events.js';

function parsePort(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--${name} phải là số cổng 0–65535 (0 = cổng trống bất kỳ) / must be a port number`);
    process.exit(2);
  }
  return port;
}

const PAGES_DIR = resolve(import.meta.dirname, '../dist/renderer');

/** A fresh clone has no built pages: build them once (about 10 s), quietly so `--json` stays one line. */
async function buildPagesIfMissing(): Promise<void> {
  if (existsSync(resolve(PAGES_DIR, 'counter/index.html')) && existsSync(resolve(PAGES_DIR, 'booking/index.html'))) return;
  console.error('Đang dựng giao diện lần đầu… / Building the pages once…');
  const { build } = await import('vite');
  await build({ configFile: resolve(import.meta.dirname, '../vite.config.ts'), logLevel: 'error' });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      clock: { type: 'string' },
      data: { type: 'string' },
      port: { type: 'string' },
      'central-port': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.clock !== undefined && Number.isNaN(Date.parse(values.clock))) {
    console.error(`--clock không hợp lệ / invalid: ${values.clock} (ví dụ 2022-01-06T08:00:00+07:00)`);
    process.exit(2);
  }
  const dataDir = resolve(values.data ?? process.env.MOTCUA_DATA ?? 'data/demo');
  await buildPagesIfMissing();
  const stack = await startDemoStack({
    dataDir,
    host: values.host,
    hubPort: parsePort(values.port, 3100, 'port'),
    centralPort: parsePort(values['central-port'], 8080, 'central-port'),
    logger: values.verbose ? consoleLogger : silentLogger,
    ...(values.clock ? { clockStart: values.clock } : {}),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!values.json) console.log(`\n${signal}: đang dừng… / stopping…`);
    // A stop that hangs (a client holding a socket open) must not leave the demo half-alive.
    setTimeout(() => {
      console.error('Dừng quá lâu, buộc thoát / stop timed out, exiting');
      process.exit(1);
    }, 10_000).unref();
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Dừng không sạch / unclean stop:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (values.json) {
    const line = {
      central: stack.centralUrl,
      hub: stack.hubUrl,
      deviceToken: stack.deviceToken,
      counters: stack.counters.map(({ id, token }) => ({ id, token })),
      officeId: stack.officeId,
      bookings: stack.bookings,
      hotline: stack.hotline,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  const q1 = stack.counters[0];
  console.log(`MotCua demo — dữ liệu / data: ${dataDir}`);
  console.log(`  Quầy tiếp nhận / counter:   ${q1 ? counterPageUrl(stack.hubUrl, q1.id, q1.token) : `${stack.hubUrl}/counter`}`);
  console.log(`  Màn hình chờ / display:     ${displayPageUrl(stack.hubUrl)}`);
  console.log(`  Đặt lịch / booking:         ${stack.centralUrl}/`);
  console.log(`  Tổng đài / hotline:         ${stack.centralUrl}/hotline  (${stack.hotline.username} / ${stack.hotline.password})`);
  console.log(`  Mã ghép nối / pairing code: ${stack.pairingCode}`);
  console.log(`  Mã thiết bị / device token: ${stack.deviceToken}`);
  for (const counter of stack.counters) console.log(`  ${counter.name} (${counter.id}): ${counterPageUrl(stack.hubUrl, counter.id, counter.token)}`);
  const phones = DEMO_CITIZENS.map((citizen) => citizen.phone);
  // A rerun on the same data books nobody new: list the demo citizens' bookings the hub already holds.
  const bookings = stack.bookings.length > 0 || !q1 ? stack.bookings : await bookingsAtHub(stack.hubUrl, q1.token, phones);
  if (bookings.length > 0) {
    console.log('  Lịch hẹn hôm nay / booked today (mã đặt lịch · giờ) — quét hoặc gõ mã ở quầy / scan or type at the counter:');
    for (const booking of bookings) console.log(`    ${booking.code} · ${booking.slot} · ${booking.procedureCode}`);
    console.log('  (Tiếp nhận mở 30 phút trước giờ hẹn / check-in opens 30 min before the slot.)');
  }
  console.log(`  Tra cứu theo số điện thoại / look up by phone: ${phones[0]} … ${phones.at(-1)}`);
  console.log('Nhấn Ctrl-C để dừng / Ctrl-C stops.');
}

async function bookingsAtHub(hubUrl: string, token: string, phones: string[]): Promise<Array<{ code: string; slot: string; procedureCode: string }>> {
  const found: Array<{ code: string; slot: string; procedureCode: string }> = [];
  for (const phone of phones) {
    const response = await fetch(new URL(`/api/v1/bookings?q=${phone}`, hubUrl), { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) continue;
    const { bookings } = (await response.json()) as { bookings: Array<{ code: string; slot: string; procedureCode: string; status: string }> };
    found.push(...bookings.filter((b) => b.status === 'booked'));
  }
  return found;
}

main().catch((error: unknown) => {
  console.error('Không khởi động được bản demo / demo failed to start:', error);
  process.exit(1);
});
