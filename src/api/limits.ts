import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Limits on what one operation may ask for (graphql-armor), the same over HTTP and WebSocket:
 * depth 12, 15 aliases, 50 directives, cost 5,000 (graphql-armor's cost model), 2,000 tokens.
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 12 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 50 },
  costLimit: { maxCost: 5000 },
  maxTokens: { n: 2000 },
  // Suggestions are removed from every error, HTTP and WebSocket alike, in errors.ts.
  blockFieldSuggestion: { enabled: false },
} as const;

/** Apollo Server options (plugins and validation rules) that enforce QUERY_LIMITS. */
export function apolloLimits() {
  return new ApolloArmor(QUERY_LIMITS).protect();
}

const wsValidationRules = [...specifiedRules, ...apolloLimits().validationRules];

/**
 * Parses and validates an operation received over WebSocket with the same limits as HTTP.
 * The schema is the server's one and only; a document valid once stays valid.
 * @returns the document, or the errors to send back (syntax errors included, instead of closing the socket).
 */
export function parseAndValidate(schema: GraphQLSchema, query: string): DocumentNode | readonly GraphQLError[] {
  const known = validDocuments.get(query);
  if (known) return known;
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: QUERY_LIMITS.maxTokens.n });
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  const errors = validate(schema, document, wsValidationRules);
  if (errors.length) return errors;
  if (validDocuments.size >= DOCUMENT_CACHE_SIZE) validDocuments.delete(validDocuments.keys().next().value!);
  validDocuments.set(query, document);
  return document;
}

/**
 * Documents that passed validation, by query text (oldest dropped first): the dashboards of a branch send the
 * same subscription, so it is parsed and validated once and its syntax tree shared.
 */
const validDocuments = new Map<string, DocumentNode>();
const DOCUMENT_CACHE_SIZE = 200;
