// The committed voice clips (resources/audio/<voice>, made by scripts/gen-audio.sh) cover every clip the announcer can ask for.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CLIP_IDS, SPOKEN_CLIPS, VOICE_SETS, clipsForCall } from '../../renderer/display/announce-clips.js';
import { parseManifest, type AudioManifest } from '../../renderer/display/audio-manifest.js';
import { REGIONS, READING_MODES } from '../../renderer/display/vi-number.js';
import { tempDir } from '../helpers/desk.js';

const AUDIO_ROOT = resolve(import.meta.dirname, '../../resources/audio');
const readManifest = (dir: string) => parseManifest(JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')));

describe.each(REGIONS)('the %s voice', (region) => {
  const dir = resolve(AUDIO_ROOT, VOICE_SETS[region].dir);
  const manifest = readManifest(dir) as AudioManifest;

  it(`has a valid manifest (resources/audio/${VOICE_SETS[region].dir}) listing every clip id, each an Ogg file on disk`, () => {
    expect(manifest).not.toBeNull();
    expect(manifest.voice).toContain(`espeak-ng ${VOICE_SETS[region].espeakVoice} `);
    for (const id of ALL_CLIP_IDS) {
      const clip = manifest.clips[id];
      expect(clip, id).toBeDefined();
      const bytes = readFileSync(resolve(dir, clip!.file));
      expect(bytes.subarray(0, 4).toString('latin1'), clip!.file).toBe('OggS');
      expect(statSync(resolve(dir, clip!.file)).size).toBe(clip!.bytes);
    }
  });

  it('keeps clips small and loudness-matched', () => {
    const clips = Object.entries(manifest.clips);
    const total = clips.reduce((sum, [, c]) => sum + c.bytes, 0);
    console.log(`${region} voice clips: ${clips.length}, ${(total / 1024).toFixed(1)} KiB total`);
    expect(total).toBeLessThan(400 * 1024);
    for (const [id, clip] of clips) {
      expect(clip.bytes, id).toBeLessThan(30 * 1024);
      expect(Math.abs(clip.rmsDb - manifest.targetRmsDb), `${id} RMS ${clip.rmsDb} dB`).toBeLessThanOrEqual(1.5);
      expect(clip.peakDb, id).toBeLessThanOrEqual(0);
    }
  });

  it('says what the code expects each clip to say', () => {
    for (const [id, text] of Object.entries(SPOKEN_CLIPS)) expect(manifest.clips[id]?.text).toBe(text);
  });

  it('covers every announcement of numbers 1…2999 at counters 1…20 in both reading modes', () => {
    const available = new Set(Object.keys(manifest.clips));
    for (const reading of READING_MODES) {
      for (let n = 1; n < 3000; n += 1) {
        const clips = clipsForCall({ ticketNumber: String(n), counterNumber: (n % 20) + 1, recall: n % 7 === 0 }, { reading, region });
        for (const clip of clips) if (!available.has(clip)) throw new Error(`no clip ${clip} for ${n} (${reading}, ${region})`);
      }
    }
  });
});

const haveTools = ['espeak-ng', 'sox'].every((tool) => spawnSync(tool, ['--version']).status === 0);
if (!haveTools) console.log('skipping the clip regeneration test: espeak-ng or sox is not installed (apt-get install -y espeak-ng sox libsox-fmt-all)');

describe.skipIf(!haveTools)('scripts/gen-audio.sh', () => {
  it('regenerates the committed clips of both voices byte for byte, offline', () => {
    const out = tempDir('motcua-audio-');
    try {
      const run = spawnSync('sh', [resolve(import.meta.dirname, '../../scripts/gen-audio.sh'), '--out-root', out.path], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      for (const region of REGIONS) {
        const committedDir = resolve(AUDIO_ROOT, VOICE_SETS[region].dir);
        const freshDir = resolve(out.path, VOICE_SETS[region].dir);
        const committed = readManifest(committedDir)!;
        expect(readManifest(freshDir)).toEqual(committed);
        for (const clip of Object.values(committed.clips)) {
          expect(readFileSync(resolve(freshDir, clip.file)).equals(readFileSync(resolve(committedDir, clip.file))), `${region} ${clip.file}`).toBe(true);
        }
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
