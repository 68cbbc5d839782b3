import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { fieldProblemsOf } from '../../lib/errors';
import { localiseError } from '../../lib/server-messages';

/**
 * The server's refusals of the organisation's mutations, said in the user's language. The API refuses an agency
 * outside what the coordinator administers with FORBIDDEN, and an agency that still holds agencies or contacts
 * with a problem on `id` (no field of the form): those are said here in words, from the server's message,
 * before the app's general rules (which say FORBIDDEN as "your role may not do this").
 */
const PAGE_RULES: { pattern: RegExp; say(t: TFunction, match: RegExpExecArray): string }[] = [
  { pattern: /^(\S+) is outside the agencies you administer/, say: (t, m) => t('organisation.problems.outside', { code: m[1] }) },
  { pattern: /A new top-level agency is outside/i, say: (t) => t('organisation.problems.topLevel') },
  { pattern: /Only agencies under your own can move/i, say: (t) => t('organisation.problems.moveOutside') },
  { pattern: /You cannot archive your own agency/i, say: (t) => t('organisation.problems.ownAgency') },
  { pattern: /Auditor accounts are appointed by the platform operator/i, say: (t) => t('organisation.problems.auditorRole') },
  {
    pattern: /still has (\d+) agencies and (\d+) contacts that are not archived/i,
    say: (t, m) => t('organisation.problems.notEmpty', { agencies: m[1], contacts: m[2] }),
  },
  { pattern: /^(?:Agency|Contact) \S+ is archived$/, say: (t) => t('organisation.problems.archived') },
  { pattern: /You cannot archive yourself/i, say: (t) => t('organisation.problems.archiveSelf') },
  { pattern: /You cannot change your own role or agency, or disable yourself/i, say: (t) => t('organisation.problems.ownAccount') },
];

/** What a refused mutation means for its form: problems beside the form's fields, and one line at the top. */
export interface Refusal {
  /** By field name (`code`, `parentId`, `email`, …), for the fields the form shows. */
  fields: Record<string, string>;
  /** For the top of the form (role="alert"); null when every problem is beside a field. */
  top: string | null;
}

export const NO_REFUSAL: Refusal = { fields: {}, top: null };

/**
 * `error` split for a form showing `shown` fields: their problems go beside them, anything else (a refusal
 * without fields, a problem with a field the form does not show) goes to the top, in words.
 */
export function refusalOf(t: TFunction, error: CombinedError, shown: readonly string[]): Refusal {
  // No answer to a change: it may have been saved, and trying again blindly may save it twice.
  if (error.graphQLErrors.length === 0) return { fields: {}, top: t('errors.writeUncertain') };
  const all = fieldProblemsOf(t, error);
  const fields = Object.fromEntries(Object.entries(all).filter(([field]) => shown.includes(field)));
  const lines: string[] = [];
  for (const e of error.graphQLErrors) {
    const rule = PAGE_RULES.map((r) => ({ r, match: r.pattern.exec(e.message) })).find((x) => x.match);
    if (rule) {
      lines.push(rule.r.say(t, rule.match!));
      continue;
    }
    const problems = (e.extensions as { fields?: { field: string }[] } | undefined)?.fields;
    const unshown = Array.isArray(problems)
      ? Object.entries(all).filter(([field]) => !shown.includes(field)).map(([, message]) => message)
      : [];
    if (unshown.length) lines.push(...unshown);
    else lines.push(localiseError(t, e as { message: string; extensions?: Record<string, unknown> }));
  }
  return { fields, top: [...new Set(lines)].join(' ') || null };
}
