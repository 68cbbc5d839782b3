import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { ForwardPageArgs } from '../../graphql/relay.js';
import { visibleAlerts } from '../../realtime/visible-alerts.js';
import { Agency } from '../agency/agency.entity.js';
import { ContactRole } from '../contact/contact-role.js';
import { Contact } from '../contact/contact.entity.js';
import { SecurityAlertConnection } from './alert.connection.js';
import { AlertFilter, PostAlertInput } from './alert.inputs.js';
import { SecurityAlert } from './security-alert.entity.js';

@Resolver(() => SecurityAlert)
export class AlertResolver {
  @Authorized()
  @Query(() => SecurityAlertConnection, {
    description: 'Alerts the viewer may see, newest first, as a Relay connection. Errors: BAD_USER_INPUT for a bad cursor or page size.',
  })
  alerts(
    @Ctx() { services }: Context,
    @Args(() => ForwardPageArgs) { first, after }: ForwardPageArgs,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter,
  ): Promise<SecurityAlertConnection> {
    return services.alerts.list(filter ?? {}, first, after);
  }

  @Authorized()
  @Query(() => SecurityAlert, { description: 'One alert. Errors: NOT_FOUND when it does not exist or is not visible.' })
  alert(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<SecurityAlert> {
    return services.alerts.get(id);
  }

  @Authorized(ContactRole.POLICE_LIAISON)
  @Mutation(() => SecurityAlert, {
    description:
      'Posts a new alert (CAP msgType ALERT) for the signed-in liaison\'s police agency and delivers it to every ' +
      'branch its targets reach. POLICE_LIAISON only. Errors: BAD_USER_INPUT (nothing is stored), FORBIDDEN.',
  })
  postAlert(@Arg('input', () => PostAlertInput) input: PostAlertInput, @Ctx() { services }: Context): Promise<SecurityAlert> {
    return services.alerts.post(input);
  }

  @Authorized(ContactRole.BRANCH_OPERATOR, ContactRole.COORDINATOR, ContactRole.AUDITOR)
  @Subscription(() => SecurityAlert, {
    description:
      'Alerts delivered to one branch (named directly or through an agency above it), as they are posted. ' +
      'A BRANCH_OPERATOR may watch only their own branch; COORDINATOR and AUDITOR any branch. ' +
      'Errors: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (not a branch).',
    subscribe: async ({ args, context }) => {
      const { services, scope } = context as Context;
      await services.alerts.assertMayWatchBranch(args.branchId as string);
      return visibleAlerts(services.bus.alertsFor(args.branchId as string), requireViewer(scope), services.snapshots);
    },
  })
  alertPosted(@Arg('branchId', () => ID) _branchId: string, @Root() alert: SecurityAlert): SecurityAlert {
    return alert;
  }

  @FieldResolver(() => Contact, { description: 'The liaison who posted the alert (CAP sender).' })
  issuer(@Root() alert: SecurityAlert): Promise<Contact> {
    return alert.issuer.loadOrFail();
  }

  @FieldResolver(() => Agency, { description: 'The police agency the alert was posted for.' })
  issuerAgency(@Root() alert: SecurityAlert): Promise<Agency> {
    return alert.issuerAgency.loadOrFail();
  }

  @FieldResolver(() => [Agency], { description: 'The agencies named as targets, as posted.' })
  async targets(@Root() alert: SecurityAlert): Promise<Agency[]> {
    return (await alert.targets.load()).getItems();
  }

  @FieldResolver(() => SecurityAlert, {
    nullable: true,
    description: 'CAP references: the earlier alert an update or cancellation refers to; null when the viewer may not see it.',
  })
  references(@Root() alert: SecurityAlert, @Ctx() { services }: Context): Promise<SecurityAlert | null> | null {
    return alert.references ? services.alerts.findVisible(alert.references.id) : null;
  }

  @FieldResolver(() => Boolean, { description: 'False once `expires` has passed.' })
  active(@Root() alert: SecurityAlert): boolean {
    return !alert.expires || alert.expires.getTime() > Date.now();
  }
}
