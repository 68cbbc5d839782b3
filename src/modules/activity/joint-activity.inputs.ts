import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsOptional, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ID_MESSAGE, ID_PATTERN } from '../../platform/ids.js';
import { LocalDateScalar } from '../../platform/scalars.js';
import { HasVisibleText, MaxChars } from '../../platform/validators.js';
import { DocumentType, JointActivityKind } from './joint-activity.enums.js';

/** A count of documents of one type. */
@InputType({ description: 'How many documents of one type were delivered.' })
export class DocumentCountInput {
  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field(() => Int, { description: '0 to 10,000,000.' })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  count!: number;
}

/** Input of `recordJointActivity`. */
@InputType({ description: 'Something the two sides did together.' })
export class RecordJointActivityInput {
  @Field(() => JointActivityKind)
  kind!: JointActivityKind;

  @Field({ description: 'At most 300 characters.' })
  @HasVisibleText()
  @MaxChars(300)
  title!: string;

  @Field(() => String, { nullable: true, description: 'At most 20,000 characters.' })
  @MaxChars(20000)
  description?: string | null;

  @Field(() => LocalDateScalar, { description: 'First day, not in the future.' })
  startedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day, not before startedOn; defaults to startedOn.' })
  endedOn?: string | null;

  @Field(() => [ID], { description: '1 to 50 agencies that took part, each once; one must be an agency you administer.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  agencyIds!: string[];

  @Field(() => ID, { nullable: true, description: 'The agreement it was done under: one in force on startedOn, binding a taking-part agency.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agreementId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Attendances, 0 to 10,000,000.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  participantCount?: number | null;

  @Field(() => [DocumentCountInput], { nullable: true, description: 'Documents delivered by type, each type once; only for DOCUMENT_DELIVERY.' })
  @IsOptional()
  @ArrayMaxSize(3)
  @ValidateNested()
  documentsDelivered?: DocumentCountInput[] | null;
}
