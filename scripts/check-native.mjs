// Fails the install loudly when better-sqlite3's native build is missing (npm 11 may hold back install scripts).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').prepare('select 1').get();
} catch (error) {
  console.error('\nbetter-sqlite3 native module does not load under this Node:', error.message);
  console.error('Run `npm rebuild better-sqlite3` (or `npm run rebuild:node`) and check that python3, make and g++ are present.\n');
  process.exit(1);
}
