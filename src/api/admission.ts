import { getOperationAST, getVariableValues, GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../platform/errors.js';
import { costRefusal } from './complexity.js';
import { nulCharacterIn, nulRefusal, variablesTooDeep } from './reject-nul.js';

/** Apollo's code for an operation name that names no operation of the document. */
export const OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE';

/** Nesting of the variables (objects and lists) beyond which a request is refused unread: Postwatch's inputs need 4. */
export const MAX_VARIABLE_DEPTH = 32;

/**
 * The checks every operation passes before anything runs, over HTTP and WebSocket alike, in this order:
 * variables nested at most MAX_VARIABLE_DEPTH deep; an operation that `operationName` names (or the only one);
 * variables that fit the operation's declared types; no NUL character in any text; an estimated cost within the
 * limit (complexity.ts). (Directives on a subscription's root field are refused earlier, before validation:
 * limits.ts, subscriptionRootDirective.)
 * @returns the refusal (HTTP 400: BAD_USER_INPUT for the variables and NUL characters, OPERATION_RESOLUTION_FAILURE
 *   for an operation name that names none, BAD_REQUEST for the cost), or null when the operation may run.
 */
export function refusalOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): GraphQLError | null {
  if (variablesTooDeep(variables, MAX_VARIABLE_DEPTH)) {
    return refusal(ErrorCode.BAD_USER_INPUT, `Variables are nested more than ${MAX_VARIABLE_DEPTH} levels deep`);
  }
  // The same document with the same variables was admitted before (the web app sends the same few, thousands of
  // dashboards the same subscription): the checks below would find the same.
  const key = admissionKey(variables, operationName);
  const admitted = key === null ? undefined : admittedOf(schema, document);
  if (admitted?.has(key!)) return null;
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return refusal(
      OPERATION_RESOLUTION_FAILURE,
      operationName != null ? `Unknown operation named "${operationName}"` : 'Must provide operation name if query contains multiple operations',
    );
  }
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 10 });
  if (errors?.length) {
    // The first problem names the variable and what is wrong ("Variable "$n" got invalid value …").
    return new GraphQLError(errors[0]!.message, {
      nodes: errors[0]!.nodes,
      extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
    });
  }
  const nul = nulCharacterIn(document, variables);
  if (nul) return nulRefusal(nul);
  const cost = costRefusal(schema, document, variables ?? undefined, operationName);
  if (!cost && admitted) {
    if (admitted.size >= ADMITTED_PER_DOCUMENT) admitted.clear();
    admitted.add(key!);
  }
  return cost;
}

/** How many variable sets of one document are remembered as admitted (then forgotten all at once). */
const ADMITTED_PER_DOCUMENT = 64;
/** Variables longer than this (as JSON) are checked each time rather than remembered. */
const MAX_REMEMBERED_KEY = 2_000;

/** The variable sets admitted for each document (parsed documents are shared by Apollo's and limits.ts's caches). */
const admittedSets = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Set<string>>>();

function admittedOf(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  let byDocument = admittedSets.get(schema);
  if (!byDocument) admittedSets.set(schema, (byDocument = new WeakMap()));
  let admitted = byDocument.get(document);
  if (!admitted) byDocument.set(document, (admitted = new Set()));
  return admitted;
}

/** The operation name and variables as one text, or null when too long to be worth remembering. */
function admissionKey(variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined): string | null {
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? {})}`;
  return key.length > MAX_REMEMBERED_KEY ? null : key;
}

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
