import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { parseApiKey, secretMatches } from './auth/apiKeys.js';
import { prisma } from './db.js';
import { logger } from './logger.js';

export interface Viewer {
  id: string;
  email: string;
  name: string;
  apiKeyId: string;
}

export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** The caller's address (rate limits without a key). */
  ip: string;
  log: typeof logger;
}

/** The id used in ownership filters when nobody is signed in: matches no row. */
export const NOBODY = '00000000-0000-0000-0000-000000000000';

const LAST_USED_RESOLUTION_MS = 60_000;

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** Resolves `Authorization: Bearer <key>`. No header means anonymous; a bad key is an error, not anonymous. */
export async function viewerFromAuthorization(header: string | null | undefined): Promise<Viewer | null> {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw unauthenticated('Authorization header must be "Bearer <api key>"');
  const parsed = parseApiKey(m[1]!);
  if (!parsed) throw unauthenticated('API key is malformed');
  // Not cached: a revoked key must stop working on every replica at once.
  const key = await prisma.apiKey.findUnique({
    where: { prefix: parsed.prefix },
    select: { id: true, secretHash: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!key || key.revokedAt || !secretMatches(parsed.secret, key.secretHash)) {
    throw unauthenticated('API key is invalid or revoked');
  }
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Coarse and off the request path: one write a minute per key at most.
    prisma.apiKey
      .update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } })
      .catch((err: unknown) => logger.warn({ err, apiKeyId: key.id }, 'could not record API key use'));
  }
  return { id: key.user.id, email: key.user.email, name: key.user.name, apiKeyId: key.id };
}

export async function createContext(authorization: string | null | undefined, ip = 'local'): Promise<Context> {
  const requestId = randomUUID();
  const viewer = await viewerFromAuthorization(authorization);
  return { requestId, viewer, ip, log: logger.child({ requestId, userId: viewer?.id }) };
}
