import { GraphQLError } from 'graphql';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPENAME_RE = /^[A-Z][A-Za-z]{0,40}$/;

/** The Node types (test/malformed.test.ts checks this against the schema). */
export const NODE_TYPENAMES: ReadonlySet<string> = new Set([
  'ApiKey',
  'Asset',
  'Project',
  'Publication',
  'Reel',
  'Render',
  'RenderStage',
  'RenderedScene',
  'Scene',
  'Script',
  'User',
  'WebhookDelivery',
  'WebhookEndpoint',
  'YouTubeChannel',
]);

function invalid(globalID: string): GraphQLError {
  const shown = globalID.length > 60 ? `${globalID.slice(0, 60)}…` : globalID;
  return new GraphQLError(`"${shown}" is not a valid reelforge ID`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * Decodes a Relay global id (base64 "Type:uuid"), refusing anything that is not one of ours,
 * including a well-formed id of a type we do not have (Pothos would answer "X has not been implemented").
 */
export function decodeId(globalID: string): { typename: string; id: string } {
  if (globalID.length > 200) throw invalid(globalID);
  const decoded = Buffer.from(globalID, 'base64').toString('utf8');
  const sep = decoded.indexOf(':');
  const typename = decoded.slice(0, sep);
  const id = decoded.slice(sep + 1);
  if (sep < 1 || !TYPENAME_RE.test(typename) || !NODE_TYPENAMES.has(typename) || !UUID_RE.test(id)) throw invalid(globalID);
  return { typename, id: id.toLowerCase() };
}

export { encodeId } from '../ids.js';
