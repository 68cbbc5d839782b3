import { randomUUID } from 'node:crypto';
import {
  Collection, Entity, Enum, Index, ManyToMany, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref,
} from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../platform/scalars.js';
import { Agency } from '../agency/agency.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { JointActivityKind } from './joint-activity.enums.js';

/**
 * Something the police and the post office did together over a period: a training, a meeting, an information
 * exchange, an inspection, a campaign or a delivery of identity documents, with its counts.
 */
@ObjectType({ description: 'Something the police and the post office did together over a period, with its counts.' })
@Entity({ tableName: 'joint_activity' })
@Index({ properties: ['startedOn', 'id'] })
export class JointActivity {
  [OptionalProps]?: 'recordedAt' | 'cmndDelivered' | 'cccdDelivered' | 'passportsDelivered';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => JointActivityKind)
  @Enum({ items: () => JointActivityKind, nativeEnumName: 'joint_activity_kind' })
  kind!: JointActivityKind;

  @Field({ description: 'At most 300 characters.' })
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => LocalDateScalar, { description: 'First day of the activity (YYYY-MM-DD); its place in the joint history.' })
  @Property({ type: 'date' })
  startedOn!: string;

  @Field(() => LocalDateScalar, { description: 'Last day of the activity (YYYY-MM-DD); the same as startedOn for a one-day event.' })
  @Property({ type: 'date' })
  endedOn!: string;

  /** The agreement the activity was done under; exposed through JointActivityResolver.agreement. */
  @ManyToOne(() => Agreement, { ref: true, nullable: true, deleteRule: 'restrict', index: true })
  agreement?: Ref<Agreement> | null;

  /** Agencies that took part; exposed through JointActivityResolver.agencies. */
  @ManyToMany(() => Agency, undefined, { pivotTable: 'joint_activity_agency' })
  agencies = new Collection<Agency>(this);

  @Field(() => Int, { nullable: true, description: 'Attendances (people taking part, counted per session); null when not counted.' })
  @Property({ type: 'integer', nullable: true })
  participantCount?: number | null;

  /** Former identity cards (CMND) delivered; exposed through `documentsDelivered`. */
  @Property({ type: 'integer', default: 0 })
  cmndDelivered: number = 0;

  /** Citizen identity cards (CCCD) delivered; exposed through `documentsDelivered`. */
  @Property({ type: 'integer', default: 0 })
  cccdDelivered: number = 0;

  /** Passports delivered; exposed through `documentsDelivered`. */
  @Property({ type: 'integer', default: 0 })
  passportsDelivered: number = 0;

  /** The coordinator who recorded it; null for the demo data set's history. */
  @ManyToOne(() => Contact, { ref: true, nullable: true, deleteRule: 'set null' })
  recordedBy?: Ref<Contact> | null;

  @Field({ description: 'When it was recorded in Postwatch.' })
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
