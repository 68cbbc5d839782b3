import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { ForwardPageArgs, type Page } from '../../graphql/relay.js';
import { StatisticsGroupBy } from './history.enums.js';
import { JointHistoryFilter } from './history.inputs.js';
import { JointHistoryConnection, type JointHistoryEntry } from './history.types.js';
import { JointStatistics } from './statistics.types.js';

@Resolver()
export class JointHistoryResolver {
  @Authorized()
  @Query(() => JointHistoryConnection, {
    description:
      'The joint history as one timeline, newest first: agreements signed, reviewed, superseded or terminated, joint ' +
      'activities and alert messages, each as far as the viewer may see it (the access rules of each record). Relay ' +
      'connection; cursors are stable when entries are added. Errors: BAD_USER_INPUT (cursor, ids, days out of order), ' +
      'NOT_FOUND (unknown agency in the filter).',
  })
  jointHistory(
    @Ctx() { services }: Context,
    @Args() { first, after }: ForwardPageArgs,
    @Arg('filter', () => JointHistoryFilter, { nullable: true }) filter?: JointHistoryFilter,
  ): Promise<Page<JointHistoryEntry>> {
    return services.history.page(filter ?? {}, first, after);
  }

  @Authorized()
  @Query(() => JointStatistics, {
    description:
      'Counts and sums over the joint history the viewer may see, grouped by YEAR, AGENCY or KIND, with totals: ' +
      'activities, attendances, documents delivered by type, alerts by severity, acknowledgement rate and median ' +
      'time to acknowledge. Same filter as jointHistory. Errors: as jointHistory.',
  })
  jointStatistics(
    @Ctx() { services }: Context,
    @Arg('groupBy', () => StatisticsGroupBy) groupBy: StatisticsGroupBy,
    @Arg('filter', () => JointHistoryFilter, { nullable: true }) filter?: JointHistoryFilter,
  ): Promise<JointStatistics> {
    return services.statistics.compute(filter ?? {}, groupBy);
  }
}
