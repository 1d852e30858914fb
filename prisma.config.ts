import { defineConfig } from 'prisma/config';

// Only `prisma generate` is used (migrations are our own SQL applier); no URL is needed for it.
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
