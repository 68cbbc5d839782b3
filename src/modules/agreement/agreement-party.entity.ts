import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import type { Agreement } from './agreement.entity.js';

/** An agency that is party to an agreement, with the person who signed for it. */
@ObjectType({ description: 'An agency that is party to an agreement, with the person who signed for it.' })
@Entity({ tableName: 'agreement_party' })
@Unique({ properties: ['agreement', 'agency'] })
export class AgreementParty {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne('Agreement', { ref: true, deleteRule: 'cascade' })
  agreement!: Ref<Agreement>;

  /** Exposed through AgreementPartyResolver.agency. */
  @ManyToOne(() => Agency, { ref: true, deleteRule: 'restrict', index: true })
  agency!: Ref<Agency>;

  /** Exposed through AgreementPartyResolver.signatory. */
  @ManyToOne(() => Contact, { ref: true, nullable: true, deleteRule: 'set null', index: true })
  signatory?: Ref<Contact> | null;

  @Field(() => String, { nullable: true, description: 'Position the signatory signed in, e.g. "Director".' })
  @Property({ type: 'string', length: 200, nullable: true })
  signatoryPosition?: string | null;
}
