/**
 * Regenerates the display's voice clips offline with espeak-ng and sox — resources/audio/vi (Southern voice)
 * and resources/audio/vi-north (Northern voice), *.ogg + manifest.json each: trimmed, padded,
 * loudness-matched to one RMS level, Ogg Vorbis mono. The clip list, texts and voices come from
 * renderer/display/announce-clips.ts. A studio recording can replace any file later: keep the id, update
 * the manifest entry (any format the browser decodes).
 *
 *   npx tsx scripts/gen-audio.ts [--region south|north] [--speed 135] [--out-root resources/audio]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHIME_CLIP, PHRASE_CLIPS, SPOKEN_CLIPS, VOICE_SETS } from '../renderer/display/announce-clips.js';
import { REGIONS, type Region } from '../renderer/display/vi-number.js';

const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    speed: { type: 'string', default: '135' },
    'out-root': { type: 'string', default: resolve(import.meta.dirname, '../resources/audio') },
  },
});

/** Every clip ends at this RMS level so words and phrases sound equally loud. */
const TARGET_RMS_DB = -21;
const SAMPLE_RATE = 22050;
/** Vorbis quality (-1…10); 1 keeps speech clear at ~45 kbit/s mono. */
const VORBIS_QUALITY = '1';
const RATE = SAMPLE_RATE.toString();

function run(cmd: string, givenArgs: string[]): string {
  // sox -R: repeatable dither and Ogg stream serial, so regenerating unchanged clips gives the same bytes.
  const args = cmd === 'sox' ? ['-R', ...givenArgs] : givenArgs;
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; code?: string };
    if (e.code === 'ENOENT') throw new Error(`${cmd} not found: install it with \`apt-get install -y espeak-ng sox libsox-fmt-all\``, { cause: error });
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr ?? String(error)}`, { cause: error });
  }
}

function stats(file: string): { rmsDb: number; peakDb: number; seconds: number } {
  // sox prints `stats` on stderr.
  const { stderr } = spawnSync('sox', [file, '-n', 'stats'], { encoding: 'utf8' });
  const num = (label: string) => Number(new RegExp(`${label}\\s+(-?[\\d.]+)`).exec(stderr)?.[1]);
  return { rmsDb: num('RMS lev dB'), peakDb: num('Pk lev dB'), seconds: num('Length s') };
}

/**
 * Trims the silence espeak adds, matches loudness, pads a short tail so words don't run together, encodes.
 * Returns the loudness of the sound itself (measured before the silent tail is added).
 */
function finish(rawWav: string, outFile: string, tailSeconds: number): { rmsDb: number; peakDb: number } {
  const trimmed = `${rawWav}.trim.wav`;
  const leveled = `${rawWav}.level.wav`;
  run('sox', [rawWav, '-r', RATE, '-c', '1', trimmed, 'silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse']);
  const gain = TARGET_RMS_DB - stats(trimmed).rmsDb;
  // A boost goes through sox's limiter (`gain -l`) so peaks are squashed rather than clipped.
  run('sox', [trimmed, leveled, 'gain', ...(gain > 0 ? ['-l'] : []), gain.toFixed(2)]);
  run('sox', [leveled, '-C', VORBIS_QUALITY, outFile, 'pad', '0', tailSeconds.toString()]);
  const { rmsDb, peakDb } = stats(leveled);
  return { rmsDb, peakDb };
}

function synthChime(work: string, outFile: string): { rmsDb: number; peakDb: number } {
  // Two-note "ding-dong" (E5 then C5), each note with a soft attack and a long decay.
  const notes = [
    { freq: 659.25, seconds: 0.55 },
    { freq: 523.25, seconds: 0.9 },
  ].map(({ freq, seconds }, i) => {
    const file = join(work, `chime-${i}.wav`);
    run('sox', ['-n', '-r', RATE, '-c', '1', file, 'synth', seconds.toString(), 'sine', freq.toString(), 'sine', (freq * 2).toString(), 'remix', '-', 'fade', 'q', '0.01', seconds.toString(), (seconds * 0.9).toString()]);
    return file;
  });
  const joined = join(work, 'chime.wav');
  run('sox', [...notes, joined]);
  return finish(joined, outFile, 0.25);
}

function generate(voice: string, outDir: string) {
  const voices = run('espeak-ng', ['--voices=vi']);
  if (!voices.toLowerCase().includes(voice.toLowerCase())) {
    throw new Error(`espeak-ng has no voice "${voice}". Available:\n${voices}`);
  }
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'motcua-audio-'));
  const clips: Record<string, { file: string; text: string; durationMs: number; bytes: number; rmsDb: number; peakDb: number }> = {};
  try {
    const record = (id: string, text: string, level: { rmsDb: number; peakDb: number }) => {
      const file = `${id}.ogg`;
      const path = join(outDir, file);
      clips[id] = { file, text, durationMs: Math.round(stats(path).seconds * 1000), bytes: statSync(path).size, ...level };
    };
    record(CHIME_CLIP, '(chuông)', synthChime(work, join(outDir, `${CHIME_CLIP}.ogg`)));
    for (const [id, text] of Object.entries(SPOKEN_CLIPS)) {
      const raw = join(work, `${id}.wav`);
      run('espeak-ng', ['-v', voice, '-s', values.speed, '-w', raw, text]);
      const isPhrase = id in PHRASE_CLIPS;
      record(id, text, finish(raw, join(outDir, `${id}.ogg`), isPhrase ? 0.18 : 0.06));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const manifest = {
    language: 'vi',
    voice: `espeak-ng ${voice} (speed ${values.speed})`,
    generatedBy: 'scripts/gen-audio.sh',
    format: 'audio/ogg; codecs=vorbis',
    sampleRate: SAMPLE_RATE,
    targetRmsDb: TARGET_RMS_DB,
    clips,
  };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const total = Object.values(clips).reduce((sum, c) => sum + c.bytes, 0);
  console.log(`${Object.keys(clips).length} clips, ${(total / 1024).toFixed(1)} KiB in ${outDir}`);
}

const regions: readonly Region[] = values.region === undefined ? REGIONS : REGIONS.filter((r) => r === values.region);
if (regions.length === 0) throw new Error(`--region must be one of ${REGIONS.join(', ')}`);
for (const region of regions) generate(VOICE_SETS[region].espeakVoice, join(values['out-root'], VOICE_SETS[region].dir));
