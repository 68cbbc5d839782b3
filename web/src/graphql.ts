import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/**
 * `graphql()` typed from `schema.graphql` (gql.tada): every operation's result and variables are checked by
 * `npm run typecheck`, so a schema change that breaks the app fails there. Fragments are not masked.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  disableMasking: true;
  scalars: { DateTimeISO: string; LocalDate: string; JSONObject: Record<string, unknown>; SafeInt: number };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
