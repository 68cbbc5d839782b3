import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ID_MESSAGE, ID_PATTERN } from '../../platform/ids.js';
import { LocalDateScalar } from '../../platform/scalars.js';
import { JointActivityKind } from '../activity/joint-activity.enums.js';
import { HistoryEventKind } from './history.enums.js';

/** Filter of `jointHistory`, `jointStatistics` and the CSV report; every given field must match. */
@InputType({ description: 'Every given field must match. Days are calendar days in province time (UTC+07:00).' })
export class JointHistoryFilter {
  @Field(() => [ID], { nullable: true, description: 'Entries involving any of these agencies or an agency under them (at most 50).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  agencyIds?: string[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day included.' })
  from?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day included.' })
  to?: string | null;

  @Field(() => [HistoryEventKind], { nullable: true, description: 'Only entries of these kinds.' })
  @IsOptional()
  @ArrayUnique()
  kinds?: HistoryEventKind[] | null;

  @Field(() => [JointActivityKind], { nullable: true, description: 'Joint activities only of these kinds (other entries are not affected).' })
  @IsOptional()
  @ArrayUnique()
  activityKinds?: JointActivityKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Only what concerns this agreement: its own events, and activities and alerts done under it.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agreementId?: string | null;
}
