// `npm run rotate-token-keys`: after putting a new key first in TOKEN_ENCRYPTION_KEYS, re-seals every
// stored YouTube refresh token with it; then the old key can be removed.
import { prisma } from './db.js';
import { rotateTokenKeys } from './publish/rotateTokenKeys.js';

const { resealed } = await rotateTokenKeys();
process.stdout.write(`re-sealed ${resealed} YouTube refresh token(s) with the current key\n`);
await prisma.$disconnect();
