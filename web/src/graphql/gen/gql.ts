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
    "\n  fragment RenderStageView on RenderStage {\n    id\n    name\n    position\n    status\n    progress\n    attempts\n    startedAt\n    finishedAt\n    durationMs\n    error\n    detail\n  }\n": typeof types.RenderStageViewFragmentDoc,
    "\n  fragment RenderLive on Render {\n    id\n    status\n    progress\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    published\n    publishedAt\n    error { stage message }\n    output { id url mime durationMs }\n    thumbnail { id url }\n    stages(first: 100) { edges { node { ...RenderStageView } } }\n  }\n": typeof types.RenderLiveFragmentDoc,
    "\n  fragment PublicationView on Publication {\n    id\n    status\n    progress\n    bytesConfirmed\n    bytesTotal\n    title\n    privacy\n    watchUrl\n    createdAt\n    finishedAt\n    error { code message }\n    channel { id title sandbox }\n  }\n": typeof types.PublicationViewFragmentDoc,
    "\n  query RenderPage($id: ID!) {\n    node(id: $id) {\n      ... on Render {\n        ...RenderLive\n        title\n        language\n        options\n        script { id title }\n        scenes(first: 100) { edges { node { id position narration } } }\n        publications(first: 20) { totalCount edges { node { ...PublicationView } } }\n      }\n    }\n  }\n": typeof types.RenderPageDocument,
    "\n  subscription RenderProgress($renderId: ID!) {\n    renderProgress(renderId: $renderId) {\n      kind\n      stageName\n      status\n      progress\n      at\n      render { ...RenderLive }\n    }\n  }\n": typeof types.RenderProgressDocument,
    "\n  fragment RenderSummary on Render {\n    id\n    status\n    progress\n    options\n    createdAt\n    durationMs\n    published\n    error { stage message }\n    output { id durationMs }\n    thumbnail { id url }\n    scenes(first: 100) { edges { node { id position contentHash scene { id } } } }\n    stages(first: 100) { edges { node { id name status detail } } }\n  }\n": typeof types.RenderSummaryFragmentDoc,
    "\n  query ScriptRenders($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        project { id defaultPreset defaultSubtitleStyle defaultVoice }\n        renders(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { cursor node { ...RenderSummary } }\n        }\n      }\n    }\n  }\n": typeof types.ScriptRendersDocument,
    "\n  mutation EnqueueRender($scriptId: ID!, $options: RenderOptionsInput) {\n    enqueueRender(scriptId: $scriptId, options: $options) {\n      __typename\n      ... on EnqueueRenderSuccess { data { id status } }\n      ... on ValidationError { message fields { path message } }\n      ... on QuotaExceededError { message quota limit used }\n      ... on Error { message }\n    }\n  }\n": typeof types.EnqueueRenderDocument,
    "\n  mutation CancelRender($id: ID!) {\n    cancelRender(id: $id) {\n      __typename\n      ... on CancelRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.CancelRenderDocument,
    "\n  mutation RetryRender($id: ID!) {\n    retryRender(id: $id) {\n      __typename\n      ... on RetryRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.RetryRenderDocument,
    "\n  mutation SetRenderPublished($id: ID!, $published: Boolean!) {\n    setRenderPublished(id: $id, published: $published) {\n      __typename\n      ... on SetRenderPublishedSuccess { data { id published publishedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SetRenderPublishedDocument,
    "\n  query YoutubeChannels {\n    viewer { id youtubeChannels(first: 20) { edges { node { id title sandbox thumbnailUrl } } } }\n  }\n": typeof types.YoutubeChannelsDocument,
    "\n  mutation PublishRender($input: PublishRenderInput!) {\n    publishRender(input: $input) {\n      __typename\n      ... on PublishRenderSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.PublishRenderDocument,
    "\n  mutation RetryPublication($id: ID!) {\n    retryPublication(id: $id) {\n      __typename\n      ... on RetryPublicationSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": typeof types.RetryPublicationDocument,
    "\n  subscription PublicationProgress($id: ID!) {\n    publicationProgress(id: $id) {\n      kind\n      status\n      progress\n      publication { ...PublicationView }\n    }\n  }\n": typeof types.PublicationProgressDocument,
    "\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n": typeof types.ScriptHeaderDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer { id name email avatarUrl }\n  }\n": types.ViewerDocument,
    "\n  query SignInMethods {\n    signInMethods { demo google demoUrl googleUrl }\n  }\n": types.SignInMethodsDocument,
    "\n  mutation SignOut {\n    signOut {\n      __typename\n      ... on Error { message }\n    }\n  }\n": types.SignOutDocument,
    "\n  fragment ReelView on Reel {\n    id\n    title\n    language\n    durationMs\n    publishedAt\n    video { id url mime }\n    thumbnail { id url }\n    scenes(first: 30) { edges { node { position narration startMs } } }\n  }\n": types.ReelViewFragmentDoc,
    "\n  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {\n    reels(first: $first, after: $after, startAt: $startAt) {\n      edges { cursor node { ...ReelView } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.ExploreFeedDocument,
    "\n  fragment RenderStageView on RenderStage {\n    id\n    name\n    position\n    status\n    progress\n    attempts\n    startedAt\n    finishedAt\n    durationMs\n    error\n    detail\n  }\n": types.RenderStageViewFragmentDoc,
    "\n  fragment RenderLive on Render {\n    id\n    status\n    progress\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    published\n    publishedAt\n    error { stage message }\n    output { id url mime durationMs }\n    thumbnail { id url }\n    stages(first: 100) { edges { node { ...RenderStageView } } }\n  }\n": types.RenderLiveFragmentDoc,
    "\n  fragment PublicationView on Publication {\n    id\n    status\n    progress\n    bytesConfirmed\n    bytesTotal\n    title\n    privacy\n    watchUrl\n    createdAt\n    finishedAt\n    error { code message }\n    channel { id title sandbox }\n  }\n": types.PublicationViewFragmentDoc,
    "\n  query RenderPage($id: ID!) {\n    node(id: $id) {\n      ... on Render {\n        ...RenderLive\n        title\n        language\n        options\n        script { id title }\n        scenes(first: 100) { edges { node { id position narration } } }\n        publications(first: 20) { totalCount edges { node { ...PublicationView } } }\n      }\n    }\n  }\n": types.RenderPageDocument,
    "\n  subscription RenderProgress($renderId: ID!) {\n    renderProgress(renderId: $renderId) {\n      kind\n      stageName\n      status\n      progress\n      at\n      render { ...RenderLive }\n    }\n  }\n": types.RenderProgressDocument,
    "\n  fragment RenderSummary on Render {\n    id\n    status\n    progress\n    options\n    createdAt\n    durationMs\n    published\n    error { stage message }\n    output { id durationMs }\n    thumbnail { id url }\n    scenes(first: 100) { edges { node { id position contentHash scene { id } } } }\n    stages(first: 100) { edges { node { id name status detail } } }\n  }\n": types.RenderSummaryFragmentDoc,
    "\n  query ScriptRenders($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        project { id defaultPreset defaultSubtitleStyle defaultVoice }\n        renders(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { cursor node { ...RenderSummary } }\n        }\n      }\n    }\n  }\n": types.ScriptRendersDocument,
    "\n  mutation EnqueueRender($scriptId: ID!, $options: RenderOptionsInput) {\n    enqueueRender(scriptId: $scriptId, options: $options) {\n      __typename\n      ... on EnqueueRenderSuccess { data { id status } }\n      ... on ValidationError { message fields { path message } }\n      ... on QuotaExceededError { message quota limit used }\n      ... on Error { message }\n    }\n  }\n": types.EnqueueRenderDocument,
    "\n  mutation CancelRender($id: ID!) {\n    cancelRender(id: $id) {\n      __typename\n      ... on CancelRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.CancelRenderDocument,
    "\n  mutation RetryRender($id: ID!) {\n    retryRender(id: $id) {\n      __typename\n      ... on RetryRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.RetryRenderDocument,
    "\n  mutation SetRenderPublished($id: ID!, $published: Boolean!) {\n    setRenderPublished(id: $id, published: $published) {\n      __typename\n      ... on SetRenderPublishedSuccess { data { id published publishedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.SetRenderPublishedDocument,
    "\n  query YoutubeChannels {\n    viewer { id youtubeChannels(first: 20) { edges { node { id title sandbox thumbnailUrl } } } }\n  }\n": types.YoutubeChannelsDocument,
    "\n  mutation PublishRender($input: PublishRenderInput!) {\n    publishRender(input: $input) {\n      __typename\n      ... on PublishRenderSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.PublishRenderDocument,
    "\n  mutation RetryPublication($id: ID!) {\n    retryPublication(id: $id) {\n      __typename\n      ... on RetryPublicationSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n": types.RetryPublicationDocument,
    "\n  subscription PublicationProgress($id: ID!) {\n    publicationProgress(id: $id) {\n      kind\n      status\n      progress\n      publication { ...PublicationView }\n    }\n  }\n": types.PublicationProgressDocument,
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
export function graphql(source: "\n  fragment RenderStageView on RenderStage {\n    id\n    name\n    position\n    status\n    progress\n    attempts\n    startedAt\n    finishedAt\n    durationMs\n    error\n    detail\n  }\n"): (typeof documents)["\n  fragment RenderStageView on RenderStage {\n    id\n    name\n    position\n    status\n    progress\n    attempts\n    startedAt\n    finishedAt\n    durationMs\n    error\n    detail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RenderLive on Render {\n    id\n    status\n    progress\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    published\n    publishedAt\n    error { stage message }\n    output { id url mime durationMs }\n    thumbnail { id url }\n    stages(first: 100) { edges { node { ...RenderStageView } } }\n  }\n"): (typeof documents)["\n  fragment RenderLive on Render {\n    id\n    status\n    progress\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    published\n    publishedAt\n    error { stage message }\n    output { id url mime durationMs }\n    thumbnail { id url }\n    stages(first: 100) { edges { node { ...RenderStageView } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PublicationView on Publication {\n    id\n    status\n    progress\n    bytesConfirmed\n    bytesTotal\n    title\n    privacy\n    watchUrl\n    createdAt\n    finishedAt\n    error { code message }\n    channel { id title sandbox }\n  }\n"): (typeof documents)["\n  fragment PublicationView on Publication {\n    id\n    status\n    progress\n    bytesConfirmed\n    bytesTotal\n    title\n    privacy\n    watchUrl\n    createdAt\n    finishedAt\n    error { code message }\n    channel { id title sandbox }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RenderPage($id: ID!) {\n    node(id: $id) {\n      ... on Render {\n        ...RenderLive\n        title\n        language\n        options\n        script { id title }\n        scenes(first: 100) { edges { node { id position narration } } }\n        publications(first: 20) { totalCount edges { node { ...PublicationView } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RenderPage($id: ID!) {\n    node(id: $id) {\n      ... on Render {\n        ...RenderLive\n        title\n        language\n        options\n        script { id title }\n        scenes(first: 100) { edges { node { id position narration } } }\n        publications(first: 20) { totalCount edges { node { ...PublicationView } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RenderProgress($renderId: ID!) {\n    renderProgress(renderId: $renderId) {\n      kind\n      stageName\n      status\n      progress\n      at\n      render { ...RenderLive }\n    }\n  }\n"): (typeof documents)["\n  subscription RenderProgress($renderId: ID!) {\n    renderProgress(renderId: $renderId) {\n      kind\n      stageName\n      status\n      progress\n      at\n      render { ...RenderLive }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RenderSummary on Render {\n    id\n    status\n    progress\n    options\n    createdAt\n    durationMs\n    published\n    error { stage message }\n    output { id durationMs }\n    thumbnail { id url }\n    scenes(first: 100) { edges { node { id position contentHash scene { id } } } }\n    stages(first: 100) { edges { node { id name status detail } } }\n  }\n"): (typeof documents)["\n  fragment RenderSummary on Render {\n    id\n    status\n    progress\n    options\n    createdAt\n    durationMs\n    published\n    error { stage message }\n    output { id durationMs }\n    thumbnail { id url }\n    scenes(first: 100) { edges { node { id position contentHash scene { id } } } }\n    stages(first: 100) { edges { node { id name status detail } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScriptRenders($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        project { id defaultPreset defaultSubtitleStyle defaultVoice }\n        renders(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { cursor node { ...RenderSummary } }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScriptRenders($id: ID!, $first: Int!, $after: String) {\n    node(id: $id) {\n      ... on Script {\n        id\n        status\n        project { id defaultPreset defaultSubtitleStyle defaultVoice }\n        renders(first: $first, after: $after) {\n          totalCount\n          pageInfo { hasNextPage endCursor }\n          edges { cursor node { ...RenderSummary } }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnqueueRender($scriptId: ID!, $options: RenderOptionsInput) {\n    enqueueRender(scriptId: $scriptId, options: $options) {\n      __typename\n      ... on EnqueueRenderSuccess { data { id status } }\n      ... on ValidationError { message fields { path message } }\n      ... on QuotaExceededError { message quota limit used }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation EnqueueRender($scriptId: ID!, $options: RenderOptionsInput) {\n    enqueueRender(scriptId: $scriptId, options: $options) {\n      __typename\n      ... on EnqueueRenderSuccess { data { id status } }\n      ... on ValidationError { message fields { path message } }\n      ... on QuotaExceededError { message quota limit used }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRender($id: ID!) {\n    cancelRender(id: $id) {\n      __typename\n      ... on CancelRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRender($id: ID!) {\n    cancelRender(id: $id) {\n      __typename\n      ... on CancelRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRender($id: ID!) {\n    retryRender(id: $id) {\n      __typename\n      ... on RetryRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryRender($id: ID!) {\n    retryRender(id: $id) {\n      __typename\n      ... on RetryRenderSuccess { data { ...RenderLive } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRenderPublished($id: ID!, $published: Boolean!) {\n    setRenderPublished(id: $id, published: $published) {\n      __typename\n      ... on SetRenderPublishedSuccess { data { id published publishedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation SetRenderPublished($id: ID!, $published: Boolean!) {\n    setRenderPublished(id: $id, published: $published) {\n      __typename\n      ... on SetRenderPublishedSuccess { data { id published publishedAt } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query YoutubeChannels {\n    viewer { id youtubeChannels(first: 20) { edges { node { id title sandbox thumbnailUrl } } } }\n  }\n"): (typeof documents)["\n  query YoutubeChannels {\n    viewer { id youtubeChannels(first: 20) { edges { node { id title sandbox thumbnailUrl } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishRender($input: PublishRenderInput!) {\n    publishRender(input: $input) {\n      __typename\n      ... on PublishRenderSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation PublishRender($input: PublishRenderInput!) {\n    publishRender(input: $input) {\n      __typename\n      ... on PublishRenderSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryPublication($id: ID!) {\n    retryPublication(id: $id) {\n      __typename\n      ... on RetryPublicationSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"): (typeof documents)["\n  mutation RetryPublication($id: ID!) {\n    retryPublication(id: $id) {\n      __typename\n      ... on RetryPublicationSuccess { data { ...PublicationView } }\n      ... on ValidationError { message fields { path message } }\n      ... on Error { message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PublicationProgress($id: ID!) {\n    publicationProgress(id: $id) {\n      kind\n      status\n      progress\n      publication { ...PublicationView }\n    }\n  }\n"): (typeof documents)["\n  subscription PublicationProgress($id: ID!) {\n    publicationProgress(id: $id) {\n      kind\n      status\n      progress\n      publication { ...PublicationView }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ScriptHeader($id: ID!) {\n    node(id: $id) {\n      ... on Script {\n        id\n        title\n        status\n        mode\n        language\n        project { id title }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;