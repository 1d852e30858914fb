// A browser, as far as sign-in needs one: a cookie jar for our server (Path and Max-Age honoured)
// and manual redirects, so each hop of the Google flow can be looked at.
import { createServer } from 'node:net';
import { parseSetCookie } from 'cookie';

export interface StoredCookie {
  name: string;
  value: string;
  path: string;
  attributes: string;
}

export class Browser {
  cookies = new Map<string, StoredCookie>();

  constructor(readonly origin: string) {}

  header(path: string): string | undefined {
    const list = [...this.cookies.values()].filter((c) => path.startsWith(c.path));
    return list.length ? list.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const c = parseSetCookie(line);
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, { name: c.name, value: c.value ?? '', path: c.path ?? '/', attributes: line });
    }
  }

  /** GET (or any method) on our server, with the jar's cookies; redirects are not followed. */
  async fetch(pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    const cookie = url.origin === this.origin ? this.header(url.pathname) : undefined;
    const res = await fetch(url, { redirect: 'manual', ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) } });
    if (url.origin === this.origin) this.store(res);
    return res;
  }

  /** A GraphQL POST signed in by the cookie (with the CSRF header unless told otherwise). */
  async gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { 'graphql-require-preflight': '1' }) {
    const res = await this.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as any, res };
  }

  session(): string | undefined {
    return this.cookies.get('rf_session')?.value;
  }
}

/** A port that was free a moment ago (PUBLIC_URL must be known before the config is read). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Runs the browser through Google's redirect flow; returns each hop's answer. */
export async function googleFlow(browser: Browser, returnTo = '/studio') {
  const start = await browser.fetch(`/auth/google?returnTo=${encodeURIComponent(returnTo)}`);
  const authorize = start.headers.get('location');
  if (start.status !== 302 || !authorize) throw new Error(`/auth/google answered ${start.status}: ${await start.text()}`);
  const atGoogle = await fetch(authorize, { redirect: 'manual' });
  const callbackUrl = atGoogle.headers.get('location');
  if (atGoogle.status !== 302 || !callbackUrl) throw new Error(`fake Google answered ${atGoogle.status}: ${await atGoogle.text()}`);
  const callback = await browser.fetch(callbackUrl);
  return { start, authorize: new URL(authorize), callbackUrl, callback };
}
