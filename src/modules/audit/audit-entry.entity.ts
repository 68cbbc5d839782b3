import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { ContactRole } from '../../platform/contact-role.js';
import { Contact } from '../contact/contact.entity.js';
import { AuditOperationType, AuditOutcome } from './audit.enums.js';

/**
 * One audited operation: every mutation (done or refused), every login (a mutation) and every subscription
 * start. Append-only: nothing in Postwatch updates or deletes entries, and a database trigger refuses it.
 */
@ObjectType({ description: 'One audited operation. Entries are append-only.' })
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['actor', 'id'] })
@Index({ properties: ['targetType', 'targetId'] })
export class AuditEntry {
  [OptionalProps]?: 'at';

  /** Increasing with insertion; orders the log and makes its cursors. */
  @Field(() => ID)
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Field({ description: 'When the operation ended.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();

  /** Who did it; null when nobody was signed in. Exposed through AuditResolver.actor. */
  @ManyToOne(() => Contact, { ref: true, nullable: true, deleteRule: 'restrict' })
  actor?: Ref<Contact> | null;

  @Field(() => ContactRole, { nullable: true, description: 'The actor\'s role at the time.' })
  @Enum({ items: () => ContactRole, nativeEnumName: 'contact_role', nullable: true })
  actorRole?: ContactRole | null;

  @Field({ description: 'The GraphQL field, e.g. `postAlert`, `login`, `alertPosted`.' })
  @Property({ type: 'string', length: 100 })
  operation!: string;

  @Field(() => AuditOperationType)
  @Enum({ items: () => AuditOperationType, nativeEnumName: 'audit_operation_type' })
  operationType!: AuditOperationType;

  @Field(() => String, { nullable: true, description: 'Type of the record acted on, e.g. `SecurityAlert`.' })
  @Property({ type: 'string', length: 60, nullable: true })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: 'Id of the record acted on, when known.' })
  @Property({ type: 'string', length: 100, nullable: true })
  targetId?: string | null;

  @Field(() => AuditOutcome)
  @Enum({ items: () => AuditOutcome, nativeEnumName: 'audit_outcome' })
  outcome!: AuditOutcome;

  @Field(() => String, { nullable: true, description: 'extensions.code of the refusal or failure.' })
  @Property({ type: 'string', length: 60, nullable: true })
  errorCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Address of the client (behind a proxy: per TRUST_PROXY).' })
  @Property({ type: 'string', length: 100, nullable: true })
  clientAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'The request id (x-request-id), to match the server log.' })
  @Property({ type: 'string', length: 100, nullable: true })
  requestId?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'What else identifies the attempt (e.g. the e-mail of a failed login).' })
  @Property({ type: 'json', nullable: true })
  detail?: Record<string, unknown> | null;
}
