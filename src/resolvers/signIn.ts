import { googleConfigured, verifyIdToken } from '../auth/google.js';
import { DEMO_PATH, GOOGLE_PATH } from '../auth/routes.js';
import { startSession } from '../auth/sessions.js';
import { demoSignInEnabled, ensureDemoUser, userForGoogle } from '../auth/users.js';
import { SignInError } from '../errors.js';

/** A mobile app's Google ID token → the user (found or created) and a new session's bearer token. */
export async function signInWithGoogleIdToken(idToken: string, userAgent: string) {
  const claims = await verifyIdToken(idToken);
  const user = await userForGoogle(claims);
  const { token, session } = await startSession(user.id, 'google-id-token', userAgent);
  return { token, session, user };
}

export async function signInAsDemo(userAgent: string) {
  if (!demoSignInEnabled()) throw new SignInError('The demo account is off on this server (DEMO_SIGN_IN)');
  const user = await ensureDemoUser();
  const { token, session } = await startSession(user.id, 'demo', userAgent);
  return { token, session, user };
}

/** What a sign-in screen offers: the browser routes that are on here. */
export function signInMethods() {
  const demo = demoSignInEnabled();
  const google = googleConfigured();
  return { demo, google, demoUrl: demo ? DEMO_PATH : null, googleUrl: google ? GOOGLE_PATH : null };
}
