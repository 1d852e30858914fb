import { createServer, type IncomingMessage, type Server } from 'node:http';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createFetch } from '@whatwg-node/fetch';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { env } from './config.js';
import { authenticate, type Context, createContext, type Credentials, type RequestAuth } from './context.js';
import { createCachedAnswerer } from './cache/cachedAnswer.js';
import { responseCacheTtlMs, useResponseCache } from './cache/responseCache.js';
import { FILES_PATH, getFileSigner, getStorage } from './jobs/providers.js';
import { logger } from './logger.js';
import { redisConfigured } from './redis.js';
import { createFileRoute } from './render/storage/fileRoute.js';
import { createPublishRoutes } from './publish/routes.js';
import { schema } from './schema/index.js';
import { readCookie, sessionCookieName } from './auth/cookies.js';
import { authRoute } from './auth/routes.js';
import { findSession } from './auth/sessions.js';
import { loadPersistedDocuments, usePersistedDocuments } from './persistedOperations.js';
import { clientIp, type PeerRequest } from './protection/clientIp.js';
import { CSRF_HEADER, useCsrfPrevention, usesSessionCookie } from './protection/csrf.js';
import { cookieOriginAllowed } from './protection/origins.js';
import { useSecurityHeaders } from './protection/headers.js';
import { QUERY_LIMITS, queryLimitPlugins } from './protection/queryLimits.js';
import { checkRequestLimit, RateLimitedError, useRateLimits } from './protection/rateLimits.js';
import { useRowBudget } from './protection/rowBudget.js';
import { type BodyRefusal, readTextBody, useInputHygiene } from './protection/inputHygiene.js';
import { useSharedEventExecution } from './sharedEventExecution.js';
import { attachFrameSink } from './sharedFrames.js';
import { keepSocketsAlive } from './socketKeepAlive.js';
import { createWebHandler } from './web.js';

export const GRAPHQL_PATH = '/graphql';

const EXAMPLE_QUERY = `# Welcome to reelforge. The demo API key is already in the headers below.
query Feed {
  reels(first: 5) {
    totalCount
    edges { node { id title publishedAt video { url } } }
  }
}

query MyProjects {
  viewer { name email }
  projects(first: 10) {
    totalCount
    edges { cursor node { id title scripts(first: 5) { edges { node { id title status } } } } }
    pageInfo { hasNextPage endCursor }
  }
}

mutation NewProject {
  createProject(input: { title: "My first reel" }) {
    ... on CreateProjectSuccess { data { id title } }
    ... on Error { message }
  }
}
`;

/** Logs every unexpected (masked) error with what it touched; clients see only "Unexpected error.". */
function useUnexpectedErrorLog(): Plugin<Context> {
  return {
    onExecute: () => ({
      onExecuteDone: ({ args, result }) => {
        if (!('errors' in result) || !result.errors) return;
        for (const err of result.errors) {
          const original = (err as GraphQLError).originalError;
          if (original && !(original instanceof GraphQLError)) {
            const ctx = args.contextValue as Context;
            ctx.log.error({ err: original, path: err.path, operation: args.operationName }, 'unexpected error');
          }
        }
      },
    }),
  };
}

/** Yoga's log arguments with errors as pino serialises them (an Error in a plain array logs as {}). */
function yogaLog(args: unknown[]): Record<string, unknown> {
  const err = args.find((a): a is Error => a instanceof Error);
  return { err, args: args.filter((a) => !(a instanceof Error)) };
}

/** CORS_ORIGINS, or any origin in development and none (same-origin only) in production. */
function corsOptions() {
  const configured = env.CORS_ORIGINS ?? (env.NODE_ENV === 'production' ? '' : '*');
  if (configured === '') return false as const;
  return {
    origin: configured === '*' ? '*' : configured.split(','),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', CSRF_HEADER, 'x-apollo-operation-name'],
    // Listed origins may send the session cookie (with the CSRF header); "*" never.
    credentials: configured !== '*',
    maxAge: 600,
  };
}

/**
 * What happens to a request's body before Yoga: nothing (no body, or a multipart upload, which has
 * its own caps), read here (capped, checked to be UTF-8), or refused. A JSON body larger than
 * MAX_BODY_KB is refused before it is read; so is a POST without Content-Length that is not
 * multipart, whose size could only be known by reading it.
 */
export function bodyPolicy(req: IncomingMessage): 'pass' | 'read' | BodyRefusal {
  if (req.method !== 'POST' || (req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return 'pass';
  const limit = env.MAX_BODY_KB * 1024;
  const length = req.headers['content-length'];
  if (length === undefined) return { status: 411, code: 'LENGTH_REQUIRED', message: 'Content-Length is required for a request body' };
  if (Number(length) > limit) return { status: 413, code: 'REQUEST_TOO_LARGE', message: `the request body is ${length} bytes; at most ${limit} are accepted` };
  return length === '0' ? 'pass' : 'read';
}

function authorizationOf(request: Request | undefined, connectionParams: Record<string, unknown> | undefined): string | null {
  const fromParams = connectionParams?.authorization ?? connectionParams?.Authorization;
  if (typeof fromParams === 'string') return fromParams;
  return request?.headers.get('authorization') ?? null;
}

/** Set-Cookie headers a request's operations asked for (sign-out, a session's new expiry), by request. */
const responseCookies = new WeakMap<Request, string[]>();

function useResponseCookies(): Plugin<Context> {
  return {
    onResponse: ({ request, response }) => {
      for (const cookie of responseCookies.get(request) ?? []) response.headers.append('set-cookie', cookie);
    },
  };
}

function cookiesFor(request: Request | undefined): string[] {
  if (!request) return [];
  let list = responseCookies.get(request);
  if (!list) responseCookies.set(request, (list = []));
  return list;
}

function credentialsOf(request: Request | undefined, connectionParams: Record<string, unknown> | undefined, node: PeerRequest | undefined): Credentials {
  return {
    authorization: authorizationOf(request, connectionParams),
    // graphql-ws: the upgrade request's cookie (its Origin was checked in onConnect).
    cookie: request?.headers.get('cookie') ?? node?.headers.cookie ?? null,
    userAgent: request?.headers.get('user-agent') ?? node?.headers['user-agent'] ?? null,
  };
}

/** A request's authentication, done once: by the response cache before the context, or by the context. */
const authByRequest = new WeakMap<Request, Promise<RequestAuth>>();

function authFor(request: Request, node?: PeerRequest): Promise<RequestAuth> {
  let auth = authByRequest.get(request);
  if (!auth) {
    auth = authenticate(credentialsOf(request, undefined, node), cookiesFor(request));
    // Handled where it is awaited; a cache lookup that gives up must not leave it unhandled.
    auth.catch(() => {});
    authByRequest.set(request, auth);
  }
  return auth;
}

export interface ApiOptions {
  demoApiKey?: string;
  /** The response cache's TTL instead of RESPONSE_CACHE_TTL_SECONDS; 0 turns it off (the bench's uncached figures, tests). */
  responseCacheTtlMs?: number;
  /** false: every cache hit goes through Yoga too (tests compare the two paths). */
  answerHitsBeforeYoga?: boolean;
}

/** The response cache's TTL for these options (0: off). */
function cacheTtlOf(options: ApiOptions): number {
  return options.responseCacheTtlMs ?? responseCacheTtlMs();
}

export function createApi(options: ApiOptions = {}): YogaServerInstance<Record<string, unknown>, Context> {
  const graphiql = env.GRAPHIQL ?? env.NODE_ENV !== 'production';
  const maxUpload = Math.round(Math.max(env.MAX_IMAGE_MB, env.MAX_VIDEO_MB) * 1024 * 1024);
  return createYoga<Record<string, unknown>, Context>({
    schema,
    // Multipart uploads (uploadSceneAsset): one file, capped while it streams in.
    fetchAPI: createFetch({ formDataLimits: { fileSize: maxUpload, files: 1, fieldSize: 1024 * 1024, fields: 10 } }),
    graphqlEndpoint: GRAPHQL_PATH,
    context: ({ request, connectionParams, req }) => {
      // An HTTP request, or on a socket what onConnect kept of its upgrade request.
      const node = req as PeerRequest | undefined;
      return createContext(
        credentialsOf(request, connectionParams as Record<string, unknown> | undefined, node),
        clientIp(node),
        cookiesFor(request),
        request ? authFor(request, node) : undefined,
      );
    },
    // Several operations in one request (a JSON array), up to a limit.
    batching: { limit: QUERY_LIMITS.maxBatch },
    cors: corsOptions(),
    graphiql: graphiql
      ? {
          title: 'reelforge',
          defaultQuery: EXAMPLE_QUERY,
          headers: options.demoApiKey ? JSON.stringify({ Authorization: `Bearer ${options.demoApiKey}` }) : undefined,
          subscriptionsProtocol: 'WS',
        }
      : false,
    // Inline GraphiQL: the default loads from a CDN and is blank offline.
    renderGraphiQL,
    maskedErrors: true,
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(yogaLog(args), 'yoga'),
      info: (...args) => logger.info(yogaLog(args), 'yoga'),
      warn: (...args) => logger.warn(yogaLog(args), 'yoga'),
      error: (...args) => logger.error(yogaLog(args), 'yoga'),
    },
    // Hygiene after Armor: its parse wrapper must wrap Armor's token-counting parser.
    plugins: [
      usePersistedDocuments(),
      // After the persisted documents (it keys on the document text), before everything that parses.
      useResponseCache({
        authenticate: (request) => authFor(request),
        countHit: async (viewer, serverContext) => {
          try {
            await checkRequestLimit({ viewer, ip: clientIp((serverContext as { req?: IncomingMessage }).req) });
            return null;
          } catch (e) {
            if (e instanceof RateLimitedError) return e;
            throw e;
          }
        },
        ttlMs: cacheTtlOf(options),
      }),
      useUnexpectedErrorLog(),
      useResponseCookies(),
      useCsrfPrevention(),
      ...queryLimitPlugins(),
      useInputHygiene(),
      useRowBudget(),
      useRateLimits(),
      useSecurityHeaders(),
      // Replaces the engine's subscribe (Yoga adds that first), so it comes after it.
      useSharedEventExecution(),
    ],
  });
}

/** Paths the API answers itself; everything else that is a GET belongs to the web app. */
function isApiPath(path: string): boolean {
  return path === GRAPHQL_PATH || path.startsWith(`${GRAPHQL_PATH}/`) || path === '/health' || path === '/readiness';
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Yoga over node:http, plus graphql-ws on the same port and path sharing Yoga's plugins. */
export async function startServer(port: number, host: string, options: ApiOptions = {}): Promise<RunningServer> {
  const yoga = createApi(options);
  // Local storage is served here (with Range support, for players; private files only with a signed
  // URL); S3/R2 serve their own files.
  const files = env.STORAGE_DRIVER === 'local' ? createFileRoute({ storage: getStorage(), signer: getFileSigner(), basePath: FILES_PATH }) : null;
  // The web app at `/`, when it has been built (`npm start` builds it).
  const web = createWebHandler();
  // Google's redirect after connectYouTube, and the YouTube sandbox (which takes upload bodies itself).
  const publishing = createPublishRoutes(getStorage(), async (req) => {
    const token = readCookie(req.headers.cookie, sessionCookieName());
    return token ? ((await findSession(token))?.user.id ?? null) : null;
  });
  const cacheOn = cacheTtlOf(options) > 0 && redisConfigured();
  const answerFromCache =
    cacheOn && options.answerHitsBeforeYoga !== false ? createCachedAnswerer({ documents: loadPersistedDocuments(), cors: corsOptions() }) : null;
  const server = createServer((req, res) => {
    const served = authRoute(req, res) ?? (files?.(req, res) || publishing(req, res));
    if (served) {
      served.catch((err: unknown) => {
        logger.error({ err, url: req.url?.split('?')[0] }, 'serving a stored file failed');
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    const path = req.url?.split('?')[0] ?? '/';
    if (web && (req.method === 'GET' || req.method === 'HEAD') && !isApiPath(path)) return web(req, res, () => void yoga(req, res));
    const refuse = ({ status, code, message }: BodyRefusal) => {
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
    };
    const policy = bodyPolicy(req);
    if (policy === 'pass') return void yoga(req, res);
    if (policy !== 'read') return refuse(policy);
    readTextBody(req, env.MAX_BODY_KB * 1024)
      .then(async (body) => {
        if ('status' in body) return refuse(body);
        if (answerFromCache && path === GRAPHQL_PATH && (await answerFromCache(req, res, body.text))) return;
        (req as IncomingMessage & { body?: string }).body = body.text;
        void yoga(req, res);
      })
      .catch(() => res.destroy());
  });
  // Listen first, failing on 'error' (EADDRINUSE, EACCES): otherwise the WebSocketServer below
  // swallows the listen error and this promise never settles.
  try {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
  } catch (err) {
    await yoga.dispose();
    throw err;
  }
  // A socket message is a request body: the same cap.
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH, maxPayload: env.MAX_BODY_KB * 1024 });
  const ws = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      // Cross-site WebSocket hijacking: a socket signed in with the session cookie must come from
      // an origin that may use it (browsers always send Origin on the upgrade). 4403 otherwise.
      onConnect: (ctx) => {
        // graphql-ws keeps `extra` for the socket's life (and the context of each operation holds
        // it as `req`): keep of the upgrade request only what operations read (clientIp,
        // credentialsOf), not the IncomingMessage with its raw headers and stream state.
        const { headers, socket } = ctx.extra.request;
        (ctx.extra as { request: PeerRequest }).request = { headers, socket: { remoteAddress: socket.remoteAddress } };
        // As the context reads it: on a socket only connectionParams carry a key or token.
        const authorization = authorizationOf(undefined, ctx.connectionParams as Record<string, unknown> | undefined);
        if (!usesSessionCookie({ authorization, cookie: headers.cookie })) return true;
        return cookieOriginAllowed(headers.origin);
      },
      execute: (args) => (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args) => (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      onSubscribe: async (ctx, id, payload) => {
        const {
          schema: s,
          execute,
          subscribe,
          contextFactory,
          parse,
          validate,
        } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        let document;
        try {
          document = parse(payload.query);
        } catch (err) {
          return [err instanceof GraphQLError ? err : new GraphQLError(String(err))];
        }
        const errors = validate(s, document);
        if (errors.length > 0) return errors;
        let contextValue: unknown;
        try {
          contextValue = await contextFactory({ connectionParams: ctx.connectionParams } as never);
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        // Live results shared with other subscribers go out as the same bytes (src/sharedFrames.ts),
        // written as graphql-ws's own adapter writes them: settled once the frame is written.
        const socket = ctx.extra.socket;
        attachFrameSink(
          contextValue as object,
          id,
          (frame) =>
            new Promise<void>((resolve, reject) => {
              if (socket.readyState !== socket.OPEN) return resolve();
              socket.send(frame, (err) => (err ? reject(err) : resolve()));
            }),
        );
        return {
          schema: s,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue,
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
    // Ours instead (one timer, and a stall of this process ends nobody).
    0,
  );
  const stopKeepAlive = keepSocketsAlive(wss);
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    server,
    url: `http://${shownHost}:${actualPort}${GRAPHQL_PATH}`,
    close: async () => {
      // Stop accepting, tell socket clients we are going away (1001), then close.
      stopKeepAlive();
      await ws.dispose();
      for (const client of wss.clients) client.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      await yoga.dispose();
    },
  };
}
