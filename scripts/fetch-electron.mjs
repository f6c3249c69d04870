// `npm start` fetches Electron's binary on first use (npm ci never downloads it); a failure gets a hint, not a stack.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const result = spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  const reason = (result.stderr ?? '').split('\n').find((line) => /Error/.test(line)) ?? 'unknown error';
  console.error(`Không tải được Electron / Electron's binary could not be downloaded: ${reason.trim()}
- Cần Internet lần chạy đầu, hoặc đặt ELECTRON_MIRROR tới một bản sao nội bộ.
  The first start needs the internet, or ELECTRON_MIRROR pointing at a local mirror.
- Không có Electron vẫn chạy được toàn bộ bằng trình duyệt / without Electron, run everything in a browser: npm run demo`);
  process.exit(1);
}
