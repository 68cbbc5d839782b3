import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementStatus } from './agreement.enums.js';

@Resolver(() => Agreement)
export class AgreementResolver {
  @Authorized()
  @Query(() => [Agreement], { description: 'Coordination agreements, newest signature first.' })
  agreements(
    @Ctx() { services }: Context,
    @Arg('status', () => AgreementStatus, { nullable: true }) status?: AgreementStatus,
  ): Promise<Agreement[]> {
    return services.agreements.list(status);
  }

  @Authorized()
  @Query(() => Agreement, { description: 'One agreement. Errors: NOT_FOUND.' })
  agreement(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Agreement> {
    return services.agreements.get(id);
  }

  @FieldResolver(() => [AgreementParty], { description: 'The agencies bound by the agreement and who signed for them.' })
  parties(@Root() agreement: Agreement, @Ctx() { services }: Context): Promise<AgreementParty[]> {
    return services.agreements.parties(agreement.id);
  }

  @FieldResolver(() => [AgreementReview], { description: 'Reviews of the agreement, oldest first.' })
  reviews(@Root() agreement: Agreement, @Ctx() { services }: Context): Promise<AgreementReview[]> {
    return services.agreements.reviews(agreement.id);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The earlier agreement this one replaced.' })
  async supersedes(@Root() agreement: Agreement): Promise<Agreement | null> {
    return (await agreement.supersedes?.load()) ?? null;
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The later agreement that replaced this one.' })
  supersededBy(@Root() agreement: Agreement, @Ctx() { services }: Context): Promise<Agreement | null> {
    return services.agreements.supersededBy(agreement.id);
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  @FieldResolver(() => Agency, { description: 'The agency bound by the agreement.' })
  agency(@Root() party: AgreementParty): Promise<Agency> {
    return party.agency.loadOrFail();
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who signed for the agency.' })
  async signatory(@Root() party: AgreementParty): Promise<Contact | null> {
    return (await party.signatory?.load()) ?? null;
  }
}

@Resolver(() => AgreementReview)
export class AgreementReviewResolver {
  @FieldResolver(() => [Agency], { description: 'Agencies that attended the review.' })
  async attendingAgencies(@Root() review: AgreementReview): Promise<Agency[]> {
    const attendees = await review.attendingAgencies.load();
    return attendees.getItems();
  }
}
