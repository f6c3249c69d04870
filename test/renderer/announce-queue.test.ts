// The announcement queue (renderer/display/announce-queue.ts) driven by a fake audio player.
import { describe, expect, it } from 'vitest';
import { clipsForCall, textForCall } from '../../renderer/display/announce-clips.js';
import { createAnnouncer, type AnnouncerSettings, type ClipPlayer } from '../../renderer/display/announce-queue.js';

/** A fake player: each clip "plays" until the test (or auto mode) ends it; records starts, ends and volumes. */
function createFakePlayer(opts: { auto?: boolean; failClip?: string } = {}) {
  const log: { clip: string; volume: number; event: 'start' | 'end' }[] = [];
  const playing: { clip: string; finish: () => void }[] = [];
  const player: ClipPlayer = {
    play(clip, volume) {
      if (playing.length > 0) throw new Error(`overlap: ${clip} started while ${playing[0]!.clip} plays`);
      log.push({ clip, volume, event: 'start' });
      if (clip === opts.failClip) {
        log.push({ clip, volume, event: 'end' });
        return Promise.reject(new Error('decode error'));
      }
      return new Promise<void>((resolve) => {
        const finish = () => {
          playing.splice(0, 1);
          log.push({ clip, volume, event: 'end' });
          resolve();
        };
        playing.push({ clip, finish });
        if (opts.auto) queueMicrotask(finish);
      });
    },
  };
  /** Ends the clip now playing (waits until one plays). */
  async function finishCurrent() {
    for (let i = 0; i < 100 && playing.length === 0; i++) await new Promise((r) => setTimeout(r, 0));
    if (playing.length === 0) throw new Error('nothing is playing');
    playing[0]!.finish();
    await new Promise((r) => setTimeout(r, 0));
  }
  const starts = () => log.filter((e) => e.event === 'start').map((e) => e.clip);
  return { player, log, playing, finishCurrent, starts };
}

const settingsOf = (over: Partial<AnnouncerSettings> = {}): AnnouncerSettings => ({ muted: false, volume: 0.8, reading: 'whole', region: 'south', ...over });
const call = (id: string, ticketNumber: string, counterNumber: number, recall = false, at = Date.now()) => ({ id, at, call: { ticketNumber, counterNumber, recall } });
const noSleep = () => Promise.resolve();

describe('clipsForCall', () => {
  it('builds chime, phrase, number words, counter phrase and counter number', () => {
    expect(clipsForCall({ ticketNumber: '1005', counterNumber: 2, recall: false }, { reading: 'whole', region: 'south' })).toEqual([
      'chime', 'moi-cong-dan', 'mot', 'ngan', 'khong', 'tram', 'le', 'nam', 'den-quay-so', 'hai',
    ]);
    expect(clipsForCall({ ticketNumber: '1021', counterNumber: 12, recall: true }, { reading: 'digits', region: 'north' })).toEqual([
      'chime', 'nhac-lai', 'moi-cong-dan', 'mot', 'khong', 'hai', 'mot', 'den-quay-so', 'muoi-huyen', 'hai',
    ]);
    expect(clipsForCall({ ticketNumber: '1024', counterNumber: 1, recall: false }, { reading: 'whole', region: 'north' }).slice(2, -2)).toEqual([
      'mot', 'nghin', 'khong', 'tram', 'hai', 'muoi-ngang', 'tu',
    ]);
  });
  it('gives the sentence as text', () => {
    expect(textForCall({ ticketNumber: '1005', counterNumber: 2, recall: false })).toBe('Mời công dân có số thứ tự 1005 đến quầy số 2');
    expect(textForCall({ ticketNumber: '1005', counterNumber: 2, recall: true })).toBe('Xin nhắc lại: Mời công dân có số thứ tự 1005 đến quầy số 2');
  });
});

describe('createAnnouncer', () => {
  it('speaks calls in arrival order and never cuts one off', async () => {
    const fake = createFakePlayer();
    const speaking: (string | null)[] = [];
    const announcer = createAnnouncer({ player: fake.player, settings: () => settingsOf(), sleep: noSleep, onSpeaking: (a) => speaking.push(a?.id ?? null) });
    expect(announcer.announce(call('a', '1001', 1))).toBe(true);
    // Two more calls arrive while the first one's chime is still playing.
    await fake.finishCurrent(); // chime of a
    expect(announcer.announce(call('b', '1002', 2))).toBe(true);
    expect(announcer.announce(call('c', '1003', 3))).toBe(true);
    expect(announcer.pending()).toBe(2);
    expect(announcer.speaking()?.id).toBe('a');
    while (fake.playing.length > 0 || announcer.pending() > 0 || announcer.speaking()) await fake.finishCurrent().catch(() => undefined);
    await announcer.idle();
    const expected = [
      ...clipsForCall(call('a', '1001', 1).call, settingsOf()),
      ...clipsForCall(call('b', '1002', 2).call, settingsOf()),
      ...clipsForCall(call('c', '1003', 3).call, settingsOf()),
    ];
    expect(fake.starts()).toEqual(expected);
    // Strictly alternating start/end: no clip started before the previous one ended.
    expect(fake.log.map((e) => e.event)).toEqual(expected.flatMap(() => ['start', 'end']));
    expect(speaking).toEqual(['a', 'b', 'c', null]);
  });

  it('repeats a number on recall (a new call id) but never speaks the same call id twice', async () => {
    const fake = createFakePlayer({ auto: true });
    const announcer = createAnnouncer({ player: fake.player, settings: () => settingsOf(), sleep: noSleep });
    expect(announcer.announce(call('a', '1005', 2))).toBe(true);
    expect(announcer.announce(call('a', '1005', 2))).toBe(false); // the same event delivered again (e.g. after a reconnect)
    expect(announcer.announce(call('a-recall', '1005', 2, true))).toBe(true);
    await announcer.idle();
    const chimes = fake.starts().filter((c) => c === 'chime').length;
    expect(chimes).toBe(2);
    expect(fake.starts()).toEqual([
      ...clipsForCall({ ticketNumber: '1005', counterNumber: 2, recall: false }, settingsOf()),
      ...clipsForCall({ ticketNumber: '1005', counterNumber: 2, recall: true }, settingsOf()),
    ]);
    expect(fake.starts()).toContain('nhac-lai');
  });

  it('plays at the current volume, clamped to 0…1, and follows a change at once', async () => {
    const fake = createFakePlayer();
    let settings = settingsOf({ volume: 0.5 });
    const announcer = createAnnouncer({ player: fake.player, settings: () => settings, sleep: noSleep });
    announcer.announce(call('a', '7', 1));
    settings = settingsOf({ volume: 3 }); // changed while the chime plays: the next clip follows it
    await fake.finishCurrent();
    while (announcer.speaking()) await fake.finishCurrent().catch(() => undefined);
    await announcer.idle();
    const volumes = fake.log.filter((e) => e.event === 'start').map((e) => e.volume);
    expect(volumes[0]).toBe(0.5);
    expect(volumes.slice(1).every((v) => v === 1)).toBe(true);
  });

  it('stays silent when muted, and stops speaking at once when muted mid-announcement', async () => {
    const fake = createFakePlayer();
    let settings = settingsOf({ muted: true });
    const announcer = createAnnouncer({ player: fake.player, settings: () => settings, sleep: noSleep });
    expect(announcer.announce(call('a', '1001', 1))).toBe(false);
    await announcer.idle();
    expect(fake.starts()).toEqual([]);

    settings = settingsOf();
    announcer.announce(call('b', '1002', 1));
    announcer.announce(call('c', '1003', 1));
    await fake.finishCurrent(); // chime of b
    settings = settingsOf({ muted: true });
    await fake.finishCurrent(); // the clip that was already playing ends normally
    await announcer.idle();
    expect(fake.starts()).toEqual(['chime', 'moi-cong-dan']);
    expect(announcer.pending()).toBe(0);
  });

  it('skips a clip that fails to play and goes on', async () => {
    const fake = createFakePlayer({ auto: true, failClip: 'moi-cong-dan' });
    const errors: string[] = [];
    const announcer = createAnnouncer({ player: fake.player, settings: () => settingsOf(), sleep: noSleep, onError: (_e, clip) => errors.push(clip) });
    announcer.announce(call('a', '3', 4));
    await announcer.idle();
    expect(errors).toEqual(['moi-cong-dan']);
    expect(fake.starts()).toEqual(['chime', 'moi-cong-dan', 'ba', 'den-quay-so', 'bon']);
  });

  it('drops a call that waited longer than maxAgeMs instead of announcing it late', async () => {
    const fake = createFakePlayer();
    let now = 1_000_000;
    const announcer = createAnnouncer({ player: fake.player, settings: () => settingsOf(), sleep: noSleep, now: () => now, maxAgeMs: 60_000 });
    announcer.announce(call('a', '1', 1, false, now));
    announcer.announce(call('b', '2', 1, false, now)); // will be stale by its turn
    announcer.announce(call('c', '3', 1, false, now + 70_000));
    now += 70_000;
    while (announcer.speaking()) await fake.finishCurrent().catch(() => undefined);
    await announcer.idle();
    const numbers = fake.starts().filter((c) => ['mot', 'hai', 'ba'].includes(c));
    expect(numbers).toEqual(['mot', 'mot', 'ba', 'mot']); // "1" at counter 1, then "3" at counter 1; "2" skipped
  });

  it('pauses between announcements, not before the first', async () => {
    const fake = createFakePlayer({ auto: true });
    const pauses: number[] = [];
    const announcer = createAnnouncer({ player: fake.player, settings: () => settingsOf(), pauseMs: 650, sleep: async (ms) => void pauses.push(ms) });
    announcer.announce(call('a', '1', 1));
    announcer.announce(call('b', '2', 1));
    await announcer.idle();
    expect(pauses).toEqual([650]);
  });
});
