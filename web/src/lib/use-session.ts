import { useMemo, useSyncExternalStore } from 'react';
import { useQuery, type AnyVariables, type UseQueryArgs, type UseQueryResponse } from 'urql';
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

/**
 * useQuery that runs again after each sign-in: a query refused while the session had ended gets its answer
 * once the user signed in again, without the page being remounted (a draft stays).
 */
export function useSessionQuery<Data, Variables extends AnyVariables>(args: UseQueryArgs<Variables, Data>): UseQueryResponse<Data, Variables> {
  const { generation } = useSession();
  const context = useMemo(() => ({ ...args.context, generation }), [args.context, generation]);
  return useQuery<Data, Variables>({ ...args, context });
}
