import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../platform/request-context.js';
import type { JointHistoryService } from './history.service.js';
import { STATISTICS_COST, STATISTICS_TIMEOUT_MS, type JointStatisticsService } from './statistics.service.js';
import { ForwardPageArgs, type Page } from '../../platform/relay.js';
import { StatisticsGroupBy } from './history.enums.js';
import { JointHistoryFilter } from './history.inputs.js';
import { JointHistoryConnection, type JointHistoryEntry } from './history.types.js';
import { JointStatistics } from './statistics.types.js';

/** The request context these resolvers use: the joint history and statistics services. */
export type HistoryContext = RequestContext<{
  history: JointHistoryService;
  statistics: JointStatisticsService;
}>;

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
    @Ctx() { services }: HistoryContext,
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
      'time to acknowledge. Same filter as jointHistory. It scans the whole filtered history, so it is priced ' +
      `${STATISTICS_COST} towards the cost limit (a handful per request) and its statements may run ` +
      `${STATISTICS_TIMEOUT_MS / 1000} s at most. Errors: as jointHistory; BAD_REQUEST when it takes longer (a narrower filter helps).`,
    complexity: STATISTICS_COST,
  })
  jointStatistics(
    @Ctx() { services }: HistoryContext,
    @Arg('groupBy', () => StatisticsGroupBy) groupBy: StatisticsGroupBy,
    @Arg('filter', () => JointHistoryFilter, { nullable: true }) filter?: JointHistoryFilter,
  ): Promise<JointStatistics> {
    return services.statistics.compute(filter ?? {}, groupBy);
  }
}
