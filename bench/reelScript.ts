// The reel bench:render and bench:scale render: six scenes of about five seconds of speech each,
// 480p at 30 fps, veryfast, karaoke subtitles.
import type { prisma as Db } from '../src/db.js';

export const NARRATION = [
  'Octopuses have three hearts and blue blood, which carries oxygen well in cold water.',
  'Each of their eight arms has its own cluster of neurons and can taste what it touches.',
  'They change colour and texture in a fraction of a second to vanish against the rocks.',
  'Some species carry coconut shells and assemble them into a shelter when danger comes.',
  'In aquariums they have learned to open jars, escape tanks and switch off the lights.',
  'Most octopuses live only a year or two, so everything they know they learn fast.',
];

export const RENDER_OPTIONS = { preset: 'VERYFAST', resolution: 'P480', fps: 30, subtitleStyle: 'KARAOKE' };

/** A user with one project and one approved script of NARRATION, and the viewer that enqueues its renders. */
export async function seedReelScript(prisma: typeof Db, email: string, name: string) {
  const user = await prisma.user.create({ data: { email, name } });
  const project = await prisma.project.create({ data: { ownerId: user.id, title: 'bench' } });
  const script = await prisma.script.create({
    data: {
      projectId: project.id,
      ownerId: user.id,
      title: 'Octopus facts',
      writerModel: 'bench',
      status: 'APPROVED',
      scenes: { create: NARRATION.map((narration, position) => ({ position, narration })) },
    },
    include: { scenes: { orderBy: { position: 'asc' } } },
  });
  const viewer = { id: user.id, email: user.email, name: user.name, apiKeyId: 'bench', sessionId: null, via: 'apiKey' as const };
  return { viewer, script };
}
