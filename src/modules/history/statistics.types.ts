import { Field, Float, Int, ObjectType } from 'type-graphql';
import { SafeIntResolver } from 'graphql-scalars';
import { DocumentType } from '../activity/joint-activity.enums.js';
import { Agency } from '../agency/agency.entity.js';
import { Severity } from '../alert/alert.enums.js';
import { StatisticsGroupBy } from './history.enums.js';

/** A sum of documents of one type; SafeInt because sums over many activities can pass GraphQL's 32-bit Int. */
@ObjectType({ description: 'How many documents of one type were delivered in all.' })
export class DocumentTotal {
  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field(() => SafeIntResolver, { description: 'An integer up to 2^53 - 1.' })
  count!: number;
}

/** Alerts of one CAP severity. */
@ObjectType({ description: 'Alerts of one CAP severity.' })
export class SeverityCount {
  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Int)
  count!: number;
}

/** Figures of one group (a year, an agency, a kind) or of the whole filter. */
@ObjectType({ description: 'Figures of one group (a year, an agency, a kind) or of everything the filter matches.' })
export class JointStatisticsGroup {
  @Field({ description: 'The group: a year ("2016"), an agency id, an activity kind or "ALERT"; "TOTAL" for the totals.' })
  key!: string;

  @Field(() => Agency, { nullable: true, description: 'The agency, when grouped by AGENCY.' })
  agency?: Agency | null;

  @Field(() => Int, { description: 'Joint activities.' })
  activities!: number;

  @Field(() => SafeIntResolver, { description: 'Sum of the activities\' attendances (participantCount); an integer up to 2^53 - 1.' })
  attendances!: number;

  @Field(() => [DocumentTotal], { description: 'Documents delivered, by type (every type, zeros included).' })
  documentsDelivered!: DocumentTotal[];

  @Field(() => Int, {
    description: 'Alerts posted (CAP msgType Alert with status Actual: exercises, tests, drafts and system messages are not counted; nor are updates and cancellations).',
  })
  alerts!: number;

  @Field(() => [SeverityCount], { description: 'Those alerts by CAP severity (every severity, zeros included).' })
  alertsBySeverity!: SeverityCount[];

  @Field(() => Int, { description: 'Deliveries of those alerts to branches (one per alert and branch reached) the viewer may count.' })
  branchDeliveries!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share (0 to 1) of those deliveries the branch acknowledged (any version of the alert); null without deliveries.',
  })
  acknowledgementRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median seconds from the alert\'s `sent` to the branch\'s first acknowledgement, over acknowledged deliveries; null when none.',
  })
  medianSecondsToAcknowledge!: number | null;
}

/** Statistics of the joint history. */
@ObjectType({ description: 'Counts and sums over the joint history, grouped, with the totals.' })
export class JointStatistics {
  @Field(() => StatisticsGroupBy)
  groupBy!: StatisticsGroupBy;

  @Field(() => [JointStatisticsGroup], { description: 'Years ascending, agencies by code, kinds in schema order.' })
  groups!: JointStatisticsGroup[];

  @Field(() => JointStatisticsGroup, {
    description: 'Everything the filter matches. With AGENCY grouping an activity counts once per taking-part agency in the groups but once here.',
  })
  total!: JointStatisticsGroup;
}
