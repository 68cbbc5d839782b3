import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ID_PATTERN } from '../../platform/ids.js';
import { HasVisibleText, IfGiven, MaxChars } from '../../platform/validators.js';
import { AgencyLevel, Sector } from './agency.enums.js';

/** Agency codes: capitals, digits and hyphens, 2 to 40 characters, e.g. `PPO-EAST-01`. */
export const AGENCY_CODE = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const CODE_MESSAGE = 'must be 2 to 40 capitals, digits or hyphens, e.g. PPO-EAST-01';

/** Input of `createAgency`. */
@InputType({ description: 'A new agency.' })
export class CreateAgencyInput {
  @Field({ description: 'Unique code: capitals, digits and hyphens, 2 to 40 characters.' })
  @Matches(AGENCY_CODE, { message: CODE_MESSAGE })
  code!: string;

  @Field({ description: 'Official name, at most 200 characters.' })
  @HasVisibleText()
  @MaxChars(200)
  name!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => AgencyLevel, { description: "Not above the parent's level; nothing goes under a BRANCH." })
  level!: AgencyLevel;

  @Field(() => ID, { nullable: true, description: 'The unit above; absent for the top of a hierarchy.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an agency id (a lower-case UUID)' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(300)
  address?: string | null;
}

/** Input of `updateAgency`: only the fields given change. Sector and level are fixed once created. */
@InputType({ description: 'Changes to an agency: only the fields given change. Sector and level cannot change.' })
export class UpdateAgencyInput {
  @Field(() => String, { nullable: true })
  @IfGiven()
  @Matches(AGENCY_CODE, { message: CODE_MESSAGE })
  code?: string;

  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(200)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Move under this agency (with everything under it); null moves it to the top.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be an agency id (a lower-case UUID)' })
  parentId?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(300)
  address?: string | null;
}
