import { useEffect, useState } from 'react';
import { useClient, useQuery, type AnyVariables, type CombinedError, type DocumentInput, type RequestPolicy } from 'urql';

/** The part of a Relay connection a page list reads. */
export interface Connection<Node> {
  totalCount: number;
  edges: { node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A Relay connection read page by page, as the History and Audit log pages show it: the first page through
 * `useQuery` (asked again whenever `variables` change, which also drops the pages loaded after it), the next ones
 * on `loadMore`, appended in order. `variables` are the first page's (`after: null`); `connectionOf` picks the
 * connection out of an answer.
 * @returns `first` (the first page's query state), `connection` (the first page's connection, for its
 *   totalCount), `entries` (every node loaded), `hasNextPage`, `loadingMore`, and `loadMore`, which resolves to
 *   the refusal of the next page, `'empty'` for an answer without data, or null once it is appended.
 */
export function usePages<Data, Variables extends AnyVariables & { after: string | null }, Node>(
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  connectionOf: (data: Data) => Connection<Node>,
  options: { requestPolicy?: RequestPolicy; pause?: boolean } = {},
) {
  const client = useClient();
  const [first] = useQuery({ query, variables, requestPolicy: options.requestPolicy, pause: options.pause });
  const [more, setMore] = useState<{ entries: Node[]; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify(variables);
  useEffect(() => setMore(null), [key]);

  const connection = first.data ? connectionOf(first.data) : undefined;
  const entries = [...(connection?.edges.map((edge) => edge.node) ?? []), ...(more?.entries ?? [])];
  const hasNextPage = more ? more.hasNextPage : (connection?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (connection?.pageInfo.endCursor ?? null);

  async function loadMore(): Promise<CombinedError | 'empty' | null> {
    if (!endCursor || loadingMore) return null;
    setLoadingMore(true);
    const answer = await client.query(query, { ...variables, after: endCursor }, options.requestPolicy ? { requestPolicy: options.requestPolicy } : undefined).toPromise();
    setLoadingMore(false);
    if (answer.error) return answer.error;
    if (!answer.data) return 'empty';
    const next = connectionOf(answer.data);
    setMore((previous) => ({
      entries: [...(previous?.entries ?? []), ...next.edges.map((edge) => edge.node)],
      endCursor: next.pageInfo.endCursor ?? null,
      hasNextPage: next.pageInfo.hasNextPage,
    }));
    return null;
  }

  return { first, connection, entries, hasNextPage, loadingMore, loadMore };
}
