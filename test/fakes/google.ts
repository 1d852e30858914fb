// A fake Google on 127.0.0.1 that speaks the OpenID Connect endpoints our sign-in uses: discovery,
// authorize (redirects back with a code, or an error), token (checks the client, the redirect URI,
// PKCE, and that a code is used once), userinfo, and JWKS. ID tokens are signed with a test key
// (jose). Tests choose who "signs in" next and can mint ID tokens for the mobile path.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface FakeProfile {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
  picture?: string;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce: string | undefined;
  scope: string;
  profile: FakeProfile;
  used: boolean;
}

export interface FakeGoogle {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorize request (default: a verified test user). */
  nextProfile: FakeProfile;
  /** Answer the next authorize request with ?error=<this> instead of a code. */
  denyNext: string | null;
  /** Every authorize request's query, and every token request's form, as received. */
  authorizeRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
  /** Mints an ID token as Google would, with overrides (claims, issuer, audience, expiry, key). */
  idToken(
    profile: Partial<FakeProfile> & { sub: string },
    options?: { aud?: string; iss?: string; expiresInSeconds?: number; key?: 'google' | 'stranger'; extra?: Record<string, unknown> },
  ): Promise<string>;
  close(): Promise<void>;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

let seq = 0;

export function testProfile(overrides: Partial<FakeProfile> = {}): FakeProfile {
  const n = `${Date.now()}${++seq}`;
  return {
    sub: `1000${n}`,
    email: `person${n}@gmail.test`,
    email_verified: true,
    name: `Person ${n}`,
    picture: `https://lh3.googleusercontent.test/a/${n}`,
    ...overrides,
  };
}

export async function startFakeGoogle(clientId = 'reelforge-test.apps.googleusercontent.com', clientSecret = 'fake-google-secret'): Promise<FakeGoogle> {
  const google = await generateKeyPair('RS256', { extractable: true });
  const stranger = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(google.publicKey)), kid: 'fake-google-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, FakeProfile>();
  let url = '';

  const sign = (claims: Record<string, unknown>, key: CryptoKey, kid: string, iss: string, aud: string, expiresInSeconds: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
      .sign(key);

  const fake: FakeGoogle = {
    url: '',
    clientId,
    clientSecret,
    nextProfile: testProfile(),
    denyNext: null,
    authorizeRequests: [],
    tokenRequests: [],
    idToken: (profile, o = {}) =>
      sign(
        { ...profile, ...o.extra },
        o.key === 'stranger' ? stranger.privateKey : google.privateKey,
        'fake-google-1',
        o.iss ?? url,
        o.aud ?? clientId,
        o.expiresInSeconds ?? 3600,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', url);
    void (async () => {
      if (u.pathname === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer: url,
          authorization_endpoint: `${url}/o/oauth2/v2/auth`,
          token_endpoint: `${url}/token`,
          userinfo_endpoint: `${url}/v1/userinfo`,
          jwks_uri: `${url}/oauth2/v3/certs`,
          response_types_supported: ['code', 'id_token', 'code id_token'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'profile'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
          code_challenge_methods_supported: ['plain', 'S256'],
        });
      }
      if (u.pathname === '/oauth2/v3/certs') return json(res, 200, { keys: [jwk] });
      if (u.pathname === '/o/oauth2/v2/auth') {
        const q = u.searchParams;
        fake.authorizeRequests.push(q);
        if (q.get('client_id') !== clientId) return json(res, 400, { error: 'invalid_client' });
        const redirect = new URL(q.get('redirect_uri') ?? '');
        if (fake.denyNext) {
          redirect.searchParams.set('error', fake.denyNext);
          fake.denyNext = null;
        } else {
          if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
            return json(res, 400, { error: 'invalid_request' });
          const code = randomBytes(16).toString('hex');
          codes.set(code, {
            clientId,
            redirectUri: redirect.toString(),
            challenge: q.get('code_challenge')!,
            nonce: q.get('nonce') ?? undefined,
            scope: q.get('scope') ?? '',
            profile: fake.nextProfile,
            used: false,
          });
          redirect.searchParams.set('code', code);
        }
        if (q.get('state') !== null) redirect.searchParams.set('state', q.get('state')!);
        res.writeHead(302, { location: redirect.toString() }).end();
        return;
      }
      if (u.pathname === '/token' && req.method === 'POST') {
        const f = await form(req);
        fake.tokenRequests.push(f);
        if (f.get('client_id') !== clientId || f.get('client_secret') !== clientSecret) return json(res, 401, { error: 'invalid_client' });
        const issued = codes.get(f.get('code') ?? '');
        if (f.get('grant_type') !== 'authorization_code' || !issued) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown code' });
        if (issued.used) return json(res, 400, { error: 'invalid_grant', error_description: 'code already used' });
        issued.used = true;
        if (f.get('redirect_uri') !== issued.redirectUri) return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
        const verifier = f.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== issued.challenge)
          return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        const accessToken = randomBytes(16).toString('hex');
        accessTokens.set(accessToken, issued.profile);
        const { name: _n, picture: _p, ...idClaims } = issued.profile;
        // Like Google without the profile scope's claims in the ID token: name and picture come from userinfo.
        const idToken = await sign({ ...idClaims, ...(issued.nonce ? { nonce: issued.nonce } : {}) }, google.privateKey, 'fake-google-1', url, clientId, 3600);
        return json(res, 200, { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: 3599, scope: issued.scope });
      }
      if (u.pathname === '/v1/userinfo') {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const profile = token ? accessTokens.get(token) : undefined;
        if (!profile) return json(res, 401, { error: 'invalid_token' });
        return json(res, 200, profile);
      }
      json(res, 404, { error: 'not_found' });
    })().catch((err: unknown) => json(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = url;
  return fake;
}
