/**
 * The announcement queue: calls are spoken one after another, in arrival order, each to its end — a new
 * call never cuts off the one being spoken. Pure: the audio player, clock and sleep are injected, so
 * unit tests drive it with a fake player.
 */
import { clipsForCall, type CallToAnnounce, type ClipId, type VoiceSettings } from './announce-clips.js';

export interface ClipPlayer {
  /** Plays one clip at `volume` (0…1) and resolves when it has finished (rejects if it cannot play). */
  play(clip: ClipId, volume: number): Promise<void>;
}

export interface AnnouncerSettings extends VoiceSettings {
  muted: boolean;
  /** 0…1 */
  volume: number;
}

export interface Announcement {
  /** The call id: an announcement is spoken at most once per id (a reconnect never repeats one). */
  id: string;
  call: CallToAnnounce;
  /** When the call was made (epoch ms). */
  at: number;
}

export interface AnnouncerOptions {
  player: ClipPlayer;
  /** Read before every clip, so mute and volume take effect at once. */
  settings: () => AnnouncerSettings;
  now?: () => number;
  /** A call still queued this long after it was made is dropped instead of spoken late. */
  maxAgeMs?: number;
  /** Silence between two announcements. */
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when an announcement starts (and `null` when the queue falls silent). */
  onSpeaking?: (announcement: Announcement | null) => void;
  onError?: (error: unknown, clip: ClipId) => void;
}

export interface Announcer {
  /** Queues a call; false if it was already announced/queued or sound is muted. */
  announce(announcement: Announcement): boolean;
  /** Calls waiting behind the one being spoken. */
  pending(): number;
  speaking(): Announcement | null;
  /** Resolves when the queue is empty and nothing is playing. */
  idle(): Promise<void>;
}

const SEEN_IDS_KEPT = 500;

export function createAnnouncer(options: AnnouncerOptions): Announcer {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? 3 * 60_000;
  const pauseMs = options.pauseMs ?? 700;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const queue: Announcement[] = [];
  const seen = new Set<string>();
  let current: Announcement | null = null;
  let running: Promise<void> | null = null;

  function remember(id: string) {
    seen.add(id);
    // Sets iterate in insertion order: drop the oldest ids so a day of calls stays small.
    if (seen.size > SEEN_IDS_KEPT) seen.delete(seen.values().next().value!);
  }

  async function speak(announcement: Announcement) {
    for (const clip of clipsForCall(announcement.call, options.settings())) {
      const { muted, volume } = options.settings();
      if (muted) return;
      try {
        await options.player.play(clip, clamp01(volume));
      } catch (error) {
        // A missing or undecodable clip must not silence the rest of the day: skip it and go on.
        options.onError?.(error, clip);
      }
    }
  }

  async function drain() {
    let first = true;
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (options.settings().muted || now() - next.at > maxAgeMs) continue;
      if (!first) await sleep(pauseMs);
      first = false;
      current = next;
      options.onSpeaking?.(next);
      await speak(next);
    }
    current = null;
    options.onSpeaking?.(null);
  }

  function start() {
    running ??= drain().finally(() => {
      running = null;
      // Something queued during the last await of drain()'s final step: keep going.
      if (queue.length > 0) start();
    });
  }

  return {
    announce(announcement) {
      if (seen.has(announcement.id)) return false;
      remember(announcement.id);
      if (options.settings().muted) return false;
      queue.push(announcement);
      start();
      return true;
    },
    pending: () => queue.length,
    speaking: () => current,
    async idle() {
      while (running) await running;
    },
  };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 1;
}
