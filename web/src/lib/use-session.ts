import { useSyncExternalStore } from 'react';
import { link, type LinkState } from '../api/client';
import { session, type SessionState } from '../api/session';

/** The tab's session, re-rendering when it changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.get);
}

/** The WebSocket link's state (connecting, live, reconnecting, offline). */
export function useLink(): LinkState {
  return useSyncExternalStore(link.subscribe, link.get);
}
