import { print } from 'graphql';
import { useEffect, useReducer, useRef } from 'react';
import { client, wsClient } from '../api/client';
import { AlertPostedSubscription, BranchFeedQuery, type Alert } from '../api/operations';

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
  error: string | null;
  /** Messages committed while this account was away (since the last visit or the last disconnection). */
  away: number;
}

type Action =
  | { type: 'reset' }
  | { type: 'loaded'; alerts: Alert[]; awayFrom: bigint | null }
  | { type: 'received'; alert: Alert; away: boolean }
  | { type: 'replaced'; alert: Alert }
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
      return { ...state, messages, loading: false, away };
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
    case 'error':
      return { ...state, loading: false, error: action.message };
    case 'dismissAway':
      return { ...state, away: 0 };
  }
}

const PAGE = 50;

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

    const subscribe = (after: string): void => {
      dispose?.();
      let active = true;
      const unsubscribe = wsClient.subscribe<{ alertPosted: Alert }>(
        { query: print(AlertPostedSubscription), variables: { branchId, after } },
        {
          next: (result) => {
            const alert = result.data?.alertPosted;
            if (!active || stopped || !alert) return;
            const away = awayFrom !== null && BigInt(alert.deliverySeq) > awayFrom && Date.now() < catchingUpUntil;
            dispatch({ type: 'received', alert, away });
            remember(alert.deliverySeq);
            if (!away) eventsRef.current.onLive(alert);
          },
          error: (error) => {
            if (!active || stopped) return;
            const code = Array.isArray(error) ? (error[0] as { extensions?: { code?: string } })?.extensions?.code : undefined;
            if (code === 'BAD_USER_INPUT' && after !== '0') {
              // The number kept is beyond the server's last delivery (a new database): start from its newest.
              localStorage.removeItem(key);
              lastSeq = null;
              void load(null);
              return;
            }
            // A 4401 close: the session asks for the password; a new sign-in restarts this effect.
          },
          complete: () => undefined,
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
        dispatch({ type: 'error', message: result.error?.message ?? 'no data' });
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
    };

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
