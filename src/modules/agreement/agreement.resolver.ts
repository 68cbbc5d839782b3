import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementStatus } from './agreement.enums.js';
import { CreateAgreementInput, UpdateAgreementInput } from './agreement.inputs.js';
import { ContactRole } from '../contact/contact-role.js';

@Resolver(() => Agreement)
export class AgreementResolver {
  @Authorized()
  @Query(() => [Agreement], {
    description:
      'Coordination agreements, newest signature first. Coordinators and auditors see all; other roles those ' +
      'their agency, or an agency above it, is party to.',
  })
  agreements(
    @Ctx() { services }: Context,
    @Arg('status', () => AgreementStatus, { nullable: true }) status?: AgreementStatus,
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Also list archived agreements.' })
    includeArchived?: boolean,
  ): Promise<Agreement[]> {
    return services.agreements.list(status, includeArchived);
  }

  @Authorized()
  @Query(() => Agreement, { description: 'One agreement. Errors: NOT_FOUND when it does not exist or is not visible.' })
  agreement(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Agreement> {
    return services.agreements.get(id);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Creates an agreement as a DRAFT; one party must be an agency the coordinator administers. COORDINATOR only. ' +
      'Errors: FORBIDDEN, BAD_USER_INPUT (code in use, dates out of 1900-2199 or out of ' +
      'order, parties unknown, archived or repeated, signatory not of the party\'s agency).',
  })
  createAgreement(@Arg('input', () => CreateAgreementInput) input: CreateAgreementInput, @Ctx() { services }: Context): Promise<Agreement> {
    return services.agreements.create(input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Changes a DRAFT agreement one of whose parties the coordinator administers. COORDINATOR only. ' +
      'Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (not a DRAFT, as createAgreement).',
  })
  updateAgreement(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgreementInput) input: UpdateAgreementInput,
    @Ctx() { services }: Context,
  ): Promise<Agreement> {
    return services.agreements.update(id, input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Archives an agreement that is not in force, one of whose parties the coordinator administers. COORDINATOR ' +
      'only. Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (ACTIVE).',
  })
  archiveAgreement(@Arg('id', () => ID) id: string, @Ctx() { services }: Context): Promise<Agreement> {
    return services.agreements.archive(id);
  }

  @FieldResolver(() => [AgreementParty], { description: 'The agencies bound by the agreement and who signed for them, by agency code.' })
  parties(@Root() agreement: Agreement, @Ctx() { services }: Context): Promise<AgreementParty[]> {
    return services.agreements.parties(agreement.id);
  }

  @FieldResolver(() => [AgreementReview], { description: 'Reviews of the agreement, oldest first.' })
  reviews(@Root() agreement: Agreement, @Ctx() { services }: Context): Promise<AgreementReview[]> {
    return services.agreements.reviews(agreement.id);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The earlier agreement this one replaced; null when not visible.' })
  supersedes(@Root() agreement: Agreement, @Ctx() { services }: Context): Promise<Agreement | null> | null {
    return agreement.supersedes ? services.agreements.findVisible(agreement.supersedes.id) : null;
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The later agreement that replaced this one; null when not visible.' })
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

  @FieldResolver(() => Contact, { nullable: true, description: 'Who signed for the agency; null when the viewer may not see that contact.' })
  signatory(@Root() party: AgreementParty, @Ctx() { services }: Context): Promise<Contact | null> | null {
    return party.signatory ? services.contacts.findVisible(party.signatory.id) : null;
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
