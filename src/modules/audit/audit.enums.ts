import { registerEnumType } from 'type-graphql';

/** How an audited operation ended. */
export enum AuditOutcome {
  /** Done as asked. */
  SUCCESS = 'SUCCESS',
  /** Refused: bad input, no or bad token, a role or record the actor may not touch, too many attempts. */
  REFUSED = 'REFUSED',
  /** Failed on the server's side (INTERNAL_SERVER_ERROR). */
  ERROR = 'ERROR',
}

/** The kind of GraphQL operation an audit entry records. */
export enum AuditOperationType {
  MUTATION = 'MUTATION',
  SUBSCRIPTION = 'SUBSCRIPTION',
}

registerEnumType(AuditOutcome, { name: 'AuditOutcome', description: 'How an audited operation ended.' });
registerEnumType(AuditOperationType, { name: 'AuditOperationType', description: 'The kind of operation audited.' });
