import { randomUUID } from 'node:crypto';
import {
  Collection, Entity, Enum, OneToMany, OneToOne, OptionalProps, PrimaryKey, Property, type Ref,
} from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../platform/scalars.js';
import { AgreementStatus, ScopeArea } from './agreement.enums.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';

/** A coordination regulation (quy chế phối hợp) between agencies, such as Regulation 290. */
@ObjectType({ description: 'A coordination regulation (quy chế phối hợp) between agencies, such as Regulation 290.' })
@Entity({ tableName: 'agreement' })
export class Agreement {
  [OptionalProps]?: 'createdAt' | 'status' | 'scopeAreas';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'Document number, unique, e.g. "290/QC-PH".' })
  @Property({ type: 'string', length: 60, unique: true })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 400 })
  title!: string;

  @Field(() => [ScopeArea])
  @Enum({ items: () => ScopeArea, array: true, nativeEnumName: 'scope_area' })
  scopeAreas: ScopeArea[] = [];

  @Field(() => AgreementStatus)
  @Enum({ items: () => AgreementStatus, nativeEnumName: 'agreement_status' })
  status: AgreementStatus = AgreementStatus.DRAFT;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of signature (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day in force (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  effectiveOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day in force (YYYY-MM-DD); null when open-ended.' })
  @Property({ type: 'date', nullable: true })
  expiresOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'Day the agreement stopped being in force, when SUPERSEDED (the successor took effect) or TERMINATED.',
  })
  @Property({ type: 'date', nullable: true })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the agreement was terminated; null unless TERMINATED.' })
  @Property({ type: 'text', nullable: true })
  terminationReason?: string | null;

  /** The agreement this one replaces; exposed through AgreementResolver.supersedes. */
  @OneToOne(() => Agreement, { ref: true, nullable: true, unique: true, owner: true, deleteRule: 'restrict' })
  supersedes?: Ref<Agreement> | null;

  @OneToMany(() => AgreementParty, (party) => party.agreement, { orphanRemoval: true })
  parties = new Collection<AgreementParty>(this);

  @OneToMany(() => AgreementReview, (review) => review.agreement)
  reviews = new Collection<AgreementReview>(this);

  @Field()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When a coordinator archived the agreement; archived agreements are left out of lists.' })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;
}
