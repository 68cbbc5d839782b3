import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { fieldProblemsOf, messageOf } from '../../lib/errors';

/**
 * The server's refusal of a statistics filter (`filter.from`, `filter.to`, `filter.agencyIds`,
 * `filter.agreementId`) in the user's language, naming the filter's fields as the page labels them; any other
 * refusal as messageOf says it.
 */
export function filterProblemOf(t: TFunction, error: CombinedError): string {
  const labels: Record<string, string> = {
    'filter.from': t('statistics.from'),
    'filter.to': t('statistics.to'),
    'filter.agencyIds': t('statistics.agencies'),
    'filter.agreementId': t('report.agreement'),
  };
  const problems = Object.entries(fieldProblemsOf(t, error)).map(([field, message]) => `${labels[field] ?? field}: ${wordsOf(t, message)}`);
  return problems.length ? problems.join(' ') : messageOf(t, error);
}

/** The filter's own rules in words; other messages as the field rules gave them. */
function wordsOf(t: TFunction, message: string): string {
  if (/must not be before from/i.test(message)) return t('statistics.problems.toBeforeFrom');
  if (/must lie between 1900-01-01 and 2199-12-31/i.test(message)) return t('statistics.problems.dayRange');
  if (/no more than (\d+)/i.test(message)) return t('statistics.problems.tooMany', { max: /no more than (\d+)/i.exec(message)![1] });
  return message;
}
