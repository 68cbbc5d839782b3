import type { CombinedError } from 'urql';

/** A problem with one input field, as the API reports it in `extensions.fields`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The API's `extensions.fields`, with paths relative to the input object (`shipment.trackingNumber`). */
export function fieldProblemsOf(error: CombinedError | undefined): FieldProblem[] {
  if (!error) return [];
  return error.graphQLErrors.flatMap((e) => {
    const fields = (e.extensions as { fields?: FieldProblem[] } | undefined)?.fields;
    return Array.isArray(fields) ? fields.map((f) => ({ field: f.field.replace(/^input\./, ''), message: f.message })) : [];
  });
}

/** One line for the user: the server's message, or a network problem in the user's language. */
export function messageOf(error: CombinedError, networkMessage: string): string {
  if (error.networkError && error.graphQLErrors.length === 0) return networkMessage;
  return error.graphQLErrors.map((e) => e.message).join(' ');
}
