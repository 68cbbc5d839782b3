import { randomUUID } from 'node:crypto';
import { Collection, Entity, ManyToMany, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../platform/scalars.js';
import { Agency } from '../agency/agency.entity.js';
import type { Agreement } from './agreement.entity.js';

/** A review of how an agreement has been carried out, such as the 10-year review conference. */
@ObjectType({ description: 'A review of how an agreement has been carried out, such as a 10-year review conference.' })
@Entity({ tableName: 'agreement_review' })
export class AgreementReview {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Agreement', { ref: true, deleteRule: 'cascade', index: true })
  agreement!: Ref<Agreement>;

  @Field()
  @Property({ type: 'string', length: 300 })
  title!: string;

  @Field(() => LocalDateScalar, { description: 'Day the review was held (YYYY-MM-DD).' })
  @Property({ type: 'date' })
  heldOn!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 300, nullable: true })
  venue?: string | null;

  @Field({ description: 'What the review found, in plain text.' })
  @Property({ type: 'text' })
  findings!: string;

  /** Agencies that attended; exposed through AgreementReviewResolver.attendingAgencies. */
  @ManyToMany(() => Agency, undefined, { pivotTable: 'agreement_review_attendee' })
  attendingAgencies = new Collection<Agency>(this);
}
