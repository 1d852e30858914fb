import { graphql } from '../graphql/gen';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer { id name email avatarUrl }
  }
`);

export const SignInMethodsQuery = graphql(`
  query SignInMethods {
    signInMethods { demo google demoUrl googleUrl }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut {
      __typename
      ... on Error { message }
    }
  }
`);
