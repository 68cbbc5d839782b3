import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ForwardPageArgs } from '../../platform/relay.js';
import type { RequestContext } from '../../platform/request-context.js';
import { Agency } from '../agency/agency.entity.js';
import type { AlertQueries } from './alert-query.service.js';
import { SecurityAlertConnection } from './alert.connection.js';
import { AlertFilter } from './alert.inputs.js';

/** The request context of `Agency.alerts`: the alert queries. */
export type AgencyAlertsContext = RequestContext<{ alerts: AlertQueries }>;

/** `Agency.alerts`: kept with the alerts, so that the agency module need not know them. */
@Resolver(() => Agency)
export class AgencyAlertsResolver {
  @FieldResolver(() => SecurityAlertConnection, {
    description: 'Alerts the viewer may see that this agency issued or that reached a branch at or under it, newest first.',
  })
  alerts(
    @Root() agency: Agency,
    @Ctx() { services }: AgencyAlertsContext,
    @Args(() => ForwardPageArgs) { first, after }: ForwardPageArgs,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter,
  ): Promise<SecurityAlertConnection> {
    return services.alerts.list(filter ?? {}, first, after, agency.id);
  }
}
