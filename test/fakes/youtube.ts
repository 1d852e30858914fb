// A fake Google (OAuth discovery, authorize, token with authorization_code + PKCE and refresh_token
// grants, revocation) and a fake YouTube Data API (channels.list, the resumable upload protocol,
// videos.list) on 127.0.0.1, speaking the real wire formats, so openid-client and our upload client
// run unchanged against them. Knobs let a test cut a connection mid-chunk, expire access tokens,
// run out of quota, revoke a grant or slow each chunk; records show what was asked and received.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CLIENT_ID = 'fake-client-id.apps.googleusercontent.com';
export const CLIENT_SECRET = 'fake-client-secret';
export const CHANNEL = { id: 'UCfakeChannel0000000000', title: 'Fake Channel', thumbnail: 'https://yt3.example.test/fake.jpg' };

interface Session {
  id: string;
  size: number;
  received: Buffer[];
  confirmed: number;
  metadata: any;
  videoId: string | null;
}

export interface FakeGoogle {
  url: string;
  /** Refresh tokens Google honours (add one to seed a channel without the browser dance). */
  refreshTokens: Set<string>;
  /** Access tokens Google issued and YouTube accepts until expired. */
  accessTokens: Set<string>;
  grants: { type: string; refreshToken?: string }[];
  revoked: string[];
  /** Revocation requests, answered or failed. */
  revokeAttempts: number;
  /** Every upload session, by id. */
  sessions: Map<string, Session>;
  /** Videos completed (a second one for the same publication would be a bug). */
  videos: { id: string; bytes: Buffer; metadata: any }[];
  /** Data PUTs YouTube accepted: their first byte and length. */
  accepted: { session: string; start: number; length: number }[];
  statusQueries: number;
  initiations: number;
  knobs: {
    /** Cut the connection of the next data PUT once this many of its bytes arrived. */
    cutNextPutAfter: number | null;
    /** After this many accepted chunks, the access token in use expires (401 on the next call). */
    expireTokenAfterChunks: number | null;
    /** Answer 403 quotaExceeded to upload initiations. */
    quotaExceeded: boolean;
    /** Milliseconds each data PUT waits before answering. */
    chunkDelayMs: number;
    /** Answer 500 to revocations (Google unreachable, in effect). */
    revokeFails: boolean;
    /** videos.list answers this uploadStatus after processing. */
    processedAs: 'processed' | 'rejected';
    /** videos.list answers "uploaded" (still processing) this many times first. */
    processingPolls: number;
  };
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function apiError(res: ServerResponse, status: number, reason: string, message: string): void {
  json(res, status, { error: { code: status, message, errors: [{ reason, domain: reason === 'quotaExceeded' ? 'youtube.quota' : 'global', message }] } });
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export async function startFakeGoogle(): Promise<FakeGoogle> {
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const fake: FakeGoogle = {
    url: '',
    refreshTokens: new Set(),
    accessTokens: new Set(),
    grants: [],
    revoked: [],
    revokeAttempts: 0,
    sessions: new Map(),
    videos: [],
    accepted: [],
    statusQueries: 0,
    initiations: 0,
    knobs: {
      cutNextPutAfter: null,
      expireTokenAfterChunks: null,
      quotaExceeded: false,
      chunkDelayMs: 0,
      revokeFails: false,
      processedAs: 'processed',
      processingPolls: 0,
    },
    close: async () => {},
  };
  const issueAccess = () => {
    const t = `ya29.${randomBytes(12).toString('hex')}`;
    fake.accessTokens.add(t);
    return t;
  };
  const bearer = (req: IncomingMessage) => /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', fake.url);
      const path = url.pathname;
      // ---- Google OAuth ----
      if (path === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer: fake.url,
          authorization_endpoint: `${fake.url}/o/oauth2/v2/auth`,
          token_endpoint: `${fake.url}/token`,
          revocation_endpoint: `${fake.url}/revoke`,
          jwks_uri: `${fake.url}/oauth2/v3/certs`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['plain', 'S256'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        });
      }
      if (path === '/o/oauth2/v2/auth') {
        // The person consents at once: back to the client with a code.
        const q = url.searchParams;
        if (q.get('client_id') !== CLIENT_ID || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
          return json(res, 400, { error: 'invalid_request' });
        }
        const code = `4/${randomBytes(10).toString('hex')}`;
        codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')!, scope: q.get('scope') ?? '' });
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        back.searchParams.set('scope', q.get('scope') ?? '');
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      if (path === '/token' && req.method === 'POST') {
        const form = new URLSearchParams((await body(req)).toString('utf8'));
        if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET) return json(res, 401, { error: 'invalid_client' });
        const type = form.get('grant_type') ?? '';
        if (type === 'authorization_code') {
          const entry = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          const challenge = createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url');
          if (!entry || entry.challenge !== challenge || entry.redirectUri !== form.get('redirect_uri'))
            return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
          const refresh = `1//${randomBytes(16).toString('hex')}`;
          fake.refreshTokens.add(refresh);
          fake.grants.push({ type });
          return json(res, 200, { access_token: issueAccess(), refresh_token: refresh, expires_in: 3599, scope: entry.scope, token_type: 'Bearer' });
        }
        if (type === 'refresh_token') {
          const refresh = form.get('refresh_token') ?? '';
          fake.grants.push({ type, refreshToken: refresh });
          if (!fake.refreshTokens.has(refresh)) return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
          return json(res, 200, {
            access_token: issueAccess(),
            expires_in: 3599,
            scope: 'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
            token_type: 'Bearer',
          });
        }
        return json(res, 400, { error: 'unsupported_grant_type' });
      }
      if (path === '/revoke' && req.method === 'POST') {
        fake.revokeAttempts++;
        if (fake.knobs.revokeFails) return json(res, 500, { error: 'server_error' });
        const token = new URLSearchParams((await body(req)).toString('utf8')).get('token') ?? '';
        fake.revoked.push(token);
        if (!fake.refreshTokens.delete(token)) return json(res, 400, { error: 'invalid_token' });
        return json(res, 200, {});
      }
      // ---- YouTube Data API ----
      if (!fake.accessTokens.has(bearer(req))) {
        req.resume();
        return apiError(res, 401, 'authError', 'Invalid Credentials');
      }
      if (path === '/youtube/v3/channels' && url.searchParams.get('mine') === 'true') {
        return json(res, 200, { items: [{ id: CHANNEL.id, snippet: { title: CHANNEL.title, thumbnails: { default: { url: CHANNEL.thumbnail } } } }] });
      }
      if (path === '/youtube/v3/videos' && req.method === 'GET') {
        const video = fake.videos.find((v) => v.id === url.searchParams.get('id'));
        if (video && fake.knobs.processingPolls > 0) {
          fake.knobs.processingPolls--;
          return json(res, 200, { items: [{ id: video.id, status: { uploadStatus: 'uploaded' } }] });
        }
        return json(res, 200, {
          items: video
            ? [
                {
                  id: video.id,
                  status: { uploadStatus: fake.knobs.processedAs, ...(fake.knobs.processedAs === 'rejected' ? { rejectionReason: 'duplicate' } : {}) },
                },
              ]
            : [],
        });
      }
      if (path === '/upload/youtube/v3/videos' && req.method === 'POST') {
        fake.initiations++;
        const metadata = JSON.parse((await body(req)).toString('utf8'));
        if (fake.knobs.quotaExceeded) return apiError(res, 403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.');
        const size = Number(req.headers['x-upload-content-length']);
        const id = randomBytes(8).toString('hex');
        fake.sessions.set(id, { id, size, received: [], confirmed: 0, metadata, videoId: null });
        res.writeHead(200, { location: `${fake.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}`, 'content-length': '0' }).end();
        return;
      }
      if (path === '/upload/youtube/v3/videos' && req.method === 'PUT') {
        const s = fake.sessions.get(url.searchParams.get('upload_id') ?? '');
        if (!s) return apiError(res, 404, 'notFound', 'upload session not found');
        const range = String(req.headers['content-range'] ?? '');
        const done = () =>
          json(res, 200, { kind: 'youtube#video', id: s.videoId, snippet: s.metadata.snippet, status: { ...s.metadata.status, uploadStatus: 'uploaded' } });
        const incomplete = () => {
          res.writeHead(308, { ...(s.confirmed > 0 ? { range: `bytes=0-${s.confirmed - 1}` } : {}), 'content-length': '0' }).end();
        };
        if (/^bytes \*\/\d+$/.test(range)) {
          fake.statusQueries++;
          req.resume();
          return s.videoId ? done() : incomplete();
        }
        const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range);
        if (!m) return apiError(res, 400, 'badRequest', 'bad Content-Range');
        const start = Number(m[1]);
        if (fake.knobs.cutNextPutAfter !== null) {
          // Read that many bytes, then drop the connection without an answer: a cut mid-chunk.
          const cutAt = fake.knobs.cutNextPutAfter;
          fake.knobs.cutNextPutAfter = null;
          let seen = 0;
          req.on('data', (c: Buffer) => {
            seen += c.length;
            if (seen >= cutAt) req.socket.destroy();
          });
          return;
        }
        const data = await body(req);
        if (fake.knobs.chunkDelayMs) await new Promise((r) => setTimeout(r, fake.knobs.chunkDelayMs));
        if (start !== s.confirmed) return incomplete();
        s.received.push(data);
        s.confirmed += data.length;
        fake.accepted.push({ session: s.id, start, length: data.length });
        if (fake.knobs.expireTokenAfterChunks !== null && fake.accepted.length >= fake.knobs.expireTokenAfterChunks) {
          fake.knobs.expireTokenAfterChunks = null;
          fake.accessTokens.delete(bearer(req));
        }
        if (s.confirmed < s.size) return incomplete();
        s.videoId = `vid${randomBytes(4).toString('hex')}`;
        fake.videos.push({ id: s.videoId, bytes: Buffer.concat(s.received), metadata: s.metadata });
        return done();
      }
      json(res, 404, { error: { code: 404, message: `fake: no ${req.method} ${path}` } });
    })().catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { code: 500, message: String(err) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
