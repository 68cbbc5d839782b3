import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { AckOutcome } from './acknowledgement.enums.js';
import { SecurityAlert } from './security-alert.entity.js';

/**
 * A branch's acknowledgement of one version of an alert. A branch acknowledges a version once; a later
 * acknowledgement amends it as a new revision, and every revision is kept.
 */
@ObjectType({ description: "A branch's acknowledgement of one version of an alert; later ones amend it, keeping history." })
@Entity({ tableName: 'acknowledgement' })
@Unique({ properties: ['alert', 'branch', 'revision'] })
@Index({ properties: ['branch', 'alert'] })
export class Acknowledgement {
  [OptionalProps]?: 'at';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The alert version acknowledged; exposed through AcknowledgementResolver.alert. */
  @ManyToOne(() => SecurityAlert, { ref: true, deleteRule: 'restrict' })
  alert!: Ref<SecurityAlert>;

  /** Exposed through AcknowledgementResolver.branch. */
  @ManyToOne(() => Agency, { ref: true, deleteRule: 'restrict' })
  branch!: Ref<Agency>;

  /** Who acknowledged; exposed through AcknowledgementResolver.acknowledgedBy. */
  @ManyToOne(() => Contact, { ref: true, deleteRule: 'restrict', index: true })
  acknowledgedBy!: Ref<Contact>;

  @Field(() => AckOutcome)
  @Enum({ items: () => AckOutcome, nativeEnumName: 'ack_outcome' })
  outcome!: AckOutcome;

  @Field(() => String, { nullable: true, description: 'What the branch adds, at most 2,000 characters.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => Int, { description: '1 for the first acknowledgement of this version by this branch, then 2, 3, … for amendments.' })
  @Property({ type: 'smallint' })
  revision!: number;

  @Field(() => String, {
    description: 'Its place in the delivery sequence shared with alerts: increasing in commit order (a decimal string).',
  })
  @Property({ type: 'bigint', unique: true })
  deliverySeq!: string;

  @Field({ description: 'When it was recorded.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  at: Date = new Date();
}
