/** Largest HTTP body or WebSocket message accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Live subscriptions one WebSocket may hold at once (a dashboard needs one per branch it shows). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/** The path of both the HTTP and the WebSocket GraphQL endpoints. */
export const GRAPHQL_PATH = '/graphql';
