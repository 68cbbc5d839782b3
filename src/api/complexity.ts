import {
  GraphQLError, getNullableType, isListType, type DocumentNode, type GraphQLSchema,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../platform/errors.js';
import { MAX_PAGE_SIZE } from '../platform/relay.js';

/**
 * Highest estimated cost of one operation, worked out with the variables and the schema's default page sizes,
 * so that `alerts(first: $n)` nested under lists costs what it will cost to run (the only cost limit: graphql-armor's
 * own is off, limits.ts).
 */
export const MAX_COMPLEXITY = 25_000;

/** What an unpaged list (agencies, contacts, targets, acknowledgements, …) is assumed to hold. */
export const UNPAGED_LIST_ESTIMATE = 10;

/**
 * Each field costs 1, or the price it declares (its `complexity` extension, e.g. `jointStatistics`); a field with a `first` argument multiplies what is under it by `first` (its default when
 * not given, clamped to 1..MAX_PAGE_SIZE); any other list multiplies it by UNPAGED_LIST_ESTIMATE, except a connection's `edges`, already
 * counted by its `first`.
 */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  // Clamped to the pages a resolver serves: a page size out of range fails only its own field when it runs, and
  // a negative one must not cancel the price of its siblings.
  if (typeof args.first === 'number') return 1 + childComplexity * Math.min(Math.max(args.first, 1), MAX_PAGE_SIZE);
  if (field.name !== 'edges' && isListType(getNullableType(field.type))) return 1 + childComplexity * UNPAGED_LIST_ESTIMATE;
  return undefined;
};

/** The estimated cost of `operationName` in `document` with `variables` (see MAX_COMPLEXITY). */
export function complexityOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): number {
  return getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    operationName: operationName ?? undefined,
    // A field's own price first (type-graphql's `complexity` option, for fields that cost more than their size).
    estimators: [fieldExtensionsEstimator(), pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * BAD_REQUEST (HTTP 400) when the operation's estimated cost is above MAX_COMPLEXITY (then nothing runs), else null.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName?: string | null,
): GraphQLError | null {
  const cost = complexityOf(schema, document, variables, operationName);
  if (cost <= MAX_COMPLEXITY) return null;
  return new GraphQLError(
    `Query too costly: estimated ${cost}, at most ${MAX_COMPLEXITY} (page sizes multiply what is under them; ask for smaller pages or fewer nested lists)`,
    { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } },
  );
}
