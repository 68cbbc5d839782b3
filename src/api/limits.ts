import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError, Kind, parse, specifiedRules, validate, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema,
  type SelectionNode, type SelectionSetNode,
} from 'graphql';

/**
 * Limits on what one operation may ask for, the same over HTTP and WebSocket: depth 12, 15 aliases,
 * 50 directives (graphql-armor's validation rules), 2,000 tokens (graphql-js's parser, so that a document
 * over the limit is a parse failure like any syntax error). What an operation costs is priced by
 * complexity.ts, which knows page sizes and batching; graphql-armor's own cost model is not used.
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 12 },
  maxAliases: { n: 15 },
  maxDirectives: { n: 50 },
  costLimit: { enabled: false },
  // graphql-armor's token plugin parses the document itself and reports a failure as a validation error; the
  // parser's own `maxTokens` (parseOptions) reports it as what it is.
  maxTokens: { enabled: false, n: 2000 },
  // Suggestions are removed from every error, HTTP and WebSocket alike, in errors.ts.
  blockFieldSuggestion: { enabled: false },
} as const;

/** Apollo Server options (plugins and validation rules) that enforce QUERY_LIMITS. */
export function apolloLimits() {
  return new ApolloArmor(QUERY_LIMITS).protect();
}

/** The codes Apollo gives a document that does not parse or does not validate; WebSocket gives the same. */
export const PARSE_FAILED = 'GRAPHQL_PARSE_FAILED';
export const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

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
    if (error instanceof GraphQLError) return [withCode(error, PARSE_FAILED)];
    throw error;
  }
  const directives = subscriptionRootDirective(document);
  if (directives) return [directives];
  const errors = validate(schema, document, wsValidationRules);
  if (errors.length) return errors.map((error) => withCode(error, VALIDATION_FAILED));
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

/** `error` as the client sees it, with `code` (the same as Apollo's for the same cause over HTTP). */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
}

/**
 * GRAPHQL_VALIDATION_FAILED (HTTP 400) when a subscription's root field carries a directive (@skip, @include),
 * else null. GraphQL (October 2021 and later, "Single root field") forbids it; graphql-js 16's rule for that
 * evaluates the directive without variables and throws instead, so this runs before validation.
 */
export function subscriptionRootDirective(document: DocumentNode): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || definition.operation !== 'subscription') continue;
    const node = directiveAtRoot(definition.selectionSet, fragments, new Set());
    if (node) {
      return new GraphQLError("A subscription's root field cannot carry directives such as @skip or @include", {
        nodes: [node],
        extensions: { code: VALIDATION_FAILED, http: { status: 400 } },
      });
    }
  }
  return null;
}

/**
 * The first selection at the root of an operation (through fragment spreads and inline fragments, each fragment
 * once) that carries a directive, or null.
 */
function directiveAtRoot(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): SelectionNode | null {
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) return selection;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const found = directiveAtRoot(selection.selectionSet, fragments, seen);
      if (found) return found;
    } else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      const found = fragment && directiveAtRoot(fragment.selectionSet, fragments, seen);
      if (found) return found;
    }
  }
  return null;
}
