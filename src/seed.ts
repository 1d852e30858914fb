import { hashSecret, parseApiKey } from './auth/apiKeys.js';
import type { Db } from './db.js';

export const DEMO_EMAIL = 'demo@reelforge.local';

/** Creates (or refreshes) the demo user and its known API key. Idempotent. */
export async function seedDemo(prisma: Db, demoApiKey: string): Promise<{ userId: string }> {
  const parsed = parseApiKey(demoApiKey);
  if (!parsed) throw new Error('DEMO_API_KEY is malformed');
  const user = await prisma.user.upsert({
    where: { email: DEMO_EMAIL },
    create: { email: DEMO_EMAIL, name: 'Demo User' },
    update: {},
  });
  await prisma.apiKey.upsert({
    where: { prefix: parsed.prefix },
    create: { userId: user.id, name: 'demo key', prefix: parsed.prefix, secretHash: hashSecret(parsed.secret) },
    update: { userId: user.id, secretHash: hashSecret(parsed.secret), revokedAt: null },
  });
  return { userId: user.id };
}
