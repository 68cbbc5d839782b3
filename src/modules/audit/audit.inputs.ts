import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ID_PATTERN } from '../../platform/ids.js';
import { MaxChars } from '../../platform/validators.js';
import { AuditOperationType, AuditOutcome } from './audit.enums.js';

/** Filter of `auditLog`; every given field must match. */
@InputType({ description: 'Every given field must match.' })
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Entries of this contact.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'must be a contact id (a lower-case UUID)' })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL field, e.g. `login` or `postAlert`.' })
  @MaxChars(100)
  operation?: string | null;

  @Field(() => AuditOperationType, { nullable: true })
  operationType?: AuditOperationType | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: AuditOutcome | null;

  @Field(() => String, { nullable: true })
  @MaxChars(60)
  targetType?: string | null;

  @Field(() => String, { nullable: true })
  @MaxChars(100)
  targetId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Entries at or after this instant.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Entries before this instant.' })
  to?: Date | null;
}
