import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-data.js';

/** A GraphQL answer as the client receives it over HTTP. */
export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

/** POSTs one operation to `url` with an optional bearer token, over real HTTP. */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  operationName?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** Logs in through the `login` mutation and returns the token; demo password by default. */
export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const result = await gql<{ login: { token: string } }>(
    url,
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  if (!result.data?.login) throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
  return result.data.login.token;
}

/** A graphql-ws client over a real WebSocket, sending the token as connection params; no retries. */
export function wsClient(url: string, token?: string, onClose?: (event: { code: number; reason: string }) => void): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: onClose ? { closed: (event) => onClose(event as { code: number; reason: string }) } : undefined,
  });
}

/** A live subscription that collects what it receives. */
export interface Collector<T> {
  received: T[];
  errors: unknown[];
  /** Resolves once the server acknowledged the subscription's socket and the operation is registered. */
  ready: Promise<void>;
  /** Resolves when `count` results have arrived, rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the subscription ended with an error (or rejects after `timeoutMs`). */
  waitForError(timeoutMs?: number): Promise<unknown>;
  dispose(): void;
}

/** Subscribes with `client` and collects each `next` payload. */
export function collect<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Collector<T> {
  const received: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const unsubscribeConnected = client.on('connected', () => markReady());
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(value.errors);
        if (value.data) received.push(value.data as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        markReady();
        notify();
      },
      complete: () => notify(),
    },
  );
  const until = (done: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify({ received, errors })}`)),
        timeoutMs,
      );
      const check = () => {
        if (!done()) return void waiters.push(check);
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  return {
    received,
    errors,
    ready,
    waitFor: async (count, timeoutMs = 5000) => {
      await until(() => received.length >= count, timeoutMs, `${count} results`);
      return received;
    },
    waitForError: async (timeoutMs = 5000) => {
      await until(() => errors.length > 0, timeoutMs, 'an error');
      return errors[0];
    },
    dispose: () => {
      unsubscribeConnected();
      dispose();
    },
  };
}
