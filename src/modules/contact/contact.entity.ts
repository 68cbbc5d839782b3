import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Agency } from '../agency/agency.entity.js';
import { ContactRole } from '../../platform/contact-role.js';

/**
 * A person at an agency. A contact with a role and a password hash is a user of Postwatch;
 * one without them is only an entry of the directory (e.g. a signatory).
 */
@ObjectType({ description: 'A person at an agency; a contact with a role is a user of Postwatch.' })
@Entity({ tableName: 'contact' })
export class Contact {
  [OptionalProps]?: 'createdAt' | 'active' | 'tokenVersion';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Exposed through ContactResolver.agency. */
  @Index()
  @ManyToOne(() => Agency, { ref: true, deleteRule: 'restrict' })
  agency!: Ref<Agency>;

  @Field({ description: 'Full name as used in correspondence.' })
  @Property({ type: 'string', length: 200 })
  fullName!: string;

  @Field({ description: 'Position held at the agency, e.g. "Branch manager".' })
  @Property({ type: 'string', length: 200 })
  position!: string;

  @Field(() => ContactRole, { nullable: true, description: 'Role in Postwatch; null for a directory-only contact.' })
  @Enum({ items: () => ContactRole, nativeEnumName: 'contact_role', nullable: true })
  role?: ContactRole | null;

  /** Exposed through ContactResolver.phone, which hides it from viewers who may not read it. */
  @Property({ type: 'string', length: 40, nullable: true })
  phone?: string | null;

  /** Login name, stored in lower case. Exposed through ContactResolver.email, which hides it as `phone`. */
  @Property({ type: 'string', length: 254, nullable: true, unique: true })
  email?: string | null;

  /** argon2id PHC string; null when the contact cannot log in. Never exposed. */
  @Property({ type: 'string', length: 200, nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  /**
   * Version of the contact's credentials, carried as `ver` in the tokens Postwatch issues. Raised when the
   * password, e-mail, role or agency changes or the account is disabled: every earlier token stops working.
   */
  @Property({ type: 'integer', default: 0 })
  tokenVersion: number = 0;

  @Field({ description: 'False once the account is disabled; a disabled contact cannot log in.' })
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Field()
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When a coordinator archived the contact (which also disables the account).' })
  @Property({ type: 'datetime', nullable: true })
  archivedAt?: Date | null;
}
