// `window.desk`, exposed by src/preload/index.ts inside the Electron app only (absent in a LAN browser).
import type { DeskBridge } from '../shared/ipc-contract';

declare global {
  interface Window {
    /** The desk app's API; undefined when the page runs in an ordinary browser. */
    desk?: DeskBridge;
  }
}

export {};
