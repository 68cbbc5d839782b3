import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../platform/request-context.js';
import type { JointActivityService } from './joint-activity.service.js';
import type { AgreementService } from '../agreement/agreement.service.js';
import { Agency } from '../agency/agency.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { ContactRole } from '../../platform/contact-role.js';
import { JointActivity } from './joint-activity.entity.js';
import { DocumentType } from './joint-activity.enums.js';
import { RecordJointActivityInput } from './joint-activity.inputs.js';

/** How many documents of one type were delivered. */
@ObjectType({ description: 'How many documents of one type were delivered.' })
export class DocumentCount {
  @Field(() => DocumentType)
  documentType!: DocumentType;

  @Field(() => Int)
  count!: number;
}

/** The request context these resolvers use: the joint activity and agreement services. */
export type ActivityContext = RequestContext<{
  activities: JointActivityService;
  agreements: AgreementService;
}>;

@Resolver(() => JointActivity)
export class JointActivityResolver {
  @Authorized()
  @Query(() => JointActivity, { description: 'One joint activity. Errors: NOT_FOUND when it does not exist or is not visible.' })
  jointActivity(@Arg('id', () => ID) id: string, @Ctx() { services }: ActivityContext): Promise<JointActivity> {
    return services.activities.get(id);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => JointActivity, {
    description:
      'Records a joint activity (training, meeting, information exchange, inspection, campaign, document delivery). ' +
      'COORDINATOR only; one taking-part agency must be one they administer. Errors: FORBIDDEN, BAD_USER_INPUT ' +
      '(days out of order or in the future, unknown agencies, an agreement not in force on startedOn or binding none ' +
      'of the agencies, documents on another kind, a document type twice).',
  })
  recordJointActivity(
    @Arg('input', () => RecordJointActivityInput) input: RecordJointActivityInput,
    @Ctx() { services }: ActivityContext,
  ): Promise<JointActivity> {
    return services.activities.record(input);
  }

  @FieldResolver(() => [Agency], { description: 'Agencies that took part, by code.' })
  agencies(@Root() activity: JointActivity, @Ctx() { services }: ActivityContext): Promise<Agency[]> {
    return services.activities.agencies(activity.id);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement it was done under; null when none or not visible.' })
  agreement(@Root() activity: JointActivity, @Ctx() { services }: ActivityContext): Promise<Agreement | null> | null {
    return activity.agreement ? services.agreements.findVisible(activity.agreement.id) : null;
  }

  @FieldResolver(() => [DocumentCount], { description: 'Documents delivered, by type (CMND, CCCD, PASSPORT; only those delivered).' })
  documentsDelivered(@Root() activity: JointActivity): DocumentCount[] {
    return [
      { documentType: DocumentType.CMND, count: activity.cmndDelivered },
      { documentType: DocumentType.CCCD, count: activity.cccdDelivered },
      { documentType: DocumentType.PASSPORT, count: activity.passportsDelivered },
    ].filter((d) => d.count > 0);
  }
}
