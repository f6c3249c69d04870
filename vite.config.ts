// Builds the renderer pages (counter, display, booking, hotline) into dist/renderer; the hub and central serve them.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, 'renderer');

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    reportCompressedSize: true,
    rollupOptions: {
      input: {
        counter: resolve(root, 'counter/index.html'),
        display: resolve(root, 'display/index.html'),
        booking: resolve(root, 'booking/index.html'),
        hotline: resolve(root, 'booking/hotline.html'),
        settings: resolve(root, 'settings/index.html'),
      },
    },
  },
});
