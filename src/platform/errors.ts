import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';

/** Codes a client may see in `extensions.code`; anything else reaches it as INTERNAL_SERVER_ERROR. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  /** Too many failed logins from an account or address; `extensions.retryAfterSeconds` says how long to wait. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  /** A request the server cannot serve as sent (e.g. a subscription over HTTP). */
  BAD_REQUEST = 'BAD_REQUEST',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid input field: its dotted path in the input and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An error meant for the client: a message and one of the public codes. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** BAD_USER_INPUT naming the offending field(s). Nothing is written when it is raised. */
export function badUserInput(message: string, fields: FieldProblem[] = []): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, fields.length ? { fields } : {});
}

/** NOT_FOUND for a record the viewer may not see or that does not exist (the two are not told apart). */
export function notFound(what: string, id: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
}

export function forbidden(message = 'You are not allowed to do this'): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}

export function unauthenticated(message = 'Authentication required: send a valid bearer token'): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message);
}

/** Flattens class-validator errors into `field.path: message` problems. */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/**
 * The error whose message the client may see, or null when it must stay on the server. Errors raised on
 * purpose are GraphQLErrors (ours, type-graphql's validation and auth errors, scalar parsing); errors with
 * no original error come from GraphQL itself (parse, validation, variable coercion). Anything else (a
 * database failure, a bug) is internal.
 */
export function publicErrorOf(error: GraphQLError): GraphQLError | null {
  const original = error.originalError;
  if (original == null) return error;
  if (original instanceof GraphQLError && original.extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    return original;
  }
  return null;
}

/**
 * The one mapping from any error to what the client receives: public errors keep their message and code
 * (validation errors list `fields`), everything else becomes INTERNAL_SERVER_ERROR with no detail.
 * Stack traces never leave the server.
 */
export function toClientError(error: GraphQLError): GraphQLFormattedError {
  const base = { locations: error.locations, path: error.path };
  const source = publicErrorOf(error);
  if (!source) {
    return { message: 'Internal server error', ...base, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  }
  if (source instanceof ArgumentValidationError) {
    const fields = fieldProblems(source.extensions.validationErrors as ValidationError[]);
    const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
    return { message: `Invalid input: ${summary}`, ...base, extensions: { code: ErrorCode.BAD_USER_INPUT, fields } };
  }
  // `http` only tells Apollo the status; stack traces and exception details stay on the server.
  const { stacktrace: _stack, exception: _exception, http: _http, ...extensions } = source.extensions;
  const fallback = source === error ? 'GRAPHQL_VALIDATION_FAILED' : ErrorCode.BAD_USER_INPUT;
  const code = error.extensions.code ?? extensions.code ?? fallback;
  return { message: withoutSuggestions(source.message), ...base, extensions: { ...extensions, code } };
}

/** Drops GraphQL's "Did you mean …?" hints, so that the schema cannot be guessed field by field. */
function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '');
}
