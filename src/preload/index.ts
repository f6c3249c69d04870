// The preload: exposes the desk contract as `window.desk` and nothing else (sandboxed; bundled to CJS).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDeskBridge } from './bridge-util.js';

const desk = buildDeskBridge(
  (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  (channel, listener) => {
    // Drop the event object: it carries the sender and must not reach the page.
    const wrapped = (_event: IpcRendererEvent, ...args: unknown[]) => listener(...args);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
);

contextBridge.exposeInMainWorld('desk', desk);
