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
    "\n  fragment SceneFields on Scene {\n    id\n    position\n    narration\n    imageQuery\n    aiImagePrompt\n    version\n    updatedAt\n    selectedAsset { id kind url mime width height provider metadata }\n    script { id status approvedAt }\n  }\n": typeof types.SceneFieldsFragmentDoc,
    "\n  query ScriptScenes($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        approvedAt\n        scenes(first: 30) { totalCount edges { node { ...SceneFields } } }\n      }\n    }\n  }\n": typeof types.ScriptScenesDocument,
    "\n  query SceneLatest($id: ID!) {\n    node(id: $id) { ... on Scene { ...SceneFields } }\n  }\n": typeof types.SceneLatestDocument,
    "\n  query SceneAssets($id: ID!) {\n    node(id: $id) {\n      ... on Scene {\n        id\n        assets(first: 100) { totalCount edges { node { id kind url mime width height provider metadata createdAt } } }\n      }\n    }\n  }\n": typeof types.SceneAssetsDocument,
    "\n  mutation UpdateScene($input: UpdateSceneInput!) {\n    updateScene(input: $input) {\n      __typename\n      ... on UpdateSceneSuccess { data { ...SceneFields } }\n      ... on VersionConflictError { message currentVersion expectedVersion }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.UpdateSceneDocument,
    "\n  mutation AddScene($input: AddSceneInput!) {\n    addScene(input: $input) {\n      __typename\n      ... on AddSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.AddSceneDocument,
    "\n  mutation MoveScene($id: ID!, $position: Int!) {\n    moveScene(id: $id, position: $position) {\n      __typename\n      ... on MoveSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.MoveSceneDocument,
    "\n  mutation RemoveScene($id: ID!) {\n    removeScene(id: $id) {\n      __typename\n      ... on RemoveSceneSuccess {\n        data { deletedId script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.RemoveSceneDocument,
    "\n  mutation SearchSceneImages($sceneId: ID!, $query: String) {\n    searchSceneImages(sceneId: $sceneId, query: $query) {\n      __typename\n      ... on SearchSceneImagesSuccess {\n        data {\n          provider\n          failures { provider reason }\n          candidates { id kind url mime width height provider metadata createdAt }\n          scene { ...SceneFields }\n        }\n      }\n      ... on ProviderFailedError { message failures { provider reason } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.SearchSceneImagesDocument,
    "\n  mutation SelectSceneAsset($sceneId: ID!, $assetId: ID) {\n    selectSceneAsset(sceneId: $sceneId, assetId: $assetId) {\n      __typename\n      ... on SelectSceneAssetSuccess { data { ...SceneFields } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.SelectSceneAssetDocument,
    "\n  mutation UploadSceneAsset($sceneId: ID!, $file: File!) {\n    uploadSceneAsset(sceneId: $sceneId, file: $file) {\n      __typename\n      ... on UploadSceneAssetSuccess { data { id kind } }\n      ... on QuotaExceededError { message }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.UploadSceneAssetDocument,
    "\n  mutation ApproveScript($id: ID!) {\n    approveScript(id: $id) {\n      __typename\n      ... on ApproveScriptSuccess { data { id status approvedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": typeof types.ApproveScriptDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { id name email avatarUrl }\n  }\n": types.ViewerDocument,
    "\n  query SignInMethods {\n    signInMethods { demo google demoUrl googleUrl }\n  }\n": types.SignInMethodsDocument,
    "\n  mutation SignOut {\n    signOut {\n      __typename\n      ... on Error { message }\n    }\n  }\n": types.SignOutDocument,
    "\n  fragment ReelView on Reel {\n    id\n    title\n    language\n    durationMs\n    publishedAt\n    video { id url mime }\n    thumbnail { id url }\n    scenes(first: 30) { edges { node { position narration startMs } } }\n  }\n": types.ReelViewFragmentDoc,
    "\n  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {\n    reels(first: $first, after: $after, startAt: $startAt) {\n      edges { cursor node { ...ReelView } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ExploreFeedDocument,
    "\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n": types.ScriptHeaderDocument,
    "\n  fragment SceneFields on Scene {\n    id\n    position\n    narration\n    imageQuery\n    aiImagePrompt\n    version\n    updatedAt\n    selectedAsset { id kind url mime width height provider metadata }\n    script { id status approvedAt }\n  }\n": types.SceneFieldsFragmentDoc,
    "\n  query ScriptScenes($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        approvedAt\n        scenes(first: 30) { totalCount edges { node { ...SceneFields } } }\n      }\n    }\n  }\n": types.ScriptScenesDocument,
    "\n  query SceneLatest($id: ID!) {\n    node(id: $id) { ... on Scene { ...SceneFields } }\n  }\n": types.SceneLatestDocument,
    "\n  query SceneAssets($id: ID!) {\n    node(id: $id) {\n      ... on Scene {\n        id\n        assets(first: 100) { totalCount edges { node { id kind url mime width height provider metadata createdAt } } }\n      }\n    }\n  }\n": types.SceneAssetsDocument,
    "\n  mutation UpdateScene($input: UpdateSceneInput!) {\n    updateScene(input: $input) {\n      __typename\n      ... on UpdateSceneSuccess { data { ...SceneFields } }\n      ... on VersionConflictError { message currentVersion expectedVersion }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.UpdateSceneDocument,
    "\n  mutation AddScene($input: AddSceneInput!) {\n    addScene(input: $input) {\n      __typename\n      ... on AddSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.AddSceneDocument,
    "\n  mutation MoveScene($id: ID!, $position: Int!) {\n    moveScene(id: $id, position: $position) {\n      __typename\n      ... on MoveSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.MoveSceneDocument,
    "\n  mutation RemoveScene($id: ID!) {\n    removeScene(id: $id) {\n      __typename\n      ... on RemoveSceneSuccess {\n        data { deletedId script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.RemoveSceneDocument,
    "\n  mutation SearchSceneImages($sceneId: ID!, $query: String) {\n    searchSceneImages(sceneId: $sceneId, query: $query) {\n      __typename\n      ... on SearchSceneImagesSuccess {\n        data {\n          provider\n          failures { provider reason }\n          candidates { id kind url mime width height provider metadata createdAt }\n          scene { ...SceneFields }\n        }\n      }\n      ... on ProviderFailedError { message failures { provider reason } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.SearchSceneImagesDocument,
    "\n  mutation SelectSceneAsset($sceneId: ID!, $assetId: ID) {\n    selectSceneAsset(sceneId: $sceneId, assetId: $assetId) {\n      __typename\n      ... on SelectSceneAssetSuccess { data { ...SceneFields } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.SelectSceneAssetDocument,
    "\n  mutation UploadSceneAsset($sceneId: ID!, $file: File!) {\n    uploadSceneAsset(sceneId: $sceneId, file: $file) {\n      __typename\n      ... on UploadSceneAssetSuccess { data { id kind } }\n      ... on QuotaExceededError { message }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.UploadSceneAssetDocument,
    "\n  mutation ApproveScript($id: ID!) {\n    approveScript(id: $id) {\n      __typename\n      ... on ApproveScriptSuccess { data { id status approvedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n": types.ApproveScriptDocument,
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
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SceneFields on Scene {\n    id\n    position\n    narration\n    imageQuery\n    aiImagePrompt\n    version\n    updatedAt\n    selectedAsset { id kind url mime width height provider metadata }\n    script { id status approvedAt }\n  }\n"): (typeof documents)["\n  fragment SceneFields on Scene {\n    id\n    position\n    narration\n    imageQuery\n    aiImagePrompt\n    version\n    updatedAt\n    selectedAsset { id kind url mime width height provider metadata }\n    script { id status approvedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScriptScenes($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        approvedAt\n        scenes(first: 30) { totalCount edges { node { ...SceneFields } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScriptScenes($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        approvedAt\n        scenes(first: 30) { totalCount edges { node { ...SceneFields } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SceneLatest($id: ID!) {\n    node(id: $id) { ... on Scene { ...SceneFields } }\n  }\n"): (typeof documents)["\n  query SceneLatest($id: ID!) {\n    node(id: $id) { ... on Scene { ...SceneFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SceneAssets($id: ID!) {\n    node(id: $id) {\n      ... on Scene {\n        id\n        assets(first: 100) { totalCount edges { node { id kind url mime width height provider metadata createdAt } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SceneAssets($id: ID!) {\n    node(id: $id) {\n      ... on Scene {\n        id\n        assets(first: 100) { totalCount edges { node { id kind url mime width height provider metadata createdAt } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateScene($input: UpdateSceneInput!) {\n    updateScene(input: $input) {\n      __typename\n      ... on UpdateSceneSuccess { data { ...SceneFields } }\n      ... on VersionConflictError { message currentVersion expectedVersion }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateScene($input: UpdateSceneInput!) {\n    updateScene(input: $input) {\n      __typename\n      ... on UpdateSceneSuccess { data { ...SceneFields } }\n      ... on VersionConflictError { message currentVersion expectedVersion }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddScene($input: AddSceneInput!) {\n    addScene(input: $input) {\n      __typename\n      ... on AddSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AddScene($input: AddSceneInput!) {\n    addScene(input: $input) {\n      __typename\n      ... on AddSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveScene($id: ID!, $position: Int!) {\n    moveScene(id: $id, position: $position) {\n      __typename\n      ... on MoveSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation MoveScene($id: ID!, $position: Int!) {\n    moveScene(id: $id, position: $position) {\n      __typename\n      ... on MoveSceneSuccess {\n        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveScene($id: ID!) {\n    removeScene(id: $id) {\n      __typename\n      ... on RemoveSceneSuccess {\n        data { deletedId script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveScene($id: ID!) {\n    removeScene(id: $id) {\n      __typename\n      ... on RemoveSceneSuccess {\n        data { deletedId script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }\n      }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SearchSceneImages($sceneId: ID!, $query: String) {\n    searchSceneImages(sceneId: $sceneId, query: $query) {\n      __typename\n      ... on SearchSceneImagesSuccess {\n        data {\n          provider\n          failures { provider reason }\n          candidates { id kind url mime width height provider metadata createdAt }\n          scene { ...SceneFields }\n        }\n      }\n      ... on ProviderFailedError { message failures { provider reason } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SearchSceneImages($sceneId: ID!, $query: String) {\n    searchSceneImages(sceneId: $sceneId, query: $query) {\n      __typename\n      ... on SearchSceneImagesSuccess {\n        data {\n          provider\n          failures { provider reason }\n          candidates { id kind url mime width height provider metadata createdAt }\n          scene { ...SceneFields }\n        }\n      }\n      ... on ProviderFailedError { message failures { provider reason } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SelectSceneAsset($sceneId: ID!, $assetId: ID) {\n    selectSceneAsset(sceneId: $sceneId, assetId: $assetId) {\n      __typename\n      ... on SelectSceneAssetSuccess { data { ...SceneFields } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SelectSceneAsset($sceneId: ID!, $assetId: ID) {\n    selectSceneAsset(sceneId: $sceneId, assetId: $assetId) {\n      __typename\n      ... on SelectSceneAssetSuccess { data { ...SceneFields } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadSceneAsset($sceneId: ID!, $file: File!) {\n    uploadSceneAsset(sceneId: $sceneId, file: $file) {\n      __typename\n      ... on UploadSceneAssetSuccess { data { id kind } }\n      ... on QuotaExceededError { message }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation UploadSceneAsset($sceneId: ID!, $file: File!) {\n    uploadSceneAsset(sceneId: $sceneId, file: $file) {\n      __typename\n      ... on UploadSceneAssetSuccess { data { id kind } }\n      ... on QuotaExceededError { message }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveScript($id: ID!) {\n    approveScript(id: $id) {\n      __typename\n      ... on ApproveScriptSuccess { data { id status approvedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveScript($id: ID!) {\n    approveScript(id: $id) {\n      __typename\n      ... on ApproveScriptSuccess { data { id status approvedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on NotFoundError { message }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;