// Start-up of the API and of workers: which ffmpeg, ffprobe and espeak-ng renders use, where from,
// and what the npm builds cost, said once; a missing tool is an error naming how to install it.
import type { Logger } from 'pino';
import { ffmpegFeatures, ffmpegShortfalls } from './render/compose/features.js';
import { allowNpmBuilds, type ToolName, type ToolResolution, tools } from './render/tools/tools.js';

/** What each tool costs when it comes from npm, beyond what the feature probe finds. */
const NPM_COST: Record<ToolName, string> = {
  ffmpeg: 'a 2018 static build; its first run scans the installed fonts once',
  ffprobe: 'a static build',
  'espeak-ng': 'WebAssembly, run by Node: ~0.35 s a scene instead of ~0.03 s',
};

const NEEDED_BY: Record<ToolName, string> = {
  ffmpeg: 'segment, soundtrack and stitch stages',
  ffprobe: 'segment, soundtrack and stitch stages',
  'espeak-ng': 'voice stages (the offline voice)',
};

function where(t: ToolResolution): string {
  if (t.source === 'missing') return 'missing';
  return t.source === 'system' ? t.from : `npm ${t.from}`;
}

export interface ToolReport {
  tools: Record<ToolName, ToolResolution>;
  /** Feature gaps of the resolved ffmpeg (empty when it has everything, or is missing). */
  ffmpegShortfalls: string[];
}

export async function reportTools(log: Logger, o: { npmBuilds: boolean }): Promise<ToolReport> {
  allowNpmBuilds(o.npmBuilds);
  const found = tools();
  log.info(
    { tools: Object.fromEntries(Object.values(found).map((t) => [t.name, where(t)])) },
    `media tools: ${Object.values(found)
      .map((t) => `${t.name} ${where(t)}`)
      .join(', ')}`,
  );
  let shortfalls: string[] = [];
  if (found.ffmpeg.source !== 'missing') {
    shortfalls = ffmpegShortfalls(await ffmpegFeatures());
  }
  for (const t of Object.values(found)) {
    if (t.source === 'missing') {
      log.error({ tool: t.name }, `${t.name} is not installed, so the ${NEEDED_BY[t.name]} fail at once: ${t.install}`);
    } else if (t.source === 'npm') {
      const costs = [NPM_COST[t.name], ...(t.name === 'ffmpeg' ? shortfalls : [])].join('; ');
      log.warn(
        { tool: t.name, from: t.from },
        `${t.name} from the npm package ${t.from} (${costs}); for full quality: apt-get install ${t.name === 'espeak-ng' ? 'espeak-ng' : 'ffmpeg'}`,
      );
    } else if (t.name === 'ffmpeg' && shortfalls.length > 0) {
      log.warn({ tool: t.name, from: t.from }, `${t.from}: ${shortfalls.join('; ')}`);
    }
  }
  return { tools: found, ffmpegShortfalls: shortfalls };
}
