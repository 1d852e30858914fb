// Credentials looked up recently, in this process: an API key or session found valid is trusted
// again for a short while, as long as its user's generation (src/cache/generations.ts, read from
// Redis with every request) has not moved. Revoking a key or session, signing out and deleting the
// account all bump it, so every replica stops trusting the entry on its next request.

/** How long a looked-up credential is trusted without asking Postgres again. */
export const CREDENTIAL_TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  userId: string;
  value: T;
  /** The user's generation read before the lookup that stored this; null: not known then. */
  gen: string | null;
  until: number;
}

export class CredentialCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = CREDENTIAL_TTL_MS,
    private readonly max = MAX_ENTRIES,
  ) {}

  /** Whose credential this was, valid or not: its generation can then be read before the lookup. */
  userOf(key: string): string | null {
    return this.entries.get(key)?.userId ?? null;
  }

  /** The value if it was stored under generation `gen` and is still fresh. */
  get(key: string, gen: string | null | undefined): T | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (gen == null || e.gen !== gen || e.until <= Date.now()) return null;
    // Most recently used last, so the oldest go first when full.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  set(key: string, userId: string, value: T, gen: string | null): void {
    this.entries.delete(key);
    this.entries.set(key, { userId, value, gen, until: Date.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
