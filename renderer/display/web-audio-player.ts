/**
 * Plays the voice clips with WebAudio: all clips are fetched and decoded once (they are small), then played
 * back to back with sample accuracy. A browser that blocks autoplay keeps the context suspended until a
 * click (`unlock`); the Electron window allows autoplay, so it starts running at once.
 */
import type { ClipId } from './announce-clips.js';
import type { ClipPlayer } from './announce-queue.js';
import { parseManifest } from './audio-manifest.js';

export interface WebAudioPlayer extends ClipPlayer {
  /** Resolves once the manifest and clips are loaded (or failed: the page then stays silent). */
  ready: Promise<void>;
  /** True while the browser's autoplay rule keeps sound off. */
  blocked(): boolean;
  /** Call from a click: lifts the autoplay block. */
  unlock(): Promise<boolean>;
  /** Told when `blocked()` changes. */
  onBlockedChange(listener: (blocked: boolean) => void): void;
}

/** A clip that never reports its end (a stalled audio device) must not hold the queue forever. */
const END_GRACE_MS = 1500;

export function createWebAudioPlayer(baseUrl = '/audio/vi/'): WebAudioPlayer {
  const context = new AudioContext();
  const buffers = new Map<string, AudioBuffer>();
  const listeners: ((blocked: boolean) => void)[] = [];
  const blocked = () => context.state !== 'running';
  context.addEventListener('statechange', () => listeners.forEach((l) => l(blocked())));

  const ready = (async () => {
    try {
      const response = await fetch(`${baseUrl}manifest.json`, { cache: 'no-cache' });
      const manifest = parseManifest(await response.json());
      if (!manifest) throw new Error('invalid audio manifest');
      await Promise.all(
        Object.entries(manifest.clips).map(async ([id, clip]) => {
          const data = await (await fetch(`${baseUrl}${clip.file}`)).arrayBuffer();
          buffers.set(id, await context.decodeAudioData(data));
        }),
      );
    } catch (error) {
      console.warn('[display] voice clips unavailable; announcements stay silent', error);
    }
  })();

  return {
    ready,
    blocked,
    async unlock() {
      await context.resume().catch(() => undefined);
      return !blocked();
    },
    onBlockedChange(listener) {
      listeners.push(listener);
    },
    async play(clip: ClipId, volume: number) {
      await ready;
      const buffer = buffers.get(clip);
      if (!buffer) throw new Error(`no clip ${clip}`);
      // A suspended context would never end the clip: skip it instead of stalling the queue.
      if (blocked()) throw new Error('sound blocked by the autoplay rule');
      const source = context.createBufferSource();
      const gain = context.createGain();
      source.buffer = buffer;
      gain.gain.value = volume;
      source.connect(gain).connect(context.destination);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          console.warn(`[display] clip ${clip} did not report its end; going on`);
          resolve();
        }, buffer.duration * 1000 + END_GRACE_MS);
        source.onended = () => {
          clearTimeout(timer);
          resolve();
        };
        source.start();
      });
      source.disconnect();
      gain.disconnect();
    },
  };
}
