import type { TFunction } from 'i18next';
import type { CombinedError } from 'urql';
import { formatDay } from '../../lib/format';
import { localiseError, localiseFieldProblem } from '../../lib/server-messages';

/** The server's refusal of an agreement change, for the page: problems beside their fields, the rest at the top. */
export interface Refusal {
  /** Problems by field path in the input (`code`, `parties.1.signatoryId`), for the fields the form shows. */
  fields: Record<string, string>;
  /** What to say at the top of the form (role="alert"); null when everything is said beside a field. */
  top: string | null;
}

export const NO_REFUSAL: Refusal = { fields: {}, top: null };

interface ServerError {
  message: string;
  extensions?: Record<string, unknown>;
}

interface ServerField {
  field: string;
  message: string;
}

const STATUSES = ['DRAFT', 'ACTIVE', 'SUPERSEDED', 'TERMINATED'] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (value: string): value is Status => (STATUSES as readonly string[]).includes(value);

/** "DRAFT or ACTIVE" → "Draft or In force", in the user's language. */
function statusesSaid(t: TFunction, text: string): string {
  return text
    .split(/\s+or\s+/)
    .map((s) => (isStatus(s) ? t(`agreements.status.${s}`) : s))
    .join(t('agreements.problems.or'));
}

/**
 * One field problem of the agreement operations in the user's language, read from the field, its message and the
 * error's own message (which names the agreement or the agencies); null when it is not one of theirs.
 */
function agreementFieldProblem(t: TFunction, field: string, message: string, whole: string): string | null {
  let m: RegExpExecArray | null;
  if (field === 'code' && /is already used/i.test(message)) return t('agreements.problems.codeInUse');
  if (/must be a document number/i.test(message)) return t('agreements.problems.codeShape');
  if (/every party must name who signs for it/i.test(message)) {
    const codes = /No signatory for (.+)$/.exec(whole)?.[1] ?? '';
    return t('agreements.problems.unsigned', { codes });
  }
  if (/the signature day is required/i.test(message)) {
    return field === 'newId' ? t('agreements.problems.draftWithoutSignatureDay') : t('agreements.problems.noSignatureDay');
  }
  if ((m = /^must be ((?:DRAFT|ACTIVE|SUPERSEDED|TERMINATED)(?: or (?:DRAFT|ACTIVE|SUPERSEDED|TERMINATED))*)$/.exec(message))) {
    const said = /^Agreement (.+) is (archived|DRAFT|ACTIVE|SUPERSEDED|TERMINATED): only/.exec(whole);
    const code = said?.[1] ?? '';
    const state = said?.[2] === 'archived' ? t('agreements.archived') : said && isStatus(said[2]!) ? t(`agreements.status.${said[2]}`) : '';
    return t('agreements.problems.wrongStatus', { code, state, allowed: statusesSaid(t, m[1]!) });
  }
  if (/replaces another agreement: use supersedeAgreement/i.test(message)) return t('agreements.problems.signReplacing');
  if (/already supersedes another agreement/i.test(message)) return t('agreements.problems.alreadyReplaces');
  if ((m = /^(.+) is already prepared to replace it$/.exec(message))) return t('agreements.problems.alreadyPlanned', { code: m[1] });
  if (/must bind every party of the agreement it replaces/i.test(message)) {
    const codes = /does not bind (.+)$/.exec(whole)?.[1] ?? '';
    return t('agreements.problems.missingParty', { codes });
  }
  if (/must not have expired/i.test(message)) return t('agreements.problems.successorExpired');
  if (/must already be in effect/i.test(message)) {
    const day = /takes effect on (\d{4}-\d{2}-\d{2})/.exec(whole)?.[1];
    return t('agreements.problems.notYetInEffect', { day: day ? formatDay(day) : '' });
  }
  if (/must take effect after the agreement it replaces/i.test(message)) return t('agreements.problems.takesEffectEarlier');
  if (/must differ from oldId/i.test(message)) return t('agreements.problems.sameAgreement');
  if (/must be an ACTIVE agreement/i.test(message)) return t('agreements.problems.replaceNotActive');
  if (/an ACTIVE agreement cannot be archived/i.test(message)) return t('agreements.problems.archiveActive');
  if (/must be a signed agreement/i.test(message)) return t('agreements.problems.reviewUnsigned');
  if ((m = /^must be the draft's (\d{4}-\d{2}-\d{2})/.exec(message))) return t('agreements.problems.draftDay', { day: formatDay(m[1]!) });
  if (/must not be before signedOn/i.test(message)) return t('agreements.problems.effectiveBeforeSigned');
  if (/must not be before effectiveOn/i.test(message)) return t('agreements.problems.expiresBeforeEffective');
  if ((m = /must not be before (\d{4}-\d{2}-\d{2})/.exec(message))) return t('agreements.problems.notBefore', { day: formatDay(m[1]!) });
  if ((m = /must not be after (\d{4}-\d{2}-\d{2})/.exec(message))) return t('agreements.problems.notAfter', { day: formatDay(m[1]!) });
  if (/must lie between/i.test(message)) return t('agreements.problems.dayRange');
  if (/must name each agency once/i.test(message)) return t('agreements.problems.partyTwice');
  if (/must be an agency that is not archived|must be agencies that are not archived/i.test(message)) return t('agreements.problems.agencyGone');
  if (/must be a contact of the party's agency/i.test(message)) return t('agreements.problems.signatoryElsewhere');
  if (/^must be an id/i.test(message) && /agencyId$/.test(field)) return t('agreements.problems.chooseAgency');
  if (field === 'scopeAreas' && /empty|at least/i.test(message)) return t('agreements.problems.chooseScope');
  if (field === 'attendingAgencyIds' && /empty|at least/i.test(message)) return t('agreements.problems.chooseAttendee');
  if (field === 'parties' && /at least/i.test(message)) return t('agreements.problems.twoParties');
  if (field === 'parties' && /no more than/i.test(message)) return t('agreements.problems.tooManyParties');
  return null;
}

/** A refusal without fields (rights, mostly) in the user's language. */
function agreementError(t: TFunction, error: ServerError): string {
  let m: RegExpExecArray | null;
  if (error.extensions?.code === 'FORBIDDEN') {
    if (/None of the parties is an agency you administer/i.test(error.message)) return t('agreements.problems.noPartyAdministered');
    if ((m = /^(.+) belong to your organisation but not to the agencies you administer/.exec(error.message))) {
      return t('agreements.problems.beyondAdministered', { codes: m[1] });
    }
    if ((m = /^Only a coordinator of (\S+) \(or above it\) may name who signs for it/.exec(error.message))) {
      return t('agreements.problems.otherSideSignatory', { code: m[1] });
    }
  }
  return localiseError(t, error);
}

/**
 * The refusal `error` in the user's language: each field problem beside its field when `beside(field)` (the form
 * shows that field), else at the top with the other refusals; "check the fields" at the top when every problem
 * is beside a field.
 */
export function refusalOf(t: TFunction, error: CombinedError, beside: (field: string) => boolean): Refusal {
  // No answer to a change: it may have been saved, and trying again blindly may save it twice.
  if (error.graphQLErrors.length === 0) return { fields: {}, top: t('errors.writeUncertain') };
  const fields: Record<string, string> = {};
  const top: string[] = [];
  for (const e of error.graphQLErrors as ServerError[]) {
    const problems = e.extensions?.fields;
    if (!Array.isArray(problems) || problems.length === 0) {
      top.push(agreementError(t, e));
      continue;
    }
    for (const problem of problems as ServerField[]) {
      const field = problem.field.replace(/^input\./, '');
      const said = agreementFieldProblem(t, field, problem.message, e.message) ?? localiseFieldProblem(t, problem.message);
      if (beside(field)) fields[field] ??= said;
      else top.push(said);
    }
  }
  const unique = [...new Set(top)];
  if (unique.length) return { fields, top: unique.join(' ') };
  return { fields, top: Object.keys(fields).length ? t('problems.checkFields') : null };
}
