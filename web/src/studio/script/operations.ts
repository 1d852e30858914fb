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
