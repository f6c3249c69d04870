// The central server's command line: serve, or run an admin command.
import { parseArgs } from 'node:util';
import { createRunningClock } from '../shared/time.js';
import { createCentral, DEMO_OPERATOR, ensureDemoOperator, openDatabase } from './create-central.js';
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from './app.js';
import { openStore } from './store.js';

const USAGE = `MotCua central server
  npm run central -- [--port 8080] [--host 0.0.0.0] [--data DIR] [--demo] [--json] [--clock ISO] [--catalog FILE]
                     [--rate-limit N] [--trust-proxy]
  npm run central -- keys rotate [--data DIR]                          new signing key; old public keys stay published
  npm run central -- device-token create --office ID [--data DIR]      prints a new device token (stored hashed)
  npm run central -- operator add --username U --password P --name N [--data DIR]
DATABASE_URL selects PostgreSQL instead of the SQLite file in DIR (default ./data/central).
--demo seeds the Hậu Giang demo catalog, prints one device token per office and makes the hotline operator tongdai.`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}

const { values, positionals } = parseCliArgs(() => parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '0.0.0.0' },
    data: { type: 'string', default: './data/central' },
    demo: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    clock: { type: 'string' },
    catalog: { type: 'string' },
    'rate-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean', default: false },
    office: { type: 'string' },
    username: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
  },
}));

const databaseUrl = process.env.DATABASE_URL || undefined;
const storage = databaseUrl ? { databaseUrl } : { dataDir: values.data };

/** Bad flags get the usage, not a stack trace. */
function parseCliArgs<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function adminCommand(command: string): Promise<void> {
  const db = await openDatabase(storage);
  try {
    const store = await openStore({ db, now: Date.now });
    if (command === 'keys rotate') {
      console.log(`New signing key: ${await store.rotateKey()}`);
    } else if (command === 'device-token create') {
      if (!values.office) fail('device-token create needs --office ID');
      if (!store.catalog.offices.has(values.office)) fail(`Unknown office ${values.office} (seed a catalog first, e.g. with --demo)`);
      console.log(await store.createDeviceToken(values.office));
    } else if (command === 'operator add') {
      if (!values.username || !values.password || !values.name) fail('operator add needs --username, --password and --name');
      const { operatorId } = await store.createOperator({ username: values.username, password: values.password, name: values.name });
      console.log(`Operator ${values.username}: ${operatorId}`);
    } else {
      fail(`Unknown command: ${command}`);
    }
  } finally {
    await db.close();
  }
}

async function serve(): Promise<void> {
  const central = await createCentral({
    ...storage,
    demo: values.demo,
    catalogPath: values.catalog,
    clock: createRunningClock(values.clock),
    rateLimitPerMinute: values['rate-limit'] ? Number(values['rate-limit']) : DEFAULT_RATE_LIMIT_PER_MINUTE,
    logger: !values.json,
    trustProxy: values['trust-proxy'],
  });
  if (values.demo) await ensureDemoOperator(central);
  const url = await central.listen({ port: Number(values.port), host: values.host });
  if (values.json) {
    console.log(JSON.stringify({ url, deviceTokens: central.deviceTokens }));
  } else {
    console.log(`MotCua central: ${url} (${databaseUrl ? 'PostgreSQL' : `SQLite in ${values.data}`})`);
    for (const [officeId, token] of Object.entries(central.deviceTokens)) console.log(`  device token ${officeId}: ${token}`);
    if (values.demo) console.log(`  booking page: ${url}/   hotline: ${url}/hotline (${DEMO_OPERATOR.username} / ${DEMO_OPERATOR.password})`);
  }
  const shutdown = () => {
    central.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

try {
  if (positionals.length > 0) await adminCommand(positionals.join(' '));
  else await serve();
} catch (error) {
  // A plain message for the operator (database unreachable, bad catalog file, port in use…), not a stack.
  console.error(`MotCua central: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
