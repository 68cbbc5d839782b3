import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { LiveFeeds } from '../../platform/live.js';
import type { AlertQueries } from '../alert/alert-query.service.js';
import { parseDeliverySeq } from '../alert/delivery-sequence.js';
import { Authorized } from 'type-graphql';
import { batchingEm, loadedOr } from '../../platform/references.js';
import type { RequestContext } from '../../platform/request-context.js';
import { Agency } from '../agency/agency.entity.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { Contact } from '../contact/contact.entity.js';
import type { ContactService } from '../contact/contact.service.js';
import type { CheckResult, ShipmentCheckService } from './shipment-check.service.js';
import { MAX_CHECKED_NUMBERS } from './shipment-check.service.js';
import { ShipmentSighting } from './shipment-sighting.entity.js';
import { SightingMethod } from './sighting.enums.js';

/** The request context these resolvers use: the check and contact services. */
export type ShipmentCheckContext = RequestContext<{
  shipmentChecks: ShipmentCheckService;
  contacts: ContactService;
  alerts: AlertQueries;
  feeds: LiveFeeds;
}>;

@ObjectType({ description: 'What a shipment check found for one tracking number.' })
export class ShipmentCheck implements CheckResult {
  @Field({ description: 'The tracking number as checked: normalised (upper case, no spaces, dashes or scanner prefix).' })
  trackingNumber!: string;

  @Field(() => [SecurityAlert], {
    description: 'The active alert versions the viewer may see, delivered to the branch, whose shipment carries this number; empty when none (hand the item on).',
  })
  matches!: SecurityAlert[];

  @Field({ description: 'When the check was made.' })
  checkedAt!: Date;
}

@Resolver(() => ShipmentCheck)
export class ShipmentCheckResolver {
  @Authorized()
  @Mutation(() => ShipmentCheck, {
    description:
      'The counter check: is this parcel named in an active alert? For a BRANCH_OPERATOR (their own branch) and a COORDINATOR or AUDITOR (the branch named in branchId). The number is normalised and checked as UPU S10; a match records a sighting that the issuing liaisons see. Errors: BAD_USER_INPUT (not S10, with the S10 message), NOT_FOUND (not a branch), FORBIDDEN.',
  })
  shipmentCheck(
    @Arg('trackingNumber', { description: 'As typed or scanned, e.g. `rr 123 456 785 vn`.' }) trackingNumber: string,
    @Arg('branchId', () => ID, { nullable: true, description: 'The branch the parcel is at; a branch operator may leave it out.' }) branchId: string | null,
    @Arg('method', () => SightingMethod, { defaultValue: SightingMethod.TYPED, description: 'How the number was entered.' }) method: SightingMethod,
    @Ctx() { services, auditCall }: ShipmentCheckContext,
  ): Promise<ShipmentCheck> {
    return services.shipmentChecks.check([trackingNumber], branchId, method, 'trackingNumber', auditCall).then(([result]) => result!);
  }

  @Authorized()
  @Mutation(() => [ShipmentCheck], {
    description: `shipmentCheck for a list of 1 to ${MAX_CHECKED_NUMBERS} numbers (a day's manifest), answered in one query, in the order given. Every number is checked as S10 first: one bad number refuses the whole list, naming it as trackingNumbers[i].`,
  })
  shipmentChecks(
    @Arg('trackingNumbers', () => [String]) trackingNumbers: string[],
    @Arg('branchId', () => ID, { nullable: true }) branchId: string | null,
    @Arg('method', () => SightingMethod, { defaultValue: SightingMethod.TYPED }) method: SightingMethod,
    @Ctx() { services, auditCall }: ShipmentCheckContext,
  ): Promise<ShipmentCheck[]> {
    return services.shipmentChecks.check(trackingNumbers, branchId, method, 'trackingNumbers', auditCall);
  }

  @Authorized()
  @Subscription(() => ShipmentSighting, {
    description:
      'Sightings of an alert\'s parcel (any version of the alert) as branches check it at the counter, as far as the ' +
      'subscriber may see them: the issuing agency\'s liaisons see every branch\'s. In delivery order, numbered from ' +
      'the counter alerts and acknowledgements share; with `after`, first those committed after it. Errors: ' +
      'UNAUTHENTICATED, NOT_FOUND, BAD_USER_INPUT (malformed `after`, or beyond the last delivery).',
    subscribe: async ({ args, context }) => {
      const ctx = context as ShipmentCheckContext;
      const alert = await ctx.services.alerts.get(args.alertId as string);
      const after = parseDeliverySeq(args.after as string | null | undefined);
      // Each read through fresh services, let go afterwards: a long subscription keeps no ORM state between reads.
      return ctx.services.feeds.threadFeed(
        alert.threadId,
        async (afterSeq) => {
          try {
            return await ctx.services.shipmentChecks.visibleAfter(alert.threadId, afterSeq);
          } finally {
            ctx.release?.();
          }
        },
        after,
      );
    },
  })
  alertSighted(
    @Arg('alertId', () => ID) _alertId: string,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this delivery sequence number (a `deliverySeq` received earlier).' })
    _after: string | null,
    @Root() sighting: ShipmentSighting,
  ): ShipmentSighting {
    return sighting;
  }
}

@Resolver(() => ShipmentSighting)
export class ShipmentSightingResolver {
  @FieldResolver(() => Agency, { description: 'The branch where the parcel was found.' })
  branch(@Root() sighting: ShipmentSighting, @Ctx() context: ShipmentCheckContext): Agency | Promise<Agency> {
    return loadedOr(sighting.branch, batchingEm(context));
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who checked it; null when the viewer may not see that contact.' })
  contact(@Root() sighting: ShipmentSighting, @Ctx() { services }: ShipmentCheckContext): Promise<Contact | null> {
    return services.contacts.findVisible(sighting.contact.id);
  }
}

@Resolver(() => SecurityAlert)
export class AlertSightingsResolver {
  @FieldResolver(() => [ShipmentSighting], {
    description: 'Where this version\'s parcel was found by shipment checks, oldest first: every branch for those who see the alert, a branch operator only their own.',
  })
  sightings(@Root() alert: SecurityAlert, @Ctx() { services }: ShipmentCheckContext): Promise<ShipmentSighting[]> {
    return services.shipmentChecks.sightingsOf(alert);
  }
}
