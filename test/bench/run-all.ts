// `npm run bench`: runs every test/bench/*.bench.ts in turn (one at a time: they share two cores) and prints one table.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatTable, type BenchRow } from './bench-util.js';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const rows: BenchRow[] = [];
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(resolve(dir, file)).href)) as { default: () => Promise<BenchRow[]> };
  const result = await mod.default();
  for (const row of result) console.log(JSON.stringify(row));
  rows.push(...result);
}
console.log(`\n${formatTable(rows)}`);
process.exit(0);
