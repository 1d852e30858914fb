#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL from the schema at a git ref
# (default HEAD) to the working schema. Prisma 7's migrate engine is a native download that is not
# reachable offline, so this uses Prisma 6.19's wasm schema engine (`engine: "js"`) in a scratch
# folder. Review the SQL before committing it (e.g. deferrable constraints are hand-made).
set -euo pipefail
name=${1:?usage: scripts/new-migration.sh <name> [git-ref]}
ref=${2:-HEAD}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Prisma 6 wants a url in the datasource block; Prisma 7 schemas have none.
strip() { sed -e '/^generator/,/^}/d' -e 's/^datasource db {$/datasource db {\n  url = env("DATABASE_URL")/'; }
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
git -C "$root" show "$ref:prisma/schema.prisma" 2>/dev/null | strip > "$tmp/from.prisma" || true
strip < "$root/prisma/schema.prisma" > "$tmp/to.prisma"
cd "$tmp"
echo '{"name":"migration-diff","private":true}' > package.json
npm install --silent --no-audit --no-fund prisma@6.19.3 @prisma/adapter-pg@7 >/dev/null 2>&1
cat > prisma.config.ts <<'CFG'
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
// Prisma 6 opens the adapter's connection even for a datamodel-to-datamodel diff (it changes nothing).
export default defineConfig({ experimental: { adapter: true }, engine: 'js', schema: 'to.prisma',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }) } as never);
CFG
touch fake-engine
from=(--from-empty)
[ -s from.prisma ] && from=(--from-schema-datamodel from.prisma)
out="$root/prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$out"
PRISMA_QUERY_ENGINE_LIBRARY="$tmp/fake-engine" PRISMA_SCHEMA_ENGINE_BINARY="$tmp/fake-engine" \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel to.prisma --script \
  | sed -e '/^-- CreateSchema$/d' -e '/^CREATE SCHEMA IF NOT EXISTS "public";$/d' > "$out/migration.sql"
echo "wrote $out/migration.sql"
