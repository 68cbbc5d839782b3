import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { markExpired, session } from './session';

/** Connection state shown in the status line. */
export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'offline';

type LinkListener = (state: LinkState) => void;
const linkListeners = new Set<LinkListener>();
let linkState: LinkState = 'connecting';
let everConnected = false;
/** How long a ping may wait for its pong before the socket is taken for dead. */
const PONG_TIMEOUT_MS = 5_000;
let pongTimer: ReturnType<typeof setTimeout> | undefined;
let activeSocket: WebSocket | null = null;
/** True between graphql-ws's `connected` and `closed`: the browser's online event then means live again. */
let socketOpen = false;
/** The token the current socket was opened with: a 4401 close refuses that one, not a newer one. */
let socketToken: string | null = null;

function setLink(next: LinkState): void {
  if (!navigator.onLine) next = 'offline';
  if (next === linkState) return;
  linkState = next;
  for (const listener of linkListeners) listener(linkState);
}

/** The WebSocket link's state, and its changes. */
export const link = {
  get: (): LinkState => linkState,
  subscribe(listener: LinkListener): () => void {
    linkListeners.add(listener);
    return () => linkListeners.delete(listener);
  },
};

window.addEventListener('offline', () => setLink('offline'));
window.addEventListener('online', () => setLink(socketOpen ? 'live' : everConnected ? 'reconnecting' : 'connecting'));

function wsUrl(): string {
  const url = new URL('/graphql', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Waits 1, 2, 4, 8 s, then 10 s between attempts, each with up to 2 s of random spread (so that a thousand
 * dashboards do not all come back in the same instant after a server restart).
 */
function backOff(retries: number): Promise<void> {
  const ms = Math.min(10_000, 1000 * 2 ** Math.min(retries, 4)) + Math.floor(Math.random() * 2000);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * graphql-ws client for the subscriptions: retries for ever with back-off, pings every 10 s (a silent network
 * is noticed within 20 s), sends the current token when it (re)connects. A 4401 close (token expired or the
 * account changed) asks the user to sign in again.
 */
export const wsClient: WsClient = createWsClient({
  url: wsUrl,
  lazy: true,
  lazyCloseTimeout: 5_000,
  retryAttempts: Infinity,
  retryWait: backOff,
  shouldRetry: () => true,
  keepAlive: 10_000,
  connectionParams: () => {
    const token = session.token();
    socketToken = token;
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  on: {
    connecting: () => setLink(everConnected ? 'reconnecting' : 'connecting'),
    connected: (socket) => {
      activeSocket = socket as WebSocket;
      everConnected = true;
      socketOpen = true;
      setLink('live');
    },
    closed: (event) => {
      socketOpen = false;
      activeSocket = null;
      clearTimeout(pongTimer);
      if ((event as CloseEvent | undefined)?.code === 4401) markExpired(socketToken);
      setLink(everConnected ? 'reconnecting' : 'connecting');
    },
    // A ping of ours unanswered within 5 s: the network is silent (a dead path does not close a socket for
    // minutes), so close it and reconnect.
    ping: (received) => {
      if (received) {
        setLink('live');
        return;
      }
      clearTimeout(pongTimer);
      pongTimer = setTimeout(() => {
        if (activeSocket?.readyState === WebSocket.OPEN) activeSocket.close(4408, 'No pong');
      }, PONG_TIMEOUT_MS);
    },
    pong: (received) => {
      if (received) {
        clearTimeout(pongTimer);
        setLink('live');
      }
    },
  },
});

// A new sign-in (a new token) while a socket opened with the old one is open: open a new one, so that the
// subscriptions run as the account signed in now and do not end when the old token expires.
session.subscribe(() => {
  const token = session.token();
  if (token && socketOpen && socketToken !== token) wsClient.terminate();
});

/** True when a GraphQL answer says the token is not (or no longer) accepted. */
function isUnauthenticated(error: { graphQLErrors: { extensions?: Record<string, unknown> }[]; response?: unknown }): boolean {
  const status = (error.response as Response | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
}

/** urql: queries and mutations over HTTP with the token, subscriptions over graphql-ws. */
export const client = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'cache-and-network',
  fetchOptions: () => {
    const token = session.token();
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    return { headers };
  },
  exchanges: [
    cacheExchange,
    mapExchange({
      // Each operation remembers the token it was sent with (fetchOptions reads the same one just after).
      onOperation: (operation) => makeOperation(operation.kind, operation, { ...operation.context, sentWithToken: session.token() }),
      onError(error, operation) {
        // Only a token that stopped working asks for the password again, not one replaced since.
        const sent = operation.context.sentWithToken as string | null | undefined;
        if (isUnauthenticated(error) && sent) markExpired(sent);
      },
    }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query ?? '' };
        return {
          subscribe(sink) {
            const unsubscribe = wsClient.subscribe(input, sink);
            return { unsubscribe };
          },
        };
      },
    }),
  ],
});

/**
 * Signs in with a plain request, outside urql's cache: a login answer must not make cached queries refetch
 * before the new token is in place.
 */
export async function requestLogin(query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}
