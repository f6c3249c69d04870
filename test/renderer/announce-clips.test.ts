// The committed voice clips (resources/audio/vi, made by scripts/gen-audio.sh) cover every clip the announcer can ask for.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempDir } from '../helpers/desk.js';
import { describe, expect, it } from 'vitest';
import { ALL_CLIP_IDS, SPOKEN_CLIPS, clipsForCall } from '../../renderer/display/announce-clips.js';
import { parseManifest } from '../../renderer/display/audio-manifest.js';
import { REGIONS, READING_MODES } from '../../renderer/display/vi-number.js';

const dir = resolve(import.meta.dirname, '../../resources/audio/vi');
const manifest = parseManifest(JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')));

describe('resources/audio/vi', () => {
  it('has a valid manifest listing every clip id, each an Ogg file on disk', () => {
    expect(manifest).not.toBeNull();
    for (const id of ALL_CLIP_IDS) {
      const clip = manifest!.clips[id];
      expect(clip, id).toBeDefined();
      const bytes = readFileSync(resolve(dir, clip!.file));
      expect(bytes.subarray(0, 4).toString('latin1'), clip!.file).toBe('OggS');
      expect(statSync(resolve(dir, clip!.file)).size).toBe(clip!.bytes);
    }
  });

  it('keeps clips small and loudness-matched', () => {
    const clips = Object.entries(manifest!.clips);
    const total = clips.reduce((sum, [, c]) => sum + c.bytes, 0);
    console.log(`voice clips: ${clips.length}, ${(total / 1024).toFixed(1)} KiB total`);
    expect(total).toBeLessThan(400 * 1024);
    for (const [id, clip] of clips) {
      expect(clip.bytes, id).toBeLessThan(30 * 1024);
      expect(Math.abs(clip.rmsDb - manifest!.targetRmsDb), `${id} RMS ${clip.rmsDb} dB`).toBeLessThanOrEqual(1.5);
      expect(clip.peakDb, id).toBeLessThanOrEqual(0);
    }
  });

  it('says what the code expects each clip to say', () => {
    for (const [id, text] of Object.entries(SPOKEN_CLIPS)) expect(manifest!.clips[id]?.text).toBe(text);
  });

  it('covers every announcement of numbers 1…2999 at counters 1…20 in every reading and region', () => {
    const available = new Set(Object.keys(manifest!.clips));
    for (const reading of READING_MODES) {
      for (const region of REGIONS) {
        for (let n = 1; n < 3000; n += 1) {
          const clips = clipsForCall({ ticketNumber: String(n), counterNumber: (n % 20) + 1, recall: n % 7 === 0 }, { reading, region });
          for (const clip of clips) if (!available.has(clip)) throw new Error(`no clip ${clip} for ${n} (${reading}, ${region})`);
        }
      }
    }
  });
});

const haveTools = ['espeak-ng', 'sox'].every((tool) => spawnSync(tool, ['--version']).status === 0);
if (!haveTools) console.log('skipping the clip regeneration test: espeak-ng or sox is not installed (apt-get install -y espeak-ng sox libsox-fmt-all)');

describe.skipIf(!haveTools)('scripts/gen-audio.sh', () => {
  it('regenerates the committed clips byte for byte, offline', () => {
    const out = tempDir('motcua-audio-');
    try {
      const run = spawnSync('sh', [resolve(import.meta.dirname, '../../scripts/gen-audio.sh'), '--out', out.path], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const fresh = parseManifest(JSON.parse(readFileSync(resolve(out.path, 'manifest.json'), 'utf8')));
      expect(fresh).toEqual(manifest);
      for (const clip of Object.values(manifest!.clips)) {
        expect(readFileSync(resolve(out.path, clip.file)).equals(readFileSync(resolve(dir, clip.file))), clip.file).toBe(true);
      }
    } finally {
      out.remove();
    }
  });
});

describe('parseManifest', () => {
  it('refuses a malformed manifest instead of throwing', () => {
    expect(parseManifest(null)).toBeNull();
    expect(parseManifest({ clips: { chime: { file: '../../etc/passwd' } } })).toBeNull();
    expect(parseManifest('<html>')).toBeNull();
  });
});
