import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { localiseCombined, localiseFieldProblem } from './server-messages';

/** A problem with one input field, as the API reports it in `extensions.fields`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The API's `extensions.fields` by field path relative to the input object (`shipment.trackingNumber`), each
 * message in the user's language.
 */
export function fieldProblemsOf(t: TFunction, error: CombinedError | undefined): Record<string, string> {
  if (!error) return {};
  const problems: Record<string, string> = {};
  for (const e of error.graphQLErrors) {
    const fields = (e.extensions as { fields?: FieldProblem[] } | undefined)?.fields;
    if (!Array.isArray(fields)) continue;
    for (const f of fields) {
      const field = f.field.replace(/^input\./, '');
      problems[field] ??= localiseFieldProblem(t, f.message);
    }
  }
  return problems;
}

/** One line for the user, in their language (see server-messages.ts). */
export function messageOf(t: TFunction, error: CombinedError): string {
  return localiseCombined(t, error);
}
