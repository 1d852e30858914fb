import type { Job } from 'bullmq';
import { prisma } from '../../db.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { pauseMarks } from '../../render/voice/pauses.js';
import { hashOf } from '../hash.js';
import { getStorage, getVoice } from '../providers.js';
import { loadRenderedScene, recordRendered, renderedSceneFile } from '../renderedScenes.js';
import { loadRender, renderJobData } from '../renderJob.js';
import { runStage } from '../runStage.js';
import { stageName } from '../stages.js';

export interface VoiceStageResult {
  assetId: string;
  key: string;
  contentHash: string;
  durationMs: number;
}

/** The voice recorded with stored narration, for a stage that reuses it. */
function spokenWith(metadata: Prisma.JsonValue): { voice?: string; voiceFallback?: string } {
  const m = metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {};
  return {
    ...(typeof m.voice === 'string' ? { voice: m.voice } : {}),
    ...(typeof m.voiceFallback === 'string' ? { voiceFallback: m.voiceFallback } : {}),
  };
}

/** Narration audio with word timings (stored on the asset), reused across renders by content hash. */
export async function processVoice(job: Job): Promise<VoiceStageResult> {
  const { renderId, position } = renderJobData.parse(job.data);
  return runStage(job, renderId, stageName('voice', position), async ({ workDir, log }) => {
    const { options, script } = await loadRender(renderId);
    const rendered = await loadRenderedScene(renderId, position!);
    // The narration as rendered; audio is filed under the live scene, or the render once it is removed.
    const scene = { id: rendered.sceneId, narration: rendered.narration };
    const voice = getVoice();
    // Named by the provider that spoke. Only the preferred provider's audio is reused: narration a
    // fallback spoke during an outage is spoken again by the preferred one once it is back.
    // espeak-ng's voice follows the text's letters since its voice choice 2: older espeak audio is not reused.
    const revision = (provider: string) => (provider === 'espeak-ng' ? { espeakVoiceChoice: 2 } : {});
    // Narration with pause marks was spoken mark and all before pauses were understood: not reused.
    const pauses = pauseMarks(scene.narration).length > 0 ? { pauses: 1 } : {};
    const hashFor = (provider: string) =>
      hashOf({ v: 2, provider, voice: options.voice, language: script.language, text: scene.narration, ...revision(provider), ...pauses });
    const preferred = voice.name.split('>')[0]!;
    const storage = getStorage();
    const existing = scene.id ? await prisma.asset.findFirst({ where: { sceneId: scene.id, contentHash: hashFor(preferred), kind: 'AUDIO' } }) : null;
    if (existing && (await storage.size(existing.storageKey)) !== null) {
      await recordRendered(renderId, position!, { narrationAssetId: existing.id });
      return {
        result: { assetId: existing.id, key: existing.storageKey, contentHash: existing.contentHash, durationMs: existing.durationMs ?? 0 },
        detail: { reused: true, provider: existing.provider, ...spokenWith(existing.metadata) },
      };
    }
    const spoken = await voice.synthesize(scene.narration, { language: script.language, voice: options.voice, outDir: workDir });
    if (spoken.voiceFallback) log.warn({ language: script.language, voice: spoken.voice }, `voice fallback: ${spoken.voiceFallback}`);
    const contentHash = hashFor(spoken.provider);
    const fallback = spoken.provider !== preferred;
    const ext = spoken.mime === 'audio/wav' || spoken.mime === 'audio/x-wav' ? 'wav' : spoken.mime === 'audio/mpeg' ? 'mp3' : 'm4a';
    const { key, owner } = renderedSceneFile(
      { projectId: script.projectId, scriptId: script.id, renderId, position: position!, sceneId: scene.id },
      'voice',
      contentHash,
      ext,
    );
    const { bytes } = await storage.put(key, { path: spoken.audioPath }, spoken.mime);
    // A fallback speaking the same text again (another outage) rewrote the same file: same asset.
    const same = scene.id ? await prisma.asset.findFirst({ where: { sceneId: scene.id, contentHash, kind: 'AUDIO' } }) : null;
    const asset =
      same ??
      (await prisma.asset.create({
        data: {
          projectId: script.projectId,
          ...owner,
          kind: 'AUDIO',
          storageKey: key,
          mime: spoken.mime,
          bytes,
          durationMs: spoken.durationMs,
          provider: spoken.provider,
          contentHash,
          metadata: {
            words: spoken.words,
            timingSource: spoken.timingSource,
            ...(spoken.voice ? { voice: spoken.voice } : {}),
            ...(spoken.voiceFallback ? { voiceFallback: spoken.voiceFallback } : {}),
          } as unknown as Prisma.InputJsonValue,
        },
      }));
    await recordRendered(renderId, position!, { narrationAssetId: asset.id });
    return {
      result: { assetId: asset.id, key, contentHash, durationMs: spoken.durationMs },
      detail: {
        reused: false,
        provider: spoken.provider,
        fallback,
        ...(spoken.voice ? { voice: spoken.voice } : {}),
        ...(spoken.voiceFallback ? { voiceFallback: spoken.voiceFallback } : {}),
        timingSource: spoken.timingSource,
        words: spoken.words.length,
      },
    };
  });
}
