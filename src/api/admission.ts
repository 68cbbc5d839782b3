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
  return costRefusal(schema, document, variables ?? undefined, operationName);
}

function refusal(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
