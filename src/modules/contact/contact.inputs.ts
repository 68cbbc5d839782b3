import { IsEmail, IsOptional, Matches, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ID_PATTERN } from '../../platform/ids.js';
import { HasVisibleText, IfGiven, MaxChars, WellFormedText } from '../../platform/validators.js';
import { ContactRole } from '../../platform/contact-role.js';

/** Telephone numbers: digits with an optional leading +, spaces, dots, hyphens and brackets; 6 to 30 characters. */
const PHONE = /^\+?[0-9][0-9 ().-]{4,28}[0-9]$/;
const PHONE_MESSAGE = 'must be a telephone number such as +84 200 000 0001';
const ID_MESSAGE = 'must be an agency id (a lower-case UUID)';
/** Shortest password accepted (OWASP ASVS 2.1.1: at least 12 characters). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted, in characters (code points). */
export const MAX_PASSWORD_LENGTH = 200;

/** Input of `createContact`. */
@InputType({ description: 'A new contact. A contact with a role, an e-mail and a password can sign in.' })
export class CreateContactInput {
  @Field(() => ID)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agencyId!: string;

  @Field({ description: 'At most 200 characters.' })
  @HasVisibleText()
  @MaxChars(200)
  fullName!: string;

  @Field({ description: 'At most 200 characters.' })
  @HasVisibleText()
  @MaxChars(200)
  position!: string;

  @Field(() => ContactRole, {
    nullable: true,
    description: 'A POLICE_LIAISON must work at a POLICE agency, a BRANCH_OPERATOR at a post-office branch. A role needs an e-mail.',
  })
  role?: ContactRole | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'The login name; unique, stored in lower case.' })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxChars(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: `At least ${MIN_PASSWORD_LENGTH} characters; stored as an argon2id hash.` })
  @IsOptional()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxChars(MAX_PASSWORD_LENGTH)
  @HasVisibleText({ message: 'must hold a visible character' })
  @WellFormedText()
  password?: string | null;
}

/** Input of `updateContact`: only the fields given change. */
@InputType({ description: 'Changes to a contact: only the fields given change.' })
export class UpdateContactInput {
  @Field(() => ID, { nullable: true, description: 'Move the contact to this agency.' })
  @IfGiven()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agencyId?: string;

  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(200)
  fullName?: string;

  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(200)
  position?: string;

  @Field(() => ContactRole, { nullable: true, description: 'null removes the role (the contact can no longer sign in).' })
  role?: ContactRole | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxChars(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: `A new password, at least ${MIN_PASSWORD_LENGTH} characters.` })
  @IfGiven()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxChars(MAX_PASSWORD_LENGTH)
  @HasVisibleText({ message: 'must hold a visible character' })
  @WellFormedText()
  password?: string;

  @Field(() => Boolean, { nullable: true, description: 'false disables the account at once (its tokens and sockets stop working).' })
  @IfGiven()
  active?: boolean;
}
