import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requireViewer } from '../../platform/viewer-scope.js';
import type { RequestContext } from '../../platform/request-context.js';
import { type AlertQueries, isActive } from './alert-query.service.js';
import type { AlertService } from './alert.service.js';
import type { AcknowledgementService } from './acknowledgement.service.js';
import type { AgreementService } from '../agreement/agreement.service.js';
import type { LiveFeeds } from '../../platform/live.js';
import { itemsOf, loadedOr, batchingEm } from '../../platform/references.js';
import { ForwardPageArgs } from '../../platform/relay.js';
import { Agency } from '../agency/agency.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { ContactRole } from '../../platform/contact-role.js';
import { Contact } from '../contact/contact.entity.js';
import { SecurityAlertConnection } from './alert.connection.js';
import { Acknowledgement } from './acknowledgement.entity.js';
import { AckOutcome } from './acknowledgement.enums.js';
import { AlertFilter, PostAlertInput, UpdateAlertInput } from './alert.inputs.js';
import { parseDeliverySeq } from './delivery-sequence.js';
import { SecurityAlert } from './security-alert.entity.js';

/** The request context these resolvers use: the alert services, agreements and the live feeds. */
export type AlertContext = RequestContext<{
  alerts: AlertQueries;
  alertLifecycle: AlertService;
  acknowledgements: AcknowledgementService;
  agreements: AgreementService;
  feeds: LiveFeeds;
}>;

@Resolver(() => SecurityAlert)
export class AlertResolver {
  @Authorized()
  @Query(() => SecurityAlertConnection, {
    description: 'Alerts the viewer may see, newest first, as a Relay connection. Errors: BAD_USER_INPUT for a bad cursor or page size.',
  })
  alerts(
    @Ctx() { services }: AlertContext,
    @Args(() => ForwardPageArgs) { first, after }: ForwardPageArgs,
    @Arg('filter', () => AlertFilter, { nullable: true }) filter?: AlertFilter,
  ): Promise<SecurityAlertConnection> {
    return services.alerts.list(filter ?? {}, first, after);
  }

  @Authorized()
  @Query(() => SecurityAlert, { description: 'One alert. Errors: NOT_FOUND when it does not exist or is not visible.' })
  alert(@Arg('id', () => ID) id: string, @Ctx() { services }: AlertContext): Promise<SecurityAlert> {
    return services.alerts.get(id);
  }

  @Authorized(ContactRole.POLICE_LIAISON)
  @Mutation(() => SecurityAlert, {
    description:
      'Posts a new alert (CAP msgType ALERT) for the signed-in liaison\'s police agency and delivers it to every ' +
      'branch its targets reach. POLICE_LIAISON only. Errors: BAD_USER_INPUT (nothing is stored), FORBIDDEN.',
  })
  postAlert(@Arg('input', () => PostAlertInput) input: PostAlertInput, @Ctx() { services }: AlertContext): Promise<SecurityAlert> {
    return services.alertLifecycle.post(input);
  }

  @Authorized(ContactRole.POLICE_LIAISON)
  @Mutation(() => SecurityAlert, {
    description:
      'Posts new content for an alert of the liaison\'s agency (CAP msgType UPDATE, `references` the version it ' +
      'replaces): the fields given replace the current ones, the rest carry over; delivered to the same branches ' +
      'through alertPosted. Errors: NOT_FOUND (no such alert of the agency), BAD_USER_INPUT (not the current ' +
      'version, cancelled, nothing to change, expiry in the past), FORBIDDEN.',
  })
  updateAlert(
    @Arg('id', () => ID, { description: 'The current version of the alert.' }) id: string,
    @Arg('input', () => UpdateAlertInput) input: UpdateAlertInput,
    @Ctx() { services }: AlertContext,
  ): Promise<SecurityAlert> {
    return services.alertLifecycle.update(id, input);
  }

  @Authorized(ContactRole.POLICE_LIAISON)
  @Mutation(() => SecurityAlert, {
    description:
      'Cancels an alert of the liaison\'s agency (CAP msgType CANCEL, `references` the version it cancels, the ' +
      'reason as description); delivered to the same branches through alertPosted. Errors: NOT_FOUND, ' +
      'BAD_USER_INPUT (not the current version, already cancelled, blank reason), FORBIDDEN.',
  })
  cancelAlert(
    @Arg('id', () => ID, { description: 'The current version of the alert.' }) id: string,
    @Arg('reason', () => String, { description: 'Why it is cancelled, 1 to 2,000 characters.' }) reason: string,
    @Ctx() { services }: AlertContext,
  ): Promise<SecurityAlert> {
    return services.alertLifecycle.cancel(id, reason);
  }

  // Roles are checked in `subscribe` (assertMayWatchBranch) rather than with @Authorized, which would also wrap
  // the per-event resolver in a promise and make every delivery's execution asynchronous.
  @Subscription(() => SecurityAlert, {
    description:
      'Alert messages (new alerts, updates, cancellations) delivered to one branch, named directly or through an ' +
      'agency above it, that the subscriber may see, exactly once each and in delivery-sequence order. With ' +
      '`after`, first every such message committed after that delivery sequence number (replayed from the ' +
      'database), then live ones, with no gap and no repeat. A BRANCH_OPERATOR may watch only their own branch; ' +
      'COORDINATOR and AUDITOR any branch. Errors: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (not a branch), ' +
      'BAD_USER_INPUT (malformed `after`, or beyond the last delivery).',
    subscribe: async ({ args, context }) => {
      const { services, scope } = context as AlertContext;
      const branchId = args.branchId as string;
      const after = parseDeliverySeq(args.after as string | null | undefined);
      await services.alerts.assertMayWatchBranch(branchId);
      return services.feeds.branchDeliveries(branchId, requireViewer(scope), after);
    },
  })
  alertPosted(
    @Arg('branchId', () => ID) _branchId: string,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this delivery sequence number (a `deliverySeq` received earlier), or an `alerts` cursor.',
    })
    _after: string | null,
    @Root() alert: SecurityAlert,
  ): SecurityAlert {
    return alert;
  }

  @Authorized()
  @Subscription(() => Acknowledgement, {
    description:
      'Acknowledgements of an alert (any version of it) as branches record them, as far as the subscriber may ' +
      'see them: the issuing agency\'s liaisons see every branch\'s. Errors: UNAUTHENTICATED, NOT_FOUND.',
    subscribe: async ({ args, context }) => {
      const ctx = context as AlertContext;
      const alert = await ctx.services.alerts.get(args.alertId as string);
      // Each read through fresh services, let go afterwards: a long subscription keeps no ORM state between reads.
      return ctx.services.feeds.threadFeed(alert.threadId, async (afterSeq) => {
        try {
          return await ctx.services.acknowledgements.visibleAfter(alert.threadId, afterSeq);
        } finally {
          ctx.release?.();
        }
      });
    },
  })
  alertAcknowledged(@Arg('alertId', () => ID) _alertId: string, @Root() acknowledgement: Acknowledgement): Acknowledgement {
    return acknowledgement;
  }

  @Authorized(ContactRole.BRANCH_OPERATOR)
  @Mutation(() => Acknowledgement, {
    description:
      'Records what the operator\'s branch did about an alert version it received: the first acknowledgement, ' +
      'or a new revision that amends it (earlier ones are kept). BRANCH_OPERATOR only. Errors: NOT_FOUND (no ' +
      'such alert, not visible to the branch, or not delivered to it), BAD_USER_INPUT, FORBIDDEN.',
  })
  acknowledgeAlert(
    @Arg('alertId', () => ID) alertId: string,
    @Arg('outcome', () => AckOutcome) outcome: AckOutcome,
    @Arg('note', () => String, { nullable: true, description: 'At most 2,000 characters.' }) note: string | null,
    @Ctx() { services }: AlertContext,
  ): Promise<Acknowledgement> {
    return services.acknowledgements.acknowledge(alertId, outcome, note);
  }

  @FieldResolver(() => Contact, { description: 'The liaison who posted the alert (CAP sender).' })
  issuer(@Root() alert: SecurityAlert, @Ctx() context: AlertContext): Contact | Promise<Contact> {
    return loadedOr(alert.issuer, batchingEm(context));
  }

  @FieldResolver(() => Agency, { description: 'The police agency the alert was posted for.' })
  issuerAgency(@Root() alert: SecurityAlert, @Ctx() context: AlertContext): Agency | Promise<Agency> {
    return loadedOr(alert.issuerAgency, batchingEm(context));
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The coordination agreement the alert was posted under; null when none or not visible.' })
  agreement(@Root() alert: SecurityAlert, @Ctx() { services }: AlertContext): Promise<Agreement | null> | null {
    return alert.agreement ? services.agreements.findVisible(alert.agreement.id) : null;
  }

  @FieldResolver(() => [Agency], { description: 'The agencies named as targets when the alert was posted, by name.' })
  targets(@Root() alert: SecurityAlert, @Ctx() context: AlertContext): Agency[] | Promise<Agency[]> {
    return itemsOf(alert.targets, batchingEm(context));
  }

  @FieldResolver(() => SecurityAlert, {
    nullable: true,
    description: 'CAP references: the earlier alert an update or cancellation refers to; null when the viewer may not see it.',
  })
  references(@Root() alert: SecurityAlert, @Ctx() { services }: AlertContext): Promise<SecurityAlert | null> | null {
    return alert.references ? services.alerts.findVisible(alert.references.id) : null;
  }

  @FieldResolver(() => SecurityAlert, {
    nullable: true,
    description: 'The later message (update or cancellation) that replaced this version; null while current or when not visible.',
  })
  supersededBy(@Root() alert: SecurityAlert, @Ctx() { services }: AlertContext): Promise<SecurityAlert | null> | null {
    return alert.supersededBy ? services.alerts.findVisible(alert.supersededBy.id) : null;
  }

  @FieldResolver(() => Boolean, {
    description: 'True while this is the current version, not a cancellation, and `expires` has not passed (CAP 1.2).',
  })
  active(@Root() alert: SecurityAlert): boolean {
    return isActive(alert);
  }

  @FieldResolver(() => [Acknowledgement], {
    description: 'The current acknowledgement of each branch for this version, as far as the viewer may see them, in the order they were recorded.',
  })
  acknowledgements(@Root() alert: SecurityAlert, @Ctx() { services }: AlertContext): Promise<Acknowledgement[]> {
    return services.acknowledgements.currentFor(alert);
  }

  @FieldResolver(() => [Agency], {
    description: 'Branches this version reached that have not acknowledged it, by name (for a branch operator: their own branch, if pending).',
  })
  pendingBranches(@Root() alert: SecurityAlert, @Ctx() { services }: AlertContext): Promise<Agency[]> {
    return services.acknowledgements.pendingBranches(alert);
  }
}
