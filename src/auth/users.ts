// Who a sign-in is: the user of a Google subject (created on first sign-in), or the demo user.
import { env } from '../config.js';
import { type Db, prisma } from '../db.js';
import { ensureSandboxChannel } from '../publish/sandbox/channel.js';
import { Prisma } from '../generated/prisma/client.js';
import { type GoogleClaims, SignInError } from './google.js';

export const DEMO_EMAIL = 'demo@reelforge.local';

const MAX_NAME = 200;
const MAX_URL = 2_000;

function cleanName(claims: GoogleClaims): string {
  const name = (claims.name ?? '').trim().slice(0, MAX_NAME);
  return name || claims.email!.split('@')[0]!;
}

function cleanAvatar(url: string | undefined): string | null {
  return url && /^https?:\/\//.test(url) && url.length <= MAX_URL ? url : null;
}

/**
 * Finds the user of this Google subject, or creates one. An existing account with the same
 * (verified) email and no Google identity yet is linked; one already linked to another Google
 * subject is refused. Name and avatar follow the Google profile on every sign-in.
 */
export async function userForGoogle(claims: GoogleClaims) {
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (!claims.email || !verified) throw new SignInError('Your Google account has no verified email address');
  const email = claims.email.toLowerCase();
  const profile = { name: cleanName(claims), avatarUrl: cleanAvatar(claims.picture) };
  const identity = await prisma.identity.findUnique({ where: { provider_subject: { provider: 'google', subject: claims.sub } }, include: { user: true } });
  if (identity) {
    if (identity.user.deletingAt) throw new SignInError('This account is being deleted; try again once that is done');
    await prisma.identity.update({ where: { id: identity.id }, data: { email, lastUsedAt: new Date() } });
    return prisma.user.update({ where: { id: identity.userId }, data: profile });
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, include: { identities: { where: { provider: 'google' } } } });
      if (existing?.deletingAt) throw new SignInError('This account is being deleted; try again once that is done');
      if (existing && existing.identities.length > 0) throw new SignInError(`${email} already belongs to an account that signs in with another Google account`);
      const user = existing ? await tx.user.update({ where: { id: existing.id }, data: profile }) : await tx.user.create({ data: { email, ...profile } });
      await tx.identity.create({ data: { userId: user.id, provider: 'google', subject: claims.sub, email } });
      return user;
    });
  } catch (err) {
    // Two first sign-ins of one subject at once: the other one created it.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      const again = await prisma.identity.findUnique({ where: { provider_subject: { provider: 'google', subject: claims.sub } }, include: { user: true } });
      if (again) return again.user;
    }
    throw err;
  }
}

/**
 * The demo user, created on first use (sign-in or the development seed). The one place a demo user
 * is made: whatever the demo account needs besides its row goes here (its YouTube sandbox channel,
 * so anyone trying the demo can publish offline).
 */
export async function ensureDemoUser(db: Db = prisma) {
  const user = await db.user.upsert({ where: { email: DEMO_EMAIL }, create: { email: DEMO_EMAIL, name: 'Demo User' }, update: {} });
  if (user.deletingAt) throw new SignInError('The demo account is being reset; try again in a moment');
  if (env.YOUTUBE_SANDBOX) await ensureSandboxChannel(user.id);
  return user;
}

export function demoSignInEnabled(): boolean {
  return env.DEMO_SIGN_IN ?? env.NODE_ENV !== 'production';
}
