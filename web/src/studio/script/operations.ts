import { graphql } from '../../graphql/gen';

export const ScriptHeaderQuery = graphql(`
  query ScriptHeader($id: ID!) {
    node(id: $id) {
      ... on Script {
        id
        title
        status
        mode
        language
        project { id title }
      }
    }
  }
`);

// One scene as the editor shows it; the script's status comes along so an edit that returns an
// approved script to DRAFT shows in the header at once.
export const SceneFieldsFragment = graphql(`
  fragment SceneFields on Scene {
    id
    position
    narration
    imageQuery
    aiImagePrompt
    version
    updatedAt
    selectedAsset { id kind url mime width height provider metadata }
    script { id status approvedAt }
  }
`);

export const ScriptScenesQuery = graphql(`
  query ScriptScenes($id: ID!) {
    node(id: $id) {
      ... on Script {
        id
        status
        approvedAt
        scenes(first: 30) { totalCount edges { node { ...SceneFields } } }
      }
    }
  }
`);

/** The scene as stored now (after a conflict or an upload). */
export const SceneLatestQuery = graphql(`
  query SceneLatest($id: ID!) {
    node(id: $id) { ... on Scene { ...SceneFields } }
  }
`);

export const SceneAssetsQuery = graphql(`
  query SceneAssets($id: ID!) {
    node(id: $id) {
      ... on Scene {
        id
        assets(first: 100) { totalCount edges { node { id kind url mime width height provider metadata createdAt } } }
      }
    }
  }
`);

export const UpdateSceneMutation = graphql(`
  mutation UpdateScene($input: UpdateSceneInput!) {
    updateScene(input: $input) {
      __typename
      ... on UpdateSceneSuccess { data { ...SceneFields } }
      ... on VersionConflictError { message currentVersion expectedVersion }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

export const AddSceneMutation = graphql(`
  mutation AddScene($input: AddSceneInput!) {
    addScene(input: $input) {
      __typename
      ... on AddSceneSuccess {
        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }
      }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

export const MoveSceneMutation = graphql(`
  mutation MoveScene($id: ID!, $position: Int!) {
    moveScene(id: $id, position: $position) {
      __typename
      ... on MoveSceneSuccess {
        data { id script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }
      }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

export const RemoveSceneMutation = graphql(`
  mutation RemoveScene($id: ID!) {
    removeScene(id: $id) {
      __typename
      ... on RemoveSceneSuccess {
        data { deletedId script { id status approvedAt scenes(first: 30) { totalCount edges { node { ...SceneFields } } } } }
      }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

export const SearchSceneImagesMutation = graphql(`
  mutation SearchSceneImages($sceneId: ID!, $query: String) {
    searchSceneImages(sceneId: $sceneId, query: $query) {
      __typename
      ... on SearchSceneImagesSuccess {
        data {
          provider
          failures { provider reason }
          candidates { id kind url mime width height provider metadata createdAt }
          scene { ...SceneFields }
        }
      }
      ... on ProviderFailedError { message failures { provider reason } }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

/** What the server has set up: the picture panel disables what would only fail. */
export const CapabilitiesQuery = graphql(`
  query Capabilities {
    capabilities { imageSearch aiImages }
  }
`);

export const GenerateSceneImageMutation = graphql(`
  mutation GenerateSceneImage($sceneId: ID!, $prompt: String) {
    generateSceneImage(sceneId: $sceneId, prompt: $prompt) {
      __typename
      ... on GenerateSceneImageSuccess { data { id kind url mime width height provider metadata createdAt } }
      ... on ProviderFailedError { message failures { provider reason } }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

export const SelectSceneAssetMutation = graphql(`
  mutation SelectSceneAsset($sceneId: ID!, $assetId: ID) {
    selectSceneAsset(sceneId: $sceneId, assetId: $assetId) {
      __typename
      ... on SelectSceneAssetSuccess { data { ...SceneFields } }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

/** Sent by Upload.ts over XMLHttpRequest (for its progress), by this document's persisted hash. */
export const UploadSceneAssetMutation = graphql(`
  mutation UploadSceneAsset($sceneId: ID!, $file: File!) {
    uploadSceneAsset(sceneId: $sceneId, file: $file) {
      __typename
      ... on UploadSceneAssetSuccess { data { id kind } }
      ... on QuotaExceededError { message }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);

export const ApproveScriptMutation = graphql(`
  mutation ApproveScript($id: ID!) {
    approveScript(id: $id) {
      __typename
      ... on ApproveScriptSuccess { data { id status approvedAt } }
      ... on ValidationError { message fields { path message } }
      ... on NotFoundError { message }
    }
  }
`);
