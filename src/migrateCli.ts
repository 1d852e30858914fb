// `npm run migrate`: applies prisma/migrations to DATABASE_URL / DATABASE_SCHEMA and exits.
import { env } from './config.js';
import { migrate } from './migrate.js';

if (!env.DATABASE_URL) {
  process.stderr.write('DATABASE_URL is not set: nothing to migrate (npm start uses an embedded database without it)\n');
  process.exit(1);
}
const result = await migrate(env.DATABASE_URL, env.DATABASE_SCHEMA);
process.stdout.write(result.applied.length ? `applied: ${result.applied.join(', ')}\n` : `up to date (${result.skipped} migrations)\n`);
