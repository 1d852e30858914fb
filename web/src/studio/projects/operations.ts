import { graphql } from '../../graphql/gen';

export const ProjectsQuery = graphql(`
  query Projects($first: Int!, $after: String) {
    projects(first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          title
          language
          updatedAt
          scripts(first: 3) {
            totalCount
            edges {
              node {
                id
                title
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const CreateProjectMutation = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      __typename
      ... on CreateProjectSuccess {
        data {
          id
          title
          language
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const UpdateProjectMutation = graphql(`
  mutation UpdateProject($input: UpdateProjectInput!) {
    updateProject(input: $input) {
      __typename
      ... on UpdateProjectSuccess {
        data {
          id
          title
          language
          defaultPreset
          defaultSubtitleStyle
          updatedAt
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const DeleteProjectMutation = graphql(`
  mutation DeleteProject($id: ID!) {
    deleteProject(id: $id) {
      __typename
      ... on DeleteProjectSuccess {
        data {
          deletedId
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const ProjectQuery = graphql(`
  query Project($id: ID!, $first: Int!, $after: String) {
    node(id: $id) {
      ... on Project {
        id
        title
        language
        defaultPreset
        defaultSubtitleStyle
        updatedAt
        scripts(first: $first, after: $after) {
          totalCount
          edges {
            node {
              id
              title
              status
              mode
              language
              updatedAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`);

export const RenameScriptMutation = graphql(`
  mutation RenameScript($id: ID!, $title: String!) {
    renameScript(id: $id, title: $title) {
      __typename
      ... on RenameScriptSuccess {
        data {
          id
          title
          updatedAt
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const DeleteScriptMutation = graphql(`
  mutation DeleteScript($id: ID!) {
    deleteScript(id: $id) {
      __typename
      ... on DeleteScriptSuccess {
        data {
          deletedId
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const CreateScriptMutation = graphql(`
  mutation CreateScript($input: CreateScriptInput!) {
    createScript(input: $input) {
      __typename
      ... on CreateScriptSuccess {
        data {
          id
          title
          status
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
    }
  }
`);

export const GenerateScriptMutation = graphql(`
  mutation GenerateScript($input: GenerateScriptInput!) {
    generateScript(input: $input) {
      __typename
      ... on GenerateScriptSuccess {
        data {
          id
          title
          status
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
      ... on QuotaExceededError {
        message
      }
    }
  }
`);

export const RetryScriptGenerationMutation = graphql(`
  mutation RetryScriptGeneration($id: ID!) {
    retryScriptGeneration(id: $id) {
      __typename
      ... on RetryScriptGenerationSuccess {
        data {
          id
          status
          failureReason
        }
      }
      ... on ValidationError {
        message
        fields {
          path
          message
        }
      }
      ... on NotFoundError {
        message
      }
      ... on QuotaExceededError {
        message
      }
    }
  }
`);

export const ScriptProgressSubscription = graphql(`
  subscription ScriptProgress($scriptId: ID!) {
    scriptProgress(scriptId: $scriptId) {
      kind
      status
      writer
      message
      elapsedMs
      at
      script {
        id
        title
        status
        failureReason
        writerModel
        updatedAt
        sources {
          title
          url
        }
      }
    }
  }
`);

export const NewScriptProjectQuery = graphql(`
  query NewScriptProject($id: ID!) {
    node(id: $id) {
      ... on Project {
        id
        title
        language
      }
    }
  }
`);

export const GeneratingScriptQuery = graphql(`
  query GeneratingScript($id: ID!) {
    node(id: $id) {
      ... on Script {
        id
        status
        sources {
          title
          url
        }
      }
    }
  }
`);
