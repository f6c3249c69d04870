/**
 * The announcement's clips: one place that says which short clips exist, what each one says (the clip
 * generator scripts/gen-audio.ts reads SPOKEN_CLIPS), and how a call becomes a sequence of clips.
 * Pure: no DOM, no audio.
 */
import { readNumber, type NumberWord, type ReadingMode, type Region } from './vi-number.js';

/**
 * One clip set per region, in resources/audio/<dir>/ (served by the hub at /audio/<dir>/), each spoken by
 * the espeak-ng voice of that region, so a Southern office hears a Southern accent with "ngàn"/"lẻ".
 */
export const VOICE_SETS: Record<Region, { dir: string; espeakVoice: string }> = {
  south: { dir: 'vi', espeakVoice: 'vi-vn-x-south' },
  north: { dir: 'vi-north', espeakVoice: 'vi' },
};

/** Clip id → Vietnamese text. Ids are ASCII file names (resources/audio/vi/<id>.ogg). */
export const WORD_CLIPS = {
  khong: 'không',
  mot: 'một',
  hai: 'hai',
  ba: 'ba',
  bon: 'bốn',
  nam: 'năm',
  sau: 'sáu',
  bay: 'bảy',
  tam: 'tám',
  chin: 'chín',
  'muoi-huyen': 'mười',
  'muoi-ngang': 'mươi',
  'mot-sac': 'mốt',
  tu: 'tư',
  lam: 'lăm',
  tram: 'trăm',
  ngan: 'ngàn',
  nghin: 'nghìn',
  le: 'lẻ',
  linh: 'linh',
} as const satisfies Record<string, NumberWord>;

export const PHRASE_CLIPS = {
  'moi-cong-dan': 'Mời công dân có số thứ tự',
  'den-quay-so': 'đến quầy số',
  'nhac-lai': 'Xin nhắc lại',
} as const;

/** Every clip spoken by the voice, for the generator. */
export const SPOKEN_CLIPS: Record<string, string> = { ...WORD_CLIPS, ...PHRASE_CLIPS };

/** Not spoken: a two-tone chime synthesised by the generator. */
export const CHIME_CLIP = 'chime';

export type ClipId = keyof typeof WORD_CLIPS | keyof typeof PHRASE_CLIPS | typeof CHIME_CLIP;
export const ALL_CLIP_IDS = [CHIME_CLIP, ...Object.keys(PHRASE_CLIPS), ...Object.keys(WORD_CLIPS)] as ClipId[];

const CLIP_OF_WORD = Object.fromEntries(Object.entries(WORD_CLIPS).map(([id, word]) => [word, id])) as Record<NumberWord, ClipId>;

export interface VoiceSettings {
  reading: ReadingMode;
  region: Region;
}

export interface CallToAnnounce {
  ticketNumber: string;
  counterNumber: number;
  recall: boolean;
}

/**
 * "Mời công dân có số thứ tự 1005 đến quầy số 2", after a chime; a recall starts with "Xin nhắc lại".
 * The counter number is always read whole ("quầy số mười hai").
 */
export function clipsForCall(call: CallToAnnounce, voice: VoiceSettings): ClipId[] {
  const numberClips = readNumber(call.ticketNumber, voice.reading, voice.region).map((w) => CLIP_OF_WORD[w]);
  const counterClips = readNumber(String(call.counterNumber), 'whole', voice.region).map((w) => CLIP_OF_WORD[w]);
  return [
    CHIME_CLIP,
    ...(call.recall ? (['nhac-lai'] as const) : []),
    'moi-cong-dan',
    ...numberClips,
    'den-quay-so',
    ...counterClips,
  ];
}

/** The same announcement as text (shown on screen and in logs). */
export function textForCall(call: CallToAnnounce): string {
  const sentence = `Mời công dân có số thứ tự ${call.ticketNumber} đến quầy số ${call.counterNumber}`;
  return call.recall ? `Xin nhắc lại: ${sentence}` : sentence;
}
