import { graphql } from '../graphql/gen';

export const ReelViewFragment = graphql(`
  fragment ReelView on Reel {
    id
    title
    language
    durationMs
    publishedAt
    video { id url mime }
    thumbnail { id url }
    scenes(first: 30) { edges { node { position narration startMs } } }
  }
`);

export const ExploreFeedQuery = graphql(`
  query ExploreFeed($first: Int!, $after: String, $startAt: ID) {
    reels(first: $first, after: $after, startAt: $startAt) {
      edges { cursor node { ...ReelView } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
