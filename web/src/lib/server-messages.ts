import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';

/**
 * The server answers in English (its messages are for developers and logs too). What a clerk or an officer
 * is shown goes through here: known problems are said in the user's language, from the error's code and the
 * shape of its message; anything else is shown as the server said it.
 */

interface Rule {
  pattern: RegExp;
  say(t: TFunction, match: RegExpExecArray): string;
}

const FIELD_RULES: Rule[] = [
  { pattern: /must not be blank|should not be empty|must not be empty|is required/i, say: (t) => t('problems.required') },
  { pattern: /check digit is (\d) but UPU S10 gives (\d)/i, say: (t, m) => t('console.trackingCheckDigit', { given: m[1], expected: m[2] }) },
  { pattern: /must be 2 letters, 8 digits/i, say: (t) => t('console.trackingShape') },
  { pattern: /must be in the future/i, say: (t) => t('problems.future') },
  { pattern: /(?:longer than or equal to|at least) (\d+) characters/i, say: (t, m) => t('problems.tooShort', { min: m[1] }) },
  { pattern: /(?:shorter than or equal to|at most) ([\d,]+) characters/i, say: (t, m) => t('problems.tooLong', { max: m[1] }) },
  { pattern: /^is not correct$/i, say: (t) => t('problems.currentPasswordWrong') },
  { pattern: /must differ from the current password/i, say: (t) => t('problems.samePassword') },
  { pattern: /unknown or archived agency/i, say: (t) => t('problems.unknownTarget') },
  { pattern: /must name a branch, or an agency with branches/i, say: (t) => t('problems.targetWithoutBranches') },
  { pattern: /cannot be stricter than the current label/i, say: (t) => t('problems.tlpStricter') },
  { pattern: /agreement in effect today binding/i, say: (t) => t('problems.agreement') },
  { pattern: /is not the current version/i, say: (t) => t('problems.replaced') },
  // Agencies and contacts (the Organisation page).
  { pattern: /^is already used$/i, say: (t) => t('organisation.problems.inUse') },
  { pattern: /must be a telephone number/i, say: (t) => t('organisation.problems.phone') },
  { pattern: /must be an e-mail address/i, say: (t) => t('organisation.problems.email') },
  { pattern: /must be 2 to 40 capitals, digits or hyphens/i, say: (t) => t('organisation.problems.code') },
  { pattern: /must be an agency that is not archived/i, say: (t) => t('organisation.problems.agencyArchived') },
  { pattern: /must not be the agency or one under it/i, say: (t) => t('organisation.problems.underItself') },
  { pattern: /^must be a (POSTAL|POLICE|GOVERNMENT) agency$/, say: (t, m) => t('organisation.problems.sector', { sector: t(`organisation.sector.${m[1] as 'POSTAL' | 'POLICE' | 'GOVERNMENT'}`) }) },
  {
    pattern: /^a (NATIONAL|PROVINCIAL|DISTRICT|BRANCH) agency cannot hold a (NATIONAL|PROVINCIAL|DISTRICT|BRANCH) one$/,
    say: (t, m) => t('organisation.problems.level', { parent: t(`organisation.level.${m[1] as 'NATIONAL' | 'PROVINCIAL' | 'DISTRICT' | 'BRANCH'}`), level: t(`organisation.level.${m[2] as 'NATIONAL' | 'PROVINCIAL' | 'DISTRICT' | 'BRANCH'}`) }),
  },
  { pattern: /^needs a POLICE agency$/, say: (t) => t('organisation.problems.needsPolice') },
  { pattern: /^needs a post-office branch$/, say: (t) => t('organisation.problems.needsBranch') },
  { pattern: /cannot be changed on your own account/i, say: (t) => t('organisation.problems.ownField') },
  { pattern: /must hold a visible character/i, say: (t) => t('organisation.problems.visible') },
];

const MESSAGE_RULES: Rule[] = [
  { pattern: /was replaced by a later message/i, say: (t) => t('problems.replaced') },
  { pattern: /is cancelled/i, say: (t) => t('problems.cancelled') },
  { pattern: /Nothing to change/i, say: (t) => t('problems.nothingToChange') },
  { pattern: /The alert has expired/i, say: (t) => t('problems.expired') },
];

/** One field problem (`extensions.fields[].message`) in the user's language. */
export function localiseFieldProblem(t: TFunction, message: string): string {
  for (const rule of FIELD_RULES) {
    const match = rule.pattern.exec(message);
    if (match) return rule.say(t, match);
  }
  return message;
}

interface ServerError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A refusal in the user's language: by code (sign-in, throttling, rights), then by message, else as sent. */
export function localiseError(t: TFunction, error: ServerError): string {
  const code = error.extensions?.code;
  if (code === 'TOO_MANY_REQUESTS') {
    const seconds = Number(error.extensions?.retryAfterSeconds ?? 0);
    return t('problems.tooManyAttempts', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (code === 'UNAUTHENTICATED') return t('problems.unauthenticated');
  if (code === 'FORBIDDEN') return t('problems.forbidden');
  if (code === 'NOT_FOUND') return t('problems.notFound');
  if (Array.isArray(error.extensions?.fields) && (error.extensions.fields as unknown[]).length > 0) return t('problems.checkFields');
  for (const rule of MESSAGE_RULES) {
    const match = rule.pattern.exec(error.message);
    if (match) return rule.say(t, match);
  }
  return error.message;
}

/** urql's error in the user's language (a network failure says so). */
export function localiseCombined(t: TFunction, error: CombinedError): string {
  if (error.graphQLErrors.length === 0) return t('errors.network');
  return [...new Set(error.graphQLErrors.map((e) => localiseError(t, e as ServerError)))].join(' ');
}
