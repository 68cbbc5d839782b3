import { graphql, type ResultOf, type VariablesOf } from '../graphql.js';

/** The operations of the Audit log page (auditors and coordinators). */

export const AuditEntryFields = graphql(`
  fragment AuditEntryFields on AuditEntry {
    id
    at
    actor { id fullName }
    actorRole
    operation
    operationType
    outcome
    errorCode
    targetType
    targetId
    clientAddress
    requestId
    detail
  }
`);

/** One page of the audit trail, newest first, matching `filter`. */
export const AuditLogQuery = graphql(
  `
  query AuditLog($filter: AuditFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...AuditEntryFields } }
    }
  }
`,
  [AuditEntryFields],
);

/** The contacts one may choose as the actor filter: every account, archived ones too. */
export const AuditActorsQuery = graphql(`
  query AuditActors {
    contacts(includeArchived: true) { id fullName role archivedAt agency { id name } }
  }
`);

export type AuditEntry = ResultOf<typeof AuditEntryFields>;
export type AuditFilterInput = NonNullable<VariablesOf<typeof AuditLogQuery>['filter']>;
