// Headless hub (`npm run hub`): the desk core without Electron, for a server PC or scripts.
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { OfficeIdSchema } from '../shared/api.js';
import { counterPageUrl, displayPageUrl } from '../shared/hub-events.js';
import { createRunningClock } from '../shared/time.js';
import { createDesk } from './create-desk.js';
import { consoleLogger } from './logger.js';

const USAGE = `MotCua desk hub (headless)
  npm run hub -- --central URL --office ID --token DEVICE_TOKEN [--port 3100] [--host 0.0.0.0]
                 [--data ./data/hub] [--counters 3] [--sync-interval 30000] [--json] [--clock ISO]
                 [--open-before 30] [--close-after 30] [--retention-days 30] [--ticket-format '{prefix}{seq:3}']
                 [--allow-any-address]
Prints its URL, one counter-page link per counter (with its token) and the pairing code; with --json one line
{ "url", "counters": [{ "id", "name", "token" }], "pairingCode" }. Logs go to stderr as JSON lines.
--allow-any-address accepts clients outside private ranges (an office LAN with public addressing).
MOTCUA_DEVICE_TOKEN may replace --token.`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const ArgsSchema = z.object({
  central: z.url(),
  office: OfficeIdSchema,
  token: z.string().min(8).max(500),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  data: z.string().min(1),
  counters: z.coerce.number().int().min(1).max(99),
  'sync-interval': z.coerce.number().int().min(1000).optional(),
  json: z.boolean(),
  clock: z.string().optional(),
  'open-before': z.coerce.number().int().min(0).max(240).optional(),
  'close-after': z.coerce.number().int().min(0).max(240).optional(),
  'retention-days': z.coerce.number().int().min(1).max(3650).optional(),
  'ticket-format': z.string().max(40).optional(),
  'allow-any-address': z.boolean(),
});

function parseFlags() {
  try {
    return parseArgs({ options: FLAGS }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const FLAGS = {
  central: { type: 'string' },
  office: { type: 'string' },
  token: { type: 'string', default: process.env.MOTCUA_DEVICE_TOKEN },
  port: { type: 'string', default: '3100' },
  host: { type: 'string', default: '0.0.0.0' },
  data: { type: 'string', default: './data/hub' },
  counters: { type: 'string', default: '1' },
  'sync-interval': { type: 'string' },
  json: { type: 'boolean', default: false },
  clock: { type: 'string' },
  'open-before': { type: 'string' },
  'close-after': { type: 'string' },
  'retention-days': { type: 'string' },
  'ticket-format': { type: 'string' },
  'allow-any-address': { type: 'boolean', default: false },
} as const;
const values = parseFlags();

const parsed = ArgsSchema.safeParse(values);
if (!parsed.success) {
  console.error(`Invalid arguments: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${USAGE}`);
  process.exit(2);
}
const args = parsed.data;

const desk = await createDesk({
  dataDir: args.data,
  centralUrl: args.central,
  officeId: args.office,
  deviceToken: args.token,
  clock: createRunningClock(args.clock),
  port: args.port,
  host: args.host,
  counters: args.counters,
  ...(args['sync-interval'] ? { syncIntervalMs: args['sync-interval'] } : {}),
  options: {
    ...(args['open-before'] !== undefined ? { openBeforeMinutes: args['open-before'] } : {}),
    ...(args['close-after'] !== undefined ? { closeAfterMinutes: args['close-after'] } : {}),
    ...(args['retention-days'] !== undefined ? { retentionDays: args['retention-days'] } : {}),
    ...(args['ticket-format'] !== undefined ? { ticketFormat: args['ticket-format'] } : {}),
  },
  lanOnly: !args['allow-any-address'],
  logger: consoleLogger,
});

if (args.json) {
  console.log(JSON.stringify({ url: desk.url, counters: desk.counters, pairingCode: desk.pairingCode }));
} else {
  console.log(`MotCua hub for ${args.office} at ${desk.url}`);
  console.log(`  display (TV): ${displayPageUrl(desk.url)}`);
  if (args.host === '0.0.0.0') {
    const port = new URL(desk.url).port;
    const lan = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal));
    for (const address of lan) console.log(`  on the LAN: http://${address.address}:${port}/display`);
  }
  console.log(`  pairing code: ${desk.pairingCode}`);
  for (const c of desk.counters) console.log(`  ${c.name} (${c.id}): ${counterPageUrl(desk.url, c.id, c.token)}`);
}

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await desk.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
