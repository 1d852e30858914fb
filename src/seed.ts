import { hashSecret, parseApiKey } from './auth/apiKeys.js';
import { DEMO_EMAIL, ensureDemoUser } from './auth/users.js';
import type { Db } from './db.js';
import { OWN_TEXT_WRITER, splitScript } from './render/script/splitScript.js';

export { DEMO_EMAIL };

/** Creates (or refreshes) the demo user and its known API key. Idempotent. */
export async function seedDemo(prisma: Db, demoApiKey: string): Promise<{ userId: string }> {
  const parsed = parseApiKey(demoApiKey);
  if (!parsed) throw new Error('DEMO_API_KEY is malformed');
  const user = await ensureDemoUser(prisma);
  await prisma.apiKey.upsert({
    where: { prefix: parsed.prefix },
    create: { userId: user.id, name: 'demo key', prefix: parsed.prefix, secretHash: hashSecret(parsed.secret) },
    update: { userId: user.id, secretHash: hashSecret(parsed.secret), revokedAt: null },
  });
  // A sample project and script so GraphiQL has something to page through on a first run.
  const hasProject = await prisma.project.findFirst({ where: { ownerId: user.id }, select: { id: true } });
  if (!hasProject) {
    const project = await prisma.project.create({ data: { ownerId: user.id, title: 'Demo project' } });
    await prisma.script.create({
      data: {
        projectId: project.id,
        ownerId: user.id,
        title: SAMPLE_TITLE,
        writerModel: OWN_TEXT_WRITER,
        scenes: { create: splitScript(SAMPLE_TEXT).map((s, position) => ({ position, narration: s.narration })) },
      },
    });
  }
  return { userId: user.id };
}

const SAMPLE_TITLE = 'How honey is made';
export const SAMPLE_TEXT =
  'A single honeybee makes about a twelfth of a teaspoon of honey in its whole life. ' +
  'Forager bees visit up to a hundred flowers on each trip, sipping nectar into a special honey stomach. ' +
  'Back at the hive, they pass the nectar mouth to mouth to house bees, whose enzymes start turning it into honey. ' +
  'The house bees spread the nectar in wax cells and fan it with their wings until most of the water evaporates. ' +
  'When the honey is thick enough, they seal each cell with a cap of fresh wax. ' +
  'A strong colony can store more than forty kilograms of honey to survive the winter. ' +
  'Sealed honey almost never spoils: jars found in ancient tombs were still edible.';
