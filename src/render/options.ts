import { z } from 'zod';
import { RESOLUTIONS } from './types.js';

export const MUSIC_TRACKS = ['CALM', 'UPBEAT'] as const;

/** What a render was asked to make. Stored on the Render as given (after defaults). */
export const renderOptionsSchema = z.object({
  preset: z.enum(['ULTRAFAST', 'VERYFAST', 'FAST']).default('VERYFAST'),
  resolution: z.enum(['P480', 'P720']).default('P480'),
  fps: z.union([z.literal(24), z.literal(30)], { error: 'fps must be 24 or 30' }).default(30),
  voice: z.string().trim().min(1).max(100).nullable().default(null),
  subtitleStyle: z.enum(['KARAOKE', 'WORD', 'PLAIN']).default('KARAOKE'),
  music: z
    .object({
      track: z.enum(MUSIC_TRACKS),
      volume: z.number().min(0).max(1).default(0.15),
    })
    .nullable()
    .default(null),
});

export type RenderOptions = z.infer<typeof renderOptionsSchema>;

export function sizeOf(options: RenderOptions) {
  return RESOLUTIONS[options.resolution];
}
