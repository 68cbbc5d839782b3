import type { introspection } from '../../graphql-env.d.ts';

/** The audited operations: every Mutation field and every Subscription field of the schema. */
export type AuditedOperation = keyof introspection['types']['Mutation']['fields'] | keyof introspection['types']['Subscription']['fields'];

/**
 * The operations one may filter on, in groups as a user thinks of them. The check below fails the type check
 * when the schema gains a mutation or subscription that is not listed here (nor, then, labelled in the
 * catalogues, whose `audit.operations` keys must cover every listed operation).
 */
export const OPERATION_GROUPS = {
  alerts: ['postAlert', 'updateAlert', 'cancelAlert', 'importCapAlert', 'acknowledgeAlert'],
  checks: ['shipmentCheck', 'shipmentChecks'],
  agreements: ['createAgreement', 'updateAgreement', 'signAgreement', 'supersedeAgreement', 'terminateAgreement', 'archiveAgreement', 'recordAgreementReview', 'recordJointActivity'],
  organisation: ['createAgency', 'updateAgency', 'archiveAgency', 'createContact', 'updateContact', 'archiveContact'],
  account: ['login', 'changePassword'],
  feeds: ['alertPosted', 'alertAcknowledged', 'alertSighted'],
} as const satisfies Record<string, readonly AuditedOperation[]>;

export type OperationGroup = keyof typeof OPERATION_GROUPS;
type Listed = (typeof OPERATION_GROUPS)[OperationGroup][number];

/** Compiles only when every audited operation is listed in a group. */
const everyOperationListed: [Exclude<AuditedOperation, Listed>] extends [never] ? true : Exclude<AuditedOperation, Listed> = true;
void everyOperationListed;

export const KNOWN_OPERATIONS: readonly AuditedOperation[] = Object.values(OPERATION_GROUPS).flat();

/** Whether `name` is one of the schema's audited operations (a refused document may name any field). */
export function isKnownOperation(name: string): name is AuditedOperation {
  return (KNOWN_OPERATIONS as readonly string[]).includes(name);
}

export const OPERATION_TYPES = ['MUTATION', 'SUBSCRIPTION'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const OUTCOMES = ['SUCCESS', 'REFUSED', 'ERROR'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * The types of record an entry may be about: what the mutations return (a sign-in or a password change is
 * about the Contact, a CAP import about its SecurityAlert), and the branch (Agency) a live feed is opened for.
 */
export const TARGET_TYPES = ['SecurityAlert', 'Acknowledgement', 'ShipmentCheck', 'Agreement', 'AgreementReview', 'JointActivity', 'Agency', 'Contact'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export function isKnownTargetType(name: string): name is TargetType {
  return (TARGET_TYPES as readonly string[]).includes(name);
}

/** The public error codes (`extensions.code`) an entry may carry. */
export const ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_REQUESTS', 'BAD_REQUEST', 'INTERNAL_SERVER_ERROR'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export function isKnownErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

/** The app's page for a target, where there is one: alerts and agreements. */
export function targetPath(targetType: string | null | undefined, targetId: string | null | undefined): string | null {
  if (!targetId) return null;
  if (targetType === 'SecurityAlert') return `/alerts/${encodeURIComponent(targetId)}`;
  if (targetType === 'Agreement') return `/agreements/${encodeURIComponent(targetId)}`;
  return null;
}
