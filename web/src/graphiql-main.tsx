import 'graphiql/style.css';
import 'graphiql/setup-workers/vite';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { buildSchema } from 'graphql';
import { createClient } from 'graphql-ws';
// The API's schema as emitted from the server's code (drift-tested): GraphiQL needs no introspection query,
// which the server prices above its limit.
import sdl from '../../schema.graphql?raw';

/**
 * GraphiQL, bundled (no CDN): queries go to /graphql with the token of the user signed in to the app in this
 * tab, subscriptions over the same WebSocket.
 */
function token(): string | null {
  try {
    return (JSON.parse(sessionStorage.getItem('postwatch.session') ?? 'null') as { token?: string } | null)?.token ?? null;
  } catch {
    return null;
  }
}

const wsUrl = new URL('/graphql', window.location.href);
wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
const bearer = token();
const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  headers,
  wsClient: createClient({ url: wsUrl.toString(), connectionParams: headers, retryAttempts: Infinity }),
});

const defaultQuery = bearer
  ? '# Signed in: requests carry your token.\n{\n  me {\n    fullName\n    role\n    agency { name }\n  }\n}\n'
  : '# Not signed in: sign in to the app at / in this tab, then come back here (your token is sent for you).\n{\n  __typename\n}\n';

// GraphiQL's editors and history go to sessionStorage (gone with the tab), not localStorage: what was typed on a
// shared counter PC, credentials included, does not outlive the tab.
createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} schema={buildSchema(sdl)} defaultQuery={defaultQuery} storage={sessionStorage} />);
