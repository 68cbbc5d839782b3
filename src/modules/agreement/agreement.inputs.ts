import { ArrayMaxSize, ArrayMinSize, ArrayNotEmpty, ArrayUnique, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ID_MESSAGE, ID_PATTERN } from '../../platform/ids.js';
import { LocalDateScalar } from '../../platform/scalars.js';
import { HasVisibleText, IfGiven, MaxChars } from '../../platform/validators.js';
import { ScopeArea } from './agreement.enums.js';

/** Agreement codes: a letter or digit, then letters, digits, `/`, `.`, `-` or spaces; at most 60 characters. */
const AGREEMENT_CODE = /^[\p{L}\p{N}][\p{L}\p{N}/. -]{0,59}$/u;
const CODE_MESSAGE = 'must be a document number such as 290/QC-PH (letters, digits, / . - and spaces, at most 60)';

/** One party of an agreement in `createAgreement` / `updateAgreement`. */
@InputType({ description: 'An agency bound by the agreement and who signed for it.' })
export class AgreementPartyInput {
  @Field(() => ID)
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agencyId!: string;

  @Field(() => ID, { nullable: true, description: 'A contact of that agency.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  signatoryId?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 200 characters, e.g. "Director".' })
  @MaxChars(200)
  signatoryPosition?: string | null;
}

/** Input of `createAgreement`: a new agreement, in status DRAFT. */
@InputType({ description: 'A new agreement; it starts as a DRAFT.' })
export class CreateAgreementInput {
  @Field({ description: 'Document number, unique.' })
  @Matches(AGREEMENT_CODE, { message: CODE_MESSAGE })
  code!: string;

  @Field({ description: 'At most 400 characters.' })
  @HasVisibleText()
  @MaxChars(400)
  title!: string;

  @Field(() => [ScopeArea])
  @ArrayNotEmpty()
  @ArrayUnique()
  scopeAreas!: ScopeArea[];

  @Field(() => LocalDateScalar, { nullable: true })
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Not before signedOn.' })
  effectiveOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Not before effectiveOn.' })
  expiresOn?: string | null;

  @Field(() => [AgreementPartyInput], { description: '2 to 20 parties, each agency once.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested()
  parties!: AgreementPartyInput[];

  @Field(() => ID, { nullable: true, description: 'The agreement this one is to replace.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  supersedesId?: string | null;
}

/** Input of `updateAgreement`: only the fields given change; only a DRAFT can change. */
@InputType({ description: 'Changes to a DRAFT agreement: only the fields given change.' })
export class UpdateAgreementInput {
  @Field(() => String, { nullable: true })
  @IfGiven()
  @HasVisibleText()
  @MaxChars(400)
  title?: string;

  @Field(() => [ScopeArea], { nullable: true })
  @IfGiven()
  @ArrayNotEmpty()
  @ArrayUnique()
  scopeAreas?: ScopeArea[];

  @Field(() => LocalDateScalar, { nullable: true })
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  effectiveOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  expiresOn?: string | null;

  @Field(() => [AgreementPartyInput], { nullable: true, description: 'Replaces every party.' })
  @IfGiven()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @ValidateNested()
  parties?: AgreementPartyInput[];
}

/** Input of `signAgreement`. */
@InputType({ description: 'Signature of a DRAFT agreement, which puts it in force.' })
export class SignAgreementInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day of signature, not in the future; defaults to the date already on the draft, and must be it when the draft names one.' })
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day in force, not before signedOn; defaults to the draft\'s (and must be it when the draft names one), else signedOn.' })
  effectiveOn?: string | null;
}

/** Input of `terminateAgreement`. */
@InputType({ description: 'Ending an ACTIVE agreement without a successor.' })
export class TerminateAgreementInput {
  @Field(() => LocalDateScalar, { description: 'Last day in force: not before it took effect, not in the future.' })
  endedOn!: string;

  @Field({ description: 'Why it ends; 1 to 2,000 characters.' })
  @HasVisibleText()
  @MaxChars(2000)
  reason!: string;
}

/** Input of `recordAgreementReview`. */
@InputType({ description: 'A review of how an agreement has been carried out.' })
export class AgreementReviewInput {
  @Field({ description: 'At most 300 characters.' })
  @HasVisibleText()
  @MaxChars(300)
  title!: string;

  @Field(() => LocalDateScalar, { description: 'Day it was held: while the agreement was signed (not before signature), not in the future.' })
  heldOn!: string;

  @Field(() => String, { nullable: true, description: 'At most 300 characters.' })
  @MaxChars(300)
  venue?: string | null;

  @Field({ description: 'What the review found; 1 to 20,000 characters.' })
  @HasVisibleText()
  @MaxChars(20000)
  findings!: string;

  @Field(() => [ID], { description: '1 to 50 agencies that attended, each once.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  attendingAgencyIds!: string[];
}
