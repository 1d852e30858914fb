import { join } from 'node:path';
import { DelayedError, type Job } from 'bullmq';
import { generateMusicLoop } from '../../render/compose/music.js';
import { mixSoundtrack } from '../../render/compose/soundtrack.js';
import { storageKeys } from '../../render/storage/storage.js';
import { getFileSigner, getStorage } from '../providers.js';
import { loadRender, renderJobData } from '../renderJob.js';
import { jobIsCurrent, RenderCancelledError, runStage } from '../runStage.js';
import { stagesOfKind } from '../stages.js';
import type { VoiceStageResult } from './voice.js';

export interface SoundtrackResult {
  key: string;
  durationMs: number;
  /** Where each scene (by position) starts in the reel and how long it lasts. */
  scenes?: { startMs: number; durationMs: number }[];
}

/** Bumped when the built-in tracks change, so stored loops are made again. */
const MUSIC_VERSION = 'v1';

/**
 * How long a soundtrack job waits before looking again for unfinished narration: quickly at first,
 * then less often. Every look is a pick-up from the voice queue, which counts against its rate limit
 * (the provider's budget), so a slow provider must not turn into dozens of looks per render.
 */
const RECHECK_MS = 150;
const MAX_RECHECK_MS = 2_000;

export function recheckDelay(pickups: number): number {
  return Math.min(MAX_RECHECK_MS, RECHECK_MS * 2 ** Math.max(0, pickups - 1));
}

/**
 * The reel's audio (every scene's narration where its segment will start, plus music), mixed while
 * the segments encode so the stitch only copies streams. It needs every voice stage; until they are
 * done the job steps aside (delayed, not failed, its worker slot free) and looks again shortly.
 */
export async function processSoundtrack(job: Job, token?: string): Promise<SoundtrackResult> {
  const { renderId } = renderJobData.parse(job.data);
  if (!(await jobIsCurrent(job, renderId))) throw new RenderCancelledError(renderId);
  const voices = await stagesOfKind<VoiceStageResult>(renderId, 'voice');
  if (voices.some((v) => v.status !== 'SUCCEEDED')) {
    await job.moveToDelayed(Date.now() + recheckDelay(job.attemptsStarted), token);
    throw new DelayedError();
  }
  return runStage(job, renderId, 'soundtrack', async ({ workDir, signal }) => {
    const { options } = await loadRender(renderId);
    // In scene order, as read above: a finished stage's result does not change.
    const results = voices.map((v) => v.result());
    const storage = getStorage();
    const paths = results.map((r, i) => join(workDir, `voice-${i}${r.key.slice(r.key.lastIndexOf('.'))}`));
    await Promise.all(results.map((r, i) => storage.download(r.key, paths[i]!)));
    let music = null;
    if (options.music) {
      // One loop per track, made once and kept in storage; the mix loops it to the reel's length.
      const musicPath = join(workDir, 'music.wav');
      const musicKey = `music/${options.music.track.toLowerCase()}-${MUSIC_VERSION}.wav`;
      if ((await storage.size(musicKey)) === null) {
        await generateMusicLoop({ track: options.music.track, outPath: musicPath, signal });
        await storage.put(musicKey, { path: musicPath }, 'audio/wav');
      } else {
        await storage.download(musicKey, musicPath);
      }
      music = { path: musicPath, volume: options.music.volume };
    }
    const outPath = join(workDir, 'soundtrack.m4a');
    const { durationMs, scenes } = await mixSoundtrack({ narrations: paths, fps: options.fps, outPath, music, signal });
    const key = storageKeys.renderFile(renderId, `soundtrack-${getFileSigner().token('render', renderId)}.m4a`);
    const { bytes } = await storage.put(key, { path: outPath }, 'audio/mp4');
    return { result: { key, durationMs, scenes }, detail: { durationMs, bytes, music: options.music?.track ?? null } };
  });
}
