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
    "\n  query AccountProfile {\n    viewer {\n      id\n      name\n      email\n      avatarUrl\n      createdAt\n      identities { provider email subject createdAt lastUsedAt }\n      sessions(first: 100) {\n        totalCount\n        edges { node { id device method createdAt lastUsedAt current } }\n      }\n    }\n  }\n": typeof types.AccountProfileDocument,
    "\n  mutation AccountRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on RevokeSessionSuccess { data { id current revokedAt } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountRevokeSessionDocument,
    "\n  mutation AccountDelete {\n    deleteAccount {\n      __typename\n      ... on DeleteAccountSuccess { data { statusToken deletion { status requestedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountDeleteDocument,
    "\n  query AccountDeletionStatus($statusToken: String!) {\n    accountDeletion(statusToken: $statusToken) {\n      status\n      error\n      finishedAt\n      removed { rows objects }\n    }\n  }\n": typeof types.AccountDeletionStatusDocument,
    "\n  query AccountYouTubeChannels {\n    viewer {\n      id\n      youtubeChannels(first: 100) {\n        totalCount\n        edges { node { id channelId title thumbnailUrl sandbox connectedAt } }\n      }\n    }\n  }\n": typeof types.AccountYouTubeChannelsDocument,
    "\n  mutation AccountConnectYouTube($returnTo: String) {\n    connectYouTube(returnTo: $returnTo) {\n      __typename\n      ... on ConnectYouTubeSuccess { data { url expiresAt } }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountConnectYouTubeDocument,
    "\n  mutation AccountDisconnectYouTube($channelId: ID!) {\n    disconnectYouTube(channelId: $channelId) {\n      __typename\n      ... on DisconnectYouTubeSuccess { data }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountDisconnectYouTubeDocument,
    "\n  query AccountWebhookEndpoints {\n    viewer {\n      id\n      webhookEndpoints(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            url\n            events\n            enabled\n            disabledAt\n            disabledReason\n            failingSince\n            previousSecretExpiresAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountWebhookEndpointsDocument,
    "\n  mutation AccountCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on CreateWebhookEndpointSuccess { data { secret endpoint { id url events enabled } } }\n      ... on ValidationError { fields { path message } }\n      ... on QuotaExceededError { limit used }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountCreateWebhookEndpointDocument,
    "\n  mutation AccountUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess { data { id url events enabled disabledAt disabledReason failingSince } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountUpdateWebhookEndpointDocument,
    "\n  mutation AccountRotateWebhookSecret($id: ID!, $overlapMinutes: Int) {\n    rotateWebhookSecret(id: $id, overlapMinutes: $overlapMinutes) {\n      __typename\n      ... on RotateWebhookSecretSuccess { data { secret endpoint { id previousSecretExpiresAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountRotateWebhookSecretDocument,
    "\n  mutation AccountTestWebhookEndpoint($id: ID!) {\n    testWebhookEndpoint(id: $id) {\n      __typename\n      ... on TestWebhookEndpointSuccess { data { id status responseStatus durationMs error } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountTestWebhookEndpointDocument,
    "\n  mutation AccountDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess { data { deletedId } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountDeleteWebhookEndpointDocument,
    "\n  query AccountWebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on WebhookEndpoint {\n        id\n        url\n        enabled\n        disabledReason\n        webhookDeliveries(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges {\n            node { id eventId eventType attempt status responseStatus durationMs error retryAt createdAt }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountWebhookDeliveriesDocument,
    "\n  mutation AccountRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      __typename\n      ... on RedeliverWebhookSuccess { data { id } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountRedeliverWebhookDocument,
    "\n  subscription AccountWebhookEvents {\n    viewerEvents {\n      __typename\n      ... on WebhookEndpointEvent { endpointId kind at }\n    }\n  }\n": typeof types.AccountWebhookEventsDocument,
    "\n  query AccountApiKeys {\n    viewer {\n      id\n      apiKeys(first: 100) {\n        totalCount\n        edges { node { id name prefix createdAt lastUsedAt revokedAt } }\n      }\n    }\n  }\n": typeof types.AccountApiKeysDocument,
    "\n  mutation AccountCreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeySuccess { data { key apiKey { id name prefix createdAt lastUsedAt revokedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountCreateApiKeyDocument,
    "\n  mutation AccountRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess { data { id revokedAt } }\n      ... on Error { message }\n    }\n  }\n": typeof types.AccountRevokeApiKeyDocument,
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
    "\n  query AccountProfile {\n    viewer {\n      id\n      name\n      email\n      avatarUrl\n      createdAt\n      identities { provider email subject createdAt lastUsedAt }\n      sessions(first: 100) {\n        totalCount\n        edges { node { id device method createdAt lastUsedAt current } }\n      }\n    }\n  }\n": types.AccountProfileDocument,
    "\n  mutation AccountRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on RevokeSessionSuccess { data { id current revokedAt } }\n      ... on Error { message }\n    }\n  }\n": types.AccountRevokeSessionDocument,
    "\n  mutation AccountDelete {\n    deleteAccount {\n      __typename\n      ... on DeleteAccountSuccess { data { statusToken deletion { status requestedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.AccountDeleteDocument,
    "\n  query AccountDeletionStatus($statusToken: String!) {\n    accountDeletion(statusToken: $statusToken) {\n      status\n      error\n      finishedAt\n      removed { rows objects }\n    }\n  }\n": types.AccountDeletionStatusDocument,
    "\n  query AccountYouTubeChannels {\n    viewer {\n      id\n      youtubeChannels(first: 100) {\n        totalCount\n        edges { node { id channelId title thumbnailUrl sandbox connectedAt } }\n      }\n    }\n  }\n": types.AccountYouTubeChannelsDocument,
    "\n  mutation AccountConnectYouTube($returnTo: String) {\n    connectYouTube(returnTo: $returnTo) {\n      __typename\n      ... on ConnectYouTubeSuccess { data { url expiresAt } }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.AccountConnectYouTubeDocument,
    "\n  mutation AccountDisconnectYouTube($channelId: ID!) {\n    disconnectYouTube(channelId: $channelId) {\n      __typename\n      ... on DisconnectYouTubeSuccess { data }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on Error { message }\n    }\n  }\n": types.AccountDisconnectYouTubeDocument,
    "\n  query AccountWebhookEndpoints {\n    viewer {\n      id\n      webhookEndpoints(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            url\n            events\n            enabled\n            disabledAt\n            disabledReason\n            failingSince\n            previousSecretExpiresAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.AccountWebhookEndpointsDocument,
    "\n  mutation AccountCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on CreateWebhookEndpointSuccess { data { secret endpoint { id url events enabled } } }\n      ... on ValidationError { fields { path message } }\n      ... on QuotaExceededError { limit used }\n      ... on Error { message }\n    }\n  }\n": types.AccountCreateWebhookEndpointDocument,
    "\n  mutation AccountUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess { data { id url events enabled disabledAt disabledReason failingSince } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.AccountUpdateWebhookEndpointDocument,
    "\n  mutation AccountRotateWebhookSecret($id: ID!, $overlapMinutes: Int) {\n    rotateWebhookSecret(id: $id, overlapMinutes: $overlapMinutes) {\n      __typename\n      ... on RotateWebhookSecretSuccess { data { secret endpoint { id previousSecretExpiresAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.AccountRotateWebhookSecretDocument,
    "\n  mutation AccountTestWebhookEndpoint($id: ID!) {\n    testWebhookEndpoint(id: $id) {\n      __typename\n      ... on TestWebhookEndpointSuccess { data { id status responseStatus durationMs error } }\n      ... on Error { message }\n    }\n  }\n": types.AccountTestWebhookEndpointDocument,
    "\n  mutation AccountDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess { data { deletedId } }\n      ... on Error { message }\n    }\n  }\n": types.AccountDeleteWebhookEndpointDocument,
    "\n  query AccountWebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on WebhookEndpoint {\n        id\n        url\n        enabled\n        disabledReason\n        webhookDeliveries(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges {\n            node { id eventId eventType attempt status responseStatus durationMs error retryAt createdAt }\n          }\n        }\n      }\n    }\n  }\n": types.AccountWebhookDeliveriesDocument,
    "\n  mutation AccountRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      __typename\n      ... on RedeliverWebhookSuccess { data { id } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.AccountRedeliverWebhookDocument,
    "\n  subscription AccountWebhookEvents {\n    viewerEvents {\n      __typename\n      ... on WebhookEndpointEvent { endpointId kind at }\n    }\n  }\n": types.AccountWebhookEventsDocument,
    "\n  query AccountApiKeys {\n    viewer {\n      id\n      apiKeys(first: 100) {\n        totalCount\n        edges { node { id name prefix createdAt lastUsedAt revokedAt } }\n      }\n    }\n  }\n": types.AccountApiKeysDocument,
    "\n  mutation AccountCreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeySuccess { data { key apiKey { id name prefix createdAt lastUsedAt revokedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.AccountCreateApiKeyDocument,
    "\n  mutation AccountRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess { data { id revokedAt } }\n      ... on Error { message }\n    }\n  }\n": types.AccountRevokeApiKeyDocument,
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
export function graphql(source: "\n  query AccountProfile {\n    viewer {\n      id\n      name\n      email\n      avatarUrl\n      createdAt\n      identities { provider email subject createdAt lastUsedAt }\n      sessions(first: 100) {\n        totalCount\n        edges { node { id device method createdAt lastUsedAt current } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountProfile {\n    viewer {\n      id\n      name\n      email\n      avatarUrl\n      createdAt\n      identities { provider email subject createdAt lastUsedAt }\n      sessions(first: 100) {\n        totalCount\n        edges { node { id device method createdAt lastUsedAt current } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on RevokeSessionSuccess { data { id current revokedAt } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountRevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on RevokeSessionSuccess { data { id current revokedAt } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountDelete {\n    deleteAccount {\n      __typename\n      ... on DeleteAccountSuccess { data { statusToken deletion { status requestedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountDelete {\n    deleteAccount {\n      __typename\n      ... on DeleteAccountSuccess { data { statusToken deletion { status requestedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountDeletionStatus($statusToken: String!) {\n    accountDeletion(statusToken: $statusToken) {\n      status\n      error\n      finishedAt\n      removed { rows objects }\n    }\n  }\n"): (typeof documents)["\n  query AccountDeletionStatus($statusToken: String!) {\n    accountDeletion(statusToken: $statusToken) {\n      status\n      error\n      finishedAt\n      removed { rows objects }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountYouTubeChannels {\n    viewer {\n      id\n      youtubeChannels(first: 100) {\n        totalCount\n        edges { node { id channelId title thumbnailUrl sandbox connectedAt } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountYouTubeChannels {\n    viewer {\n      id\n      youtubeChannels(first: 100) {\n        totalCount\n        edges { node { id channelId title thumbnailUrl sandbox connectedAt } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountConnectYouTube($returnTo: String) {\n    connectYouTube(returnTo: $returnTo) {\n      __typename\n      ... on ConnectYouTubeSuccess { data { url expiresAt } }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountConnectYouTube($returnTo: String) {\n    connectYouTube(returnTo: $returnTo) {\n      __typename\n      ... on ConnectYouTubeSuccess { data { url expiresAt } }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountDisconnectYouTube($channelId: ID!) {\n    disconnectYouTube(channelId: $channelId) {\n      __typename\n      ... on DisconnectYouTubeSuccess { data }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountDisconnectYouTube($channelId: ID!) {\n    disconnectYouTube(channelId: $channelId) {\n      __typename\n      ... on DisconnectYouTubeSuccess { data }\n      ... on ProviderFailedError { failures { provider reason } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountWebhookEndpoints {\n    viewer {\n      id\n      webhookEndpoints(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            url\n            events\n            enabled\n            disabledAt\n            disabledReason\n            failingSince\n            previousSecretExpiresAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountWebhookEndpoints {\n    viewer {\n      id\n      webhookEndpoints(first: 100) {\n        totalCount\n        edges {\n          node {\n            id\n            url\n            events\n            enabled\n            disabledAt\n            disabledReason\n            failingSince\n            previousSecretExpiresAt\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on CreateWebhookEndpointSuccess { data { secret endpoint { id url events enabled } } }\n      ... on ValidationError { fields { path message } }\n      ... on QuotaExceededError { limit used }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      __typename\n      ... on CreateWebhookEndpointSuccess { data { secret endpoint { id url events enabled } } }\n      ... on ValidationError { fields { path message } }\n      ... on QuotaExceededError { limit used }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess { data { id url events enabled disabledAt disabledReason failingSince } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) {\n      __typename\n      ... on UpdateWebhookEndpointSuccess { data { id url events enabled disabledAt disabledReason failingSince } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountRotateWebhookSecret($id: ID!, $overlapMinutes: Int) {\n    rotateWebhookSecret(id: $id, overlapMinutes: $overlapMinutes) {\n      __typename\n      ... on RotateWebhookSecretSuccess { data { secret endpoint { id previousSecretExpiresAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountRotateWebhookSecret($id: ID!, $overlapMinutes: Int) {\n    rotateWebhookSecret(id: $id, overlapMinutes: $overlapMinutes) {\n      __typename\n      ... on RotateWebhookSecretSuccess { data { secret endpoint { id previousSecretExpiresAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountTestWebhookEndpoint($id: ID!) {\n    testWebhookEndpoint(id: $id) {\n      __typename\n      ... on TestWebhookEndpointSuccess { data { id status responseStatus durationMs error } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountTestWebhookEndpoint($id: ID!) {\n    testWebhookEndpoint(id: $id) {\n      __typename\n      ... on TestWebhookEndpointSuccess { data { id status responseStatus durationMs error } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess { data { deletedId } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountDeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id) {\n      __typename\n      ... on DeleteWebhookEndpointSuccess { data { deletedId } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountWebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on WebhookEndpoint {\n        id\n        url\n        enabled\n        disabledReason\n        webhookDeliveries(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges {\n            node { id eventId eventType attempt status responseStatus durationMs error retryAt createdAt }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountWebhookDeliveries($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on WebhookEndpoint {\n        id\n        url\n        enabled\n        disabledReason\n        webhookDeliveries(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges {\n            node { id eventId eventType attempt status responseStatus durationMs error retryAt createdAt }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      __typename\n      ... on RedeliverWebhookSuccess { data { id } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountRedeliverWebhook($id: ID!) {\n    redeliverWebhook(id: $id) {\n      __typename\n      ... on RedeliverWebhookSuccess { data { id } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AccountWebhookEvents {\n    viewerEvents {\n      __typename\n      ... on WebhookEndpointEvent { endpointId kind at }\n    }\n  }\n"): (typeof documents)["\n  subscription AccountWebhookEvents {\n    viewerEvents {\n      __typename\n      ... on WebhookEndpointEvent { endpointId kind at }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountApiKeys {\n    viewer {\n      id\n      apiKeys(first: 100) {\n        totalCount\n        edges { node { id name prefix createdAt lastUsedAt revokedAt } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountApiKeys {\n    viewer {\n      id\n      apiKeys(first: 100) {\n        totalCount\n        edges { node { id name prefix createdAt lastUsedAt revokedAt } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountCreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeySuccess { data { key apiKey { id name prefix createdAt lastUsedAt revokedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountCreateApiKey($name: String!) {\n    createApiKey(name: $name) {\n      __typename\n      ... on CreateApiKeySuccess { data { key apiKey { id name prefix createdAt lastUsedAt revokedAt } } }\n      ... on ValidationError { fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess { data { id revokedAt } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountRevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      __typename\n      ... on RevokeApiKeySuccess { data { id revokedAt } }\n      ... on Error { message }\n    }\n  }\n"];
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