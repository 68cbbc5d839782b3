import { print } from 'graphql';
import { useEffect, useReducer, useRef } from 'react';
import type { GraphQLFormattedError } from 'graphql';
import { client, wsClient } from '../api/client';
import { AlertPostedSubscription, BranchActiveQuery, BranchFeedQuery, type Alert } from '../api/operations';
import { markExpired, session } from '../api/session';
import type { ResultOf } from '../graphql';

/**
 * The live feed of one branch, for one account, that loses nothing and shows nothing twice.
 *
 * - The last `deliverySeq` shown is kept in localStorage per account and branch. The feed loads the newest
 *   alerts, then subscribes to `alertPosted` with `after` = that number (or the newest loaded one the first
 *   time), so a closed tab, a dropped network, a server restart or a new sign-in catch up exactly.
 * - When the socket closes, the subscription is started again with `after` = the last number received, so a
 *   reconnect replays only what was missed.
 * - Messages are kept by `deliverySeq`: a repeat (a replay overlapping the first load, or a message a
 *   disposed graphql-ws subscription still hands over) is dropped.
 */

export interface FeedState {
  /** Every message received, by delivery sequence number. */
  messages: Map<string, Alert>;
  loading: boolean;
  /** Why the feed is not running (a refusal code, or a network problem while loading); null while it runs. */
  error: string | null;
  /** Messages committed while this account was away (since the last visit or the last disconnection). */
  away: number;
}

type Action =
  | { type: 'reset' }
  | { type: 'loaded'; alerts: Alert[]; awayFrom: bigint | null }
  | { type: 'received'; alert: Alert; away: boolean }
  | { type: 'replaced'; alert: Alert }
  | { type: 'refreshed'; alerts: Alert[] }
  | { type: 'error'; message: string }
  | { type: 'dismissAway' };

function reduce(state: FeedState, action: Action): FeedState {
  switch (action.type) {
    case 'reset':
      return { messages: new Map(), loading: true, error: null, away: 0 };
    case 'loaded': {
      const messages = new Map(state.messages);
      let away = state.away;
      for (const alert of action.alerts) {
        if (messages.has(alert.deliverySeq)) continue;
        messages.set(alert.deliverySeq, alert);
        if (action.awayFrom !== null && BigInt(alert.deliverySeq) > action.awayFrom) away++;
      }
      return { ...state, messages, loading: false, away, error: null };
    }
    case 'received': {
      if (state.messages.has(action.alert.deliverySeq)) return state;
      const messages = new Map(state.messages);
      messages.set(action.alert.deliverySeq, action.alert);
      return { ...state, messages, away: state.away + (action.away ? 1 : 0) };
    }
    case 'replaced': {
      const messages = new Map(state.messages);
      messages.set(action.alert.deliverySeq, action.alert);
      return { ...state, messages };
    }
    case 'refreshed': {
      // The server's current view of messages already shown (acknowledgements made elsewhere) and of active
      // ones older than the first page: no sound, not "while you were away".
      const messages = new Map(state.messages);
      for (const alert of action.alerts) messages.set(alert.deliverySeq, alert);
      return { ...state, messages, error: null };
    }
    case 'error':
      return { ...state, loading: false, error: action.message };
    case 'dismissAway':
      return { ...state, away: 0 };
  }
}

const PAGE = 50;
/** Active alerts loaded beyond the first page, at most (the branch answers those first). */
const MAX_ACTIVE_PAGES = 10;
/** How often acknowledgements made elsewhere (another tab, another clerk of the branch) are fetched. */
const REFRESH_MS = 30_000;
/** How long to wait before loading again after a failed load. */
const RETRY_LOAD_MS = 5_000;

/** The code of a GraphQL refusal (`extensions.code`). */
function codeOf(errors: readonly GraphQLFormattedError[] | undefined): string | undefined {
  return errors?.[0]?.extensions?.code as string | undefined;
}

function storageKey(contactId: string, branchId: string): string {
  return `postwatch.lastSeq.${contactId}.${branchId}`;
}

function maxSeq(a: string | null, b: string): string {
  return a === null || BigInt(b) > BigInt(a) ? b : a;
}

/** Hooks for what the feed does with each new message (sound, notification). */
export interface FeedEvents {
  onLive(alert: Alert): void;
}

/**
 * The feed of `branchId` for the account `contactId`; `generation` changes at each sign-in, which restarts
 * the subscription with the new token.
 */
export function useBranchFeed(branchId: string | null, contactId: string, generation: number, events: FeedEvents) {
  const [state, dispatch] = useReducer(reduce, { messages: new Map(), loading: true, error: null, away: 0 });
  const eventsRef = useRef(events);
  eventsRef.current = events;

  useEffect(() => {
    if (!branchId) return;
    dispatch({ type: 'reset' });
    const key = storageKey(contactId, branchId);
    let lastSeq: string | null = localStorage.getItem(key);
    if (lastSeq !== null && !/^\d{1,19}$/.test(lastSeq)) lastSeq = null;
    let stopped = false;
    let dispose: (() => void) | null = null;
    /** Messages at or below this number were already seen by this account; above it while catching up: "away". */
    let awayFrom: bigint | null = lastSeq === null ? null : BigInt(lastSeq);
    let catchingUpUntil = 0;

    const remember = (seq: string): void => {
      lastSeq = maxSeq(lastSeq, seq);
      localStorage.setItem(key, lastSeq);
    };

    /** Active alerts beyond the newest page, page by page (an old urgent alert must not drop off). */
    const loadActive = async (): Promise<Alert[]> => {
      const out: Alert[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_ACTIVE_PAGES; page++) {
        const result = await client.query(BranchActiveQuery, { branchId, first: PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
        const connection: ResultOf<typeof BranchActiveQuery>['alerts'] | undefined = result.data?.alerts;
        if (!connection) break;
        out.push(...connection.edges.map((e) => e.node));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor ?? null;
      }
      return out;
    };

    /** The subscription was refused or ended: say why, recover where that makes sense. */
    const refused = (code: string | undefined, after: string): void => {
      dispose?.();
      dispose = null;
      if (code === 'BAD_USER_INPUT' && after !== '0') {
        // The number kept is beyond the server's last delivery (a new database): start from its newest.
        localStorage.removeItem(key);
        lastSeq = null;
        awayFrom = null;
        void load(null);
      } else if (code === 'UNAUTHENTICATED') {
        markExpired(session.get().token);
      } else if (code) {
        dispatch({ type: 'error', message: code });
      }
    };

    const subscribe = (after: string): void => {
      dispose?.();
      let active = true;
      const unsubscribe = wsClient.subscribe<{ alertPosted: Alert }>(
        { query: print(AlertPostedSubscription), variables: { branchId, after } },
        {
          next: (result) => {
            if (!active || stopped) return;
            // graphql-ws hands a refusal of the operation (FORBIDDEN, NOT_FOUND, a bad `after`) as a result
            // with errors, then completes.
            if (result.errors?.length) {
              active = false;
              refused(codeOf(result.errors), after);
              return;
            }
            const alert = result.data?.alertPosted;
            if (!alert) return;
            const away = awayFrom !== null && BigInt(alert.deliverySeq) > awayFrom && Date.now() < catchingUpUntil;
            dispatch({ type: 'received', alert, away });
            remember(alert.deliverySeq);
            if (!away) eventsRef.current.onLive(alert);
          },
          error: (error) => {
            if (!active || stopped) return;
            active = false;
            // A list of GraphQL errors, or the close event of a socket that will not be retried (4401: the
            // session asks for the password and a new sign-in restarts this effect).
            refused(Array.isArray(error) ? codeOf(error as GraphQLFormattedError[]) : undefined, after);
          },
          complete: () => {
            // The server ended a live feed it should keep: start again after what was received.
            if (!active || stopped) return;
            active = false;
            dispose = null;
            setTimeout(() => {
              if (!stopped && dispose === null) subscribe(lastSeq ?? after);
            }, RETRY_LOAD_MS);
          },
        },
      );
      dispose = () => {
        active = false;
        unsubscribe();
      };
    };

    const load = async (stored: string | null): Promise<void> => {
      const result = await client.query(BranchFeedQuery, { branchId, first: PAGE }, { requestPolicy: 'network-only' }).toPromise();
      if (stopped) return;
      if (result.error || !result.data) {
        const code = codeOf(result.error?.graphQLErrors);
        dispatch({ type: 'error', message: code ?? 'NETWORK' });
        // A network failure (or a server restarting) is tried again; a refusal is not.
        if (!code || code === 'INTERNAL_SERVER_ERROR') retryTimer = setTimeout(() => void load(stored), RETRY_LOAD_MS);
        return;
      }
      const alerts = result.data.alerts.edges.map((e) => e.node);
      catchingUpUntil = Date.now() + 3000;
      dispatch({ type: 'loaded', alerts, awayFrom: stored === null ? null : BigInt(stored) });
      const newest = alerts.reduce<string | null>((max, a) => maxSeq(max, a.deliverySeq), null);
      // Resume after what this account saw last (replaying anything beyond the first page), else after the
      // newest loaded (a message committed between the load and the subscription is not missed).
      const after = stored ?? newest ?? '0';
      if (newest !== null) remember(newest);
      subscribe(after);
      if (result.data.alerts.totalCount > alerts.length) {
        const older = await loadActive();
        if (!stopped) dispatch({ type: 'refreshed', alerts: older });
      }
    };

    /** Acknowledgements made elsewhere, and active alerts, as the server has them now. */
    const refresh = async (): Promise<void> => {
      if (dispose === null) return;
      const result = await client.query(BranchFeedQuery, { branchId, first: PAGE }, { requestPolicy: 'network-only' }).toPromise();
      if (stopped || !result.data) return;
      const alerts = result.data.alerts.edges.map((e) => e.node);
      const older = result.data.alerts.totalCount > alerts.length ? await loadActive() : [];
      // Only messages already shown are updated: new ones come, once each, over the subscription.
      if (!stopped) dispatch({ type: 'refreshed', alerts: [...alerts, ...older].filter((a) => lastSeq !== null && BigInt(a.deliverySeq) <= BigInt(lastSeq)) });
    };
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshTimer = setInterval(() => void refresh(), REFRESH_MS);

    // A closed socket: start again after the last message received (graphql-ws would resend the first
    // `after`), counting the replay that follows the reconnection as "while you were away". Not after a
    // 4401 close: the session asks for the password, and the new sign-in restarts this effect.
    const offClosed = wsClient.on('closed', (event) => {
      if (stopped || lastSeq === null || dispose === null) return;
      if ((event as CloseEvent | undefined)?.code === 4401) return;
      awayFrom = BigInt(lastSeq);
      const resumeAfter = lastSeq;
      setTimeout(() => {
        if (!stopped) subscribe(resumeAfter);
      }, 0);
    });
    const offConnected = wsClient.on('connected', () => {
      catchingUpUntil = Date.now() + 3000;
    });

    void load(lastSeq);
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(refreshTimer);
      offClosed();
      offConnected();
      dispose?.();
    };
  }, [branchId, contactId, generation]);

  return {
    state,
    dismissAway: () => dispatch({ type: 'dismissAway' }),
    /** A message whose acknowledgements changed (after the user acknowledged it). */
    replace: (alert: Alert) => dispatch({ type: 'replaced', alert }),
  };
}
