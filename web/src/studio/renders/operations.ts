import { graphql } from '../../graphql/gen';

export const RenderStageViewFragment = graphql(`
  fragment RenderStageView on RenderStage {
    id
    name
    position
    status
    progress
    attempts
    startedAt
    finishedAt
    durationMs
    error
    detail
  }
`);

/** What the live view draws; every progress event carries all of it, so a resubscription catches up. */
export const RenderLiveFragment = graphql(`
  fragment RenderLive on Render {
    id
    status
    progress
    createdAt
    startedAt
    finishedAt
    durationMs
    published
    publishedAt
    error { stage message }
    output { id url mime durationMs }
    thumbnail { id url }
    stages(first: 100) { edges { node { ...RenderStageView } } }
  }
`);

export const PublicationViewFragment = graphql(`
  fragment PublicationView on Publication {
    id
    status
    progress
    bytesConfirmed
    bytesTotal
    title
    privacy
    watchUrl
    createdAt
    finishedAt
    error { code message }
    channel { id title sandbox }
  }
`);

export const RenderPageQuery = graphql(`
  query RenderPage($id: ID!) {
    node(id: $id) {
      ... on Render {
        ...RenderLive
        title
        language
        options
        script { id title }
        scenes(first: 100) { edges { node { id position narration } } }
        publications(first: 20) { totalCount edges { node { ...PublicationView } } }
      }
    }
  }
`);

export const RenderProgressSubscription = graphql(`
  subscription RenderProgress($renderId: ID!) {
    renderProgress(renderId: $renderId) {
      kind
      stageName
      status
      progress
      at
      render { ...RenderLive }
    }
  }
`);

export const RenderSummaryFragment = graphql(`
  fragment RenderSummary on Render {
    id
    status
    progress
    options
    createdAt
    durationMs
    published
    error { stage message }
    output { id durationMs }
    thumbnail { id url }
    scenes(first: 100) { edges { node { id position contentHash scene { id } } } }
    stages(first: 100) { edges { node { id name status detail } } }
  }
`);

export const ScriptRendersQuery = graphql(`
  query ScriptRenders($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      ... on Script {
        id
        status
        project { id defaultPreset defaultSubtitleStyle defaultVoice }
        renders(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { ...RenderSummary } }
        }
      }
    }
  }
`);

export const EnqueueRenderMutation = graphql(`
  mutation EnqueueRender($scriptId: ID!, $options: RenderOptionsInput) {
    enqueueRender(scriptId: $scriptId, options: $options) {
      __typename
      ... on EnqueueRenderSuccess { data { id status } }
      ... on ValidationError { message fields { path message } }
      ... on QuotaExceededError { message quota limit used }
      ... on Error { message }
    }
  }
`);

export const CancelRenderMutation = graphql(`
  mutation CancelRender($id: ID!) {
    cancelRender(id: $id) {
      __typename
      ... on CancelRenderSuccess { data { ...RenderLive } }
      ... on ValidationError { message fields { path message } }
      ... on Error { message }
    }
  }
`);

export const RetryRenderMutation = graphql(`
  mutation RetryRender($id: ID!) {
    retryRender(id: $id) {
      __typename
      ... on RetryRenderSuccess { data { ...RenderLive } }
      ... on ValidationError { message fields { path message } }
      ... on Error { message }
    }
  }
`);

export const SetRenderPublishedMutation = graphql(`
  mutation SetRenderPublished($id: ID!, $published: Boolean!) {
    setRenderPublished(id: $id, published: $published) {
      __typename
      ... on SetRenderPublishedSuccess { data { id published publishedAt } }
      ... on ValidationError { message fields { path message } }
      ... on Error { message }
    }
  }
`);

export const YoutubeChannelsQuery = graphql(`
  query YoutubeChannels {
    viewer { id youtubeChannels(first: 20) { edges { node { id title sandbox thumbnailUrl } } } }
  }
`);

export const PublishRenderMutation = graphql(`
  mutation PublishRender($input: PublishRenderInput!) {
    publishRender(input: $input) {
      __typename
      ... on PublishRenderSuccess { data { ...PublicationView } }
      ... on ValidationError { message fields { path message } }
      ... on Error { message }
    }
  }
`);

export const RetryPublicationMutation = graphql(`
  mutation RetryPublication($id: ID!) {
    retryPublication(id: $id) {
      __typename
      ... on RetryPublicationSuccess { data { ...PublicationView } }
      ... on ValidationError { message fields { path message } }
      ... on Error { message }
    }
  }
`);

export const PublicationProgressSubscription = graphql(`
  subscription PublicationProgress($id: ID!) {
    publicationProgress(id: $id) {
      kind
      status
      progress
      publication { ...PublicationView }
    }
  }
`);
