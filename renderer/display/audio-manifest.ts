/** The voice-clip manifest (resources/audio/<lang>/manifest.json, served by the hub at /audio/<lang>/). */
import { z } from 'zod';

const ClipSchema = z.object({
  /** A bare file name next to the manifest: no paths, so a bad manifest cannot point elsewhere. */
  file: z.string().regex(/^[a-z0-9-]+\.(ogg|opus|mp3|m4a|wav)$/),
  text: z.string(),
  durationMs: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  rmsDb: z.number(),
  peakDb: z.number(),
});

export const AudioManifestSchema = z.object({
  language: z.string(),
  voice: z.string(),
  format: z.string(),
  targetRmsDb: z.number(),
  clips: z.record(z.string(), ClipSchema),
});
export type AudioManifest = z.infer<typeof AudioManifestSchema>;

/** The manifest, or null if it is not one (the page then stays silent instead of failing). */
export function parseManifest(value: unknown): AudioManifest | null {
  const result = AudioManifestSchema.safeParse(value);
  return result.success ? result.data : null;
}
