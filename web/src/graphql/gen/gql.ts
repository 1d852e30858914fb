/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer { id name email avatarUrl }\n  }\n": typeof types.ViewerDocument,
    "\n  query SignInMethods {\n    signInMethods { demo google demoUrl googleUrl }\n  }\n": typeof types.SignInMethodsDocument,
    "\n  mutation SignOut {\n    signOut {\n      __typename\n      ... on Error { message }\n    }\n  }\n": typeof types.SignOutDocument,
    "\n  fragment ReelView on Reel {\n    id\n    title\n    language\n    durationMs\n    publishedAt\n    video { id url mime }\n    thumbnail { id url }\n    scenes(first: 30) { edges { node { position narration startMs } } }\n  }\n": typeof types.ReelViewFragmentDoc,
    "\n  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {\n    reels(first: $first, after: $after, startAt: $startAt) {\n      edges { cursor node { ...ReelView } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.ExploreFeedDocument,
    "\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n": typeof types.ScriptHeaderDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { id name email avatarUrl }\n  }\n": types.ViewerDocument,
    "\n  query SignInMethods {\n    signInMethods { demo google demoUrl googleUrl }\n  }\n": types.SignInMethodsDocument,
    "\n  mutation SignOut {\n    signOut {\n      __typename\n      ... on Error { message }\n    }\n  }\n": types.SignOutDocument,
    "\n  fragment ReelView on Reel {\n    id\n    title\n    language\n    durationMs\n    publishedAt\n    video { id url mime }\n    thumbnail { id url }\n    scenes(first: 30) { edges { node { position narration startMs } } }\n  }\n": types.ReelViewFragmentDoc,
    "\n  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {\n    reels(first: $first, after: $after, startAt: $startAt) {\n      edges { cursor node { ...ReelView } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ExploreFeedDocument,
    "\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n": types.ScriptHeaderDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer { id name email avatarUrl }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer { id name email avatarUrl }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInMethods {\n    signInMethods { demo google demoUrl googleUrl }\n  }\n"): (typeof documents)["\n  query SignInMethods {\n    signInMethods { demo google demoUrl googleUrl }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      __typename\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut {\n      __typename\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReelView on Reel {\n    id\n    title\n    language\n    durationMs\n    publishedAt\n    video { id url mime }\n    thumbnail { id url }\n    scenes(first: 30) { edges { node { position narration startMs } } }\n  }\n"): (typeof documents)["\n  fragment ReelView on Reel {\n    id\n    title\n    language\n    durationMs\n    publishedAt\n    video { id url mime }\n    thumbnail { id url }\n    scenes(first: 30) { edges { node { position narration startMs } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {\n    reels(first: $first, after: $after, startAt: $startAt) {\n      edges { cursor node { ...ReelView } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {\n    reels(first: $first, after: $after, startAt: $startAt) {\n      edges { cursor node { ...ReelView } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;