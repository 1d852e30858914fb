// Google as an OpenID Connect provider, through openid-client (discovery, state, PKCE, nonce) and
// jose (ID tokens from mobile apps, checked against the provider's JWKS). One configuration for
// every use: sign-in asks for `openid email profile`; connecting YouTube will ask the same client for
// its upload scope with offline access (authorizationRequest's `scopes` and `extraParams`).
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { env } from '../config.js';
import { SignInError } from '../errors.js';
import { discoverGoogle, forgetGoogle, googleConfigured } from '../googleClient.js';

export const SIGN_IN_SCOPES = ['openid', 'email', 'profile'];

export { SignInError };

export { googleConfigured };

/** Where Google sends the browser back (must be listed as an authorized redirect URI at Google). */
export function redirectUri(path: string): string {
  return new URL(path, env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).toString();
}

/** The app's Google client (src/googleClient.ts), or a SignInError saying it is not configured. */
export function googleConfiguration(): Promise<oidc.Configuration> {
  if (!googleConfigured())
    return Promise.reject(new SignInError('Google sign-in is not configured on this server (GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)'));
  return discoverGoogle();
}

/** Forgets the discovered configuration and keys (tests that restart their fake Google). */
export function resetGoogle(): void {
  forgetGoogle();
  jwks = null;
}

/** What the callback needs to finish one authorization: kept by the caller until then (see signInState.ts). */
export interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  nonce: string;
}

export async function authorizationRequest(options: {
  scopes: string[];
  redirectPath: string;
  extraParams?: Record<string, string>;
}): Promise<{ url: URL; pending: PendingAuthorization }> {
  const config = await googleConfiguration();
  const pending = { state: oidc.randomState(), codeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(options.redirectPath),
    scope: options.scopes.join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    ...options.extraParams,
  });
  return { url, pending };
}

/**
 * Exchanges the code of Google's redirect back to `currentUrl` (state, PKCE verifier and nonce
 * checked by openid-client) and returns the ID token's claims and the tokens.
 */
export async function completeAuthorization(currentUrl: URL, pending: PendingAuthorization) {
  const config = await googleConfiguration();
  const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new SignInError('Google answered without an ID token');
  return { claims: claims as JWTPayload & GoogleClaims, tokens, config };
}

export async function userInfo(config: oidc.Configuration, accessToken: string, subject: string): Promise<GoogleClaims> {
  return (await oidc.fetchUserInfo(config, accessToken, subject)) as GoogleClaims;
}

export interface GoogleClaims {
  sub: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
  picture?: string;
}

let jwks: ReturnType<typeof createRemoteJWKSet> | null = null;

/**
 * Checks a Google ID token sent by a mobile app: signature against the issuer's JWKS, issuer
 * (Google writes it with or without the scheme), audience (the web client or a mobile client id),
 * expiry. Throws SignInError saying which check failed.
 */
export async function verifyIdToken(idToken: string): Promise<GoogleClaims> {
  const config = await googleConfiguration();
  const meta = config.serverMetadata();
  if (!meta.jwks_uri) throw new SignInError('Google’s discovery document names no JWKS');
  jwks ??= createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 10_000 });
  const audiences = [env.GOOGLE_CLIENT_ID!, ...(env.GOOGLE_MOBILE_CLIENT_IDS?.split(',') ?? [])];
  const issuers = [meta.issuer, meta.issuer.replace(/^https?:\/\//, '')];
  try {
    const { payload } = await jwtVerify(idToken, jwks, { issuer: issuers, audience: audiences, algorithms: ['RS256', 'ES256'], clockTolerance: 30 });
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new SignInError('the ID token has no subject');
    return payload as JWTPayload & GoogleClaims;
  } catch (err) {
    throw new SignInError(`The ID token was refused: ${idTokenProblem(err)}`);
  }
}

function idTokenProblem(err: unknown): string {
  const code = (err as { code?: string }).code;
  const claim = (err as { claim?: string }).claim;
  if (err instanceof SignInError) return err.message;
  if (code === 'ERR_JWT_EXPIRED') return 'it has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss') return 'it was not issued by Google';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud') return 'it was issued to another app (audience)';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return `its "${claim}" claim is not valid`;
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'its signature does not verify';
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'it is signed with a key Google does not publish';
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID' || code === 'ERR_JOSE_ALG_NOT_ALLOWED') return 'it is not a well-formed signed JWT';
  if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC') return 'Google’s keys could not be fetched; try again';
  return 'it is not a valid Google ID token';
}
