import { createUnionType, Field, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../platform/scalars.js';
import { connectionOf } from '../../platform/relay.js';
import { JointActivity } from '../activity/joint-activity.entity.js';
import { AgreementReview } from '../agreement/agreement-review.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { HistoryEventKind } from './history.enums.js';

/** What a joint-history entry is about. */
export const HistorySubject = createUnionType({
  name: 'HistorySubject',
  description: 'What a joint-history entry is about: an agreement, a review, a joint activity or an alert message.',
  types: () => [Agreement, AgreementReview, JointActivity, SecurityAlert] as const,
  resolveType: (value) =>
    value instanceof Agreement ? Agreement
    : value instanceof AgreementReview ? AgreementReview
    : value instanceof JointActivity ? JointActivity
    : SecurityAlert,
});

/** One entry of the joint history: what happened, when, and the record it is about. */
@ObjectType({ description: 'One entry of the joint history: what happened, when, and the record it is about.' })
export class JointHistoryEntry {
  @Field(() => HistoryEventKind)
  kind!: HistoryEventKind;

  @Field({ description: 'When it happened (UTC); a calendar day is placed at its midnight in province time (UTC+07:00).' })
  occurredAt!: Date;

  @Field(() => LocalDateScalar, { description: 'The day it happened in province time (UTC+07:00), YYYY-MM-DD.' })
  occurredOn!: string;

  @Field(() => HistorySubject)
  subject!: typeof HistorySubject;
}

/** A page of the joint history, newest first. */
@ObjectType({ description: 'A page of the joint history, newest first.' })
export class JointHistoryConnection extends connectionOf(JointHistoryEntry, 'JointHistoryEntry') {}
