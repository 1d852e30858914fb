import { graphql } from '../graphql/gen';

// ---- Profile, sessions, deletion ----

export const AccountProfileQuery = graphql(`
  query AccountProfile {
    viewer {
      id
      name
      email
      avatarUrl
      createdAt
      identities { provider email subject createdAt lastUsedAt }
      sessions(first: 100) {
        totalCount
        edges { node { id device method createdAt lastUsedAt current } }
      }
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation AccountRevokeSession($id: ID!) {
    revokeSession(id: $id) {
      __typename
      ... on RevokeSessionSuccess { data { id current revokedAt } }
      ... on Error { message }
    }
  }
`);

export const DeleteAccountMutation = graphql(`
  mutation AccountDelete {
    deleteAccount {
      __typename
      ... on DeleteAccountSuccess { data { statusToken deletion { status requestedAt } } }
      ... on ValidationError { fields { path message } }
      ... on Error { message }
    }
  }
`);

export const AccountDeletionQuery = graphql(`
  query AccountDeletionStatus($statusToken: String!) {
    accountDeletion(statusToken: $statusToken) {
      status
      error
      finishedAt
      removed { rows objects }
    }
  }
`);

// ---- YouTube ----

export const YouTubeChannelsQuery = graphql(`
  query AccountYouTubeChannels {
    viewer {
      id
      youtubeChannels(first: 100) {
        totalCount
        edges { node { id channelId title thumbnailUrl sandbox connectedAt } }
      }
    }
  }
`);

export const ConnectYouTubeMutation = graphql(`
  mutation AccountConnectYouTube($returnTo: String) {
    connectYouTube(returnTo: $returnTo) {
      __typename
      ... on ConnectYouTubeSuccess { data { url expiresAt } }
      ... on ProviderFailedError { failures { provider reason } }
      ... on ValidationError { fields { path message } }
      ... on Error { message }
    }
  }
`);

export const DisconnectYouTubeMutation = graphql(`
  mutation AccountDisconnectYouTube($channelId: ID!) {
    disconnectYouTube(channelId: $channelId) {
      __typename
      ... on DisconnectYouTubeSuccess { data }
      ... on ProviderFailedError { failures { provider reason } }
      ... on Error { message }
    }
  }
`);

// ---- Webhooks ----

export const WebhookEndpointsQuery = graphql(`
  query AccountWebhookEndpoints {
    viewer {
      id
      webhookEndpoints(first: 100) {
        totalCount
        edges {
          node {
            id
            url
            events
            enabled
            disabledAt
            disabledReason
            failingSince
            previousSecretExpiresAt
            createdAt
          }
        }
      }
    }
  }
`);

export const CreateWebhookEndpointMutation = graphql(`
  mutation AccountCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      __typename
      ... on CreateWebhookEndpointSuccess { data { secret endpoint { id url events enabled } } }
      ... on ValidationError { fields { path message } }
      ... on QuotaExceededError { limit used }
      ... on Error { message }
    }
  }
`);

export const UpdateWebhookEndpointMutation = graphql(`
  mutation AccountUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      __typename
      ... on UpdateWebhookEndpointSuccess { data { id url events enabled disabledAt disabledReason failingSince } }
      ... on ValidationError { fields { path message } }
      ... on Error { message }
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation AccountRotateWebhookSecret($id: ID!, $overlapMinutes: Int) {
    rotateWebhookSecret(id: $id, overlapMinutes: $overlapMinutes) {
      __typename
      ... on RotateWebhookSecretSuccess { data { secret endpoint { id previousSecretExpiresAt } } }
      ... on ValidationError { fields { path message } }
      ... on Error { message }
    }
  }
`);

export const TestWebhookEndpointMutation = graphql(`
  mutation AccountTestWebhookEndpoint($id: ID!) {
    testWebhookEndpoint(id: $id) {
      __typename
      ... on TestWebhookEndpointSuccess { data { id status responseStatus durationMs error } }
      ... on Error { message }
    }
  }
`);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation AccountDeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id) {
      __typename
      ... on DeleteWebhookEndpointSuccess { data { deletedId } }
      ... on Error { message }
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query AccountWebhookDeliveries($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      ... on WebhookEndpoint {
        id
        url
        enabled
        disabledReason
        webhookDeliveries(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges {
            node { id eventId eventType attempt status responseStatus durationMs error retryAt createdAt }
          }
        }
      }
    }
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation AccountRedeliverWebhook($id: ID!) {
    redeliverWebhook(id: $id) {
      __typename
      ... on RedeliverWebhookSuccess { data { id } }
      ... on ValidationError { fields { path message } }
      ... on Error { message }
    }
  }
`);

/** Deliveries happen in the worker: their events say when to look again. */
export const WebhookEventsSubscription = graphql(`
  subscription AccountWebhookEvents {
    viewerEvents {
      __typename
      ... on WebhookEndpointEvent { endpointId kind at }
    }
  }
`);

// ---- API keys ----

export const ApiKeysQuery = graphql(`
  query AccountApiKeys {
    viewer {
      id
      apiKeys(first: 100) {
        totalCount
        edges { node { id name prefix createdAt lastUsedAt revokedAt } }
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation AccountCreateApiKey($name: String!) {
    createApiKey(name: $name) {
      __typename
      ... on CreateApiKeySuccess { data { key apiKey { id name prefix createdAt lastUsedAt revokedAt } } }
      ... on ValidationError { fields { path message } }
      ... on Error { message }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation AccountRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on RevokeApiKeySuccess { data { id revokedAt } }
      ... on Error { message }
    }
  }
`);
