// Signing secrets and signatures, with the standardwebhooks package (the same one receivers use).
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new `whsec_` secret: 24 random bytes, base64 (what standardwebhooks' Webhook takes). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The `webhook-signature` header: one `v1,<base64>` per secret, space-separated (both during a rotation's overlap). */
export function signatureHeader(secrets: string[], messageId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(' ');
}

/** The secrets a delivery is signed with now: the current one, and the previous one while its overlap lasts. */
export function activeSecrets(endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null }, now = new Date()): string[] {
  const previous = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now ? [endpoint.previousSecret] : [];
  return [endpoint.secret, ...previous];
}
