import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { itemsOf, loadedOr, batchingEm } from '../../platform/references.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { AgreementService } from './agreement.service.js';
import type { ContactService } from '../contact/contact.service.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementStatus } from './agreement.enums.js';
import {
  AgreementReviewInput, CreateAgreementInput, SignAgreementInput, TerminateAgreementInput, UpdateAgreementInput,
} from './agreement.inputs.js';
import { ContactRole } from '../../platform/contact-role.js';

/** The request context these resolvers use: the agreement and contact services. */
export type AgreementContext = RequestContext<{
  agreements: AgreementService;
  contacts: ContactService;
}>;

@Resolver(() => Agreement)
export class AgreementResolver {
  @Authorized()
  @Query(() => [Agreement], {
    description:
      'Coordination agreements, newest signature first. Coordinators and auditors see all; other roles those ' +
      'their agency, or an agency above it, is party to.',
  })
  agreements(
    @Ctx() { services }: AgreementContext,
    @Arg('status', () => AgreementStatus, { nullable: true }) status?: AgreementStatus,
    @Arg('includeArchived', () => Boolean, { defaultValue: false, description: 'Also list archived agreements.' })
    includeArchived?: boolean,
  ): Promise<Agreement[]> {
    return services.agreements.list(status, includeArchived);
  }

  @Authorized()
  @Query(() => Agreement, { description: 'One agreement. Errors: NOT_FOUND when it does not exist or is not visible.' })
  agreement(@Arg('id', () => ID) id: string, @Ctx() { services }: AgreementContext): Promise<Agreement> {
    return services.agreements.get(id);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Creates an agreement as a DRAFT; one party must be an agency the coordinator administers. COORDINATOR only. ' +
      'Errors: FORBIDDEN, BAD_USER_INPUT (code in use, dates out of 1900-2199 or out of ' +
      'order, parties unknown, archived or repeated, signatory not of the party\'s agency).',
  })
  createAgreement(@Arg('input', () => CreateAgreementInput) input: CreateAgreementInput, @Ctx() { services }: AgreementContext): Promise<Agreement> {
    return services.agreements.create(input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Changes a DRAFT agreement one of whose parties the coordinator administers. Each side names its own ' +
      'signatory (signatoryId of a party they administer; left out, the current one stays); a change of terms ' +
      '(title, scope, dates, parties) clears the other side\'s signatories. COORDINATOR only. ' +
      'Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (not a DRAFT, as createAgreement).',
  })
  updateAgreement(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateAgreementInput) input: UpdateAgreementInput,
    @Ctx() { services }: AgreementContext,
  ): Promise<Agreement> {
    return services.agreements.update(id, input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Archives an agreement that is not in force, one of whose parties the coordinator administers. COORDINATOR ' +
      'only. Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (ACTIVE).',
  })
  archiveAgreement(@Arg('id', () => ID) id: string, @Ctx() { services }: AgreementContext): Promise<Agreement> {
    return services.agreements.archive(id);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Signs a DRAFT agreement: DRAFT → ACTIVE. Every party must name its signatory; the signature day (input or ' +
      'the draft\'s) must not be in the future; a day the draft already names cannot be changed here (updateAgreement ' +
      'does, and the other side names its signatory again). COORDINATOR administering a party only. Errors: NOT_FOUND, ' +
      'FORBIDDEN, BAD_USER_INPUT (not a DRAFT, archived, no signature day, a party without signatory, dates out of ' +
      'order, a day other than the draft\'s).',
  })
  signAgreement(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => SignAgreementInput, { defaultValue: {} }) input: SignAgreementInput,
    @Ctx() { services }: AgreementContext,
  ): Promise<Agreement> {
    return services.agreements.sign(id, input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Replaces the ACTIVE agreement `oldId` by `newId` (a DRAFT, signed in the same step, or an ACTIVE agreement): ' +
      'the old one becomes SUPERSEDED, ending the day the new one takes effect. The new one must bind every party of ' +
      'the old. Returns the new agreement. COORDINATOR administering a party of both only. Errors: NOT_FOUND, ' +
      'FORBIDDEN, BAD_USER_INPUT (wrong statuses, same agreement, missing party, takes effect earlier, as signAgreement).',
  })
  async supersedeAgreement(
    @Arg('oldId', () => ID) oldId: string,
    @Arg('newId', () => ID) newId: string,
    @Ctx() { services }: AgreementContext,
  ): Promise<Agreement> {
    return (await services.agreements.supersede(oldId, newId)).successor;
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => Agreement, {
    description:
      'Ends an ACTIVE agreement without successor: ACTIVE → TERMINATED, with its last day and the reason. ' +
      'COORDINATOR administering a party only. Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (not ACTIVE, day before ' +
      'it took effect or in the future, blank reason).',
  })
  terminateAgreement(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => TerminateAgreementInput) input: TerminateAgreementInput,
    @Ctx() { services }: AgreementContext,
  ): Promise<Agreement> {
    return services.agreements.terminate(id, input);
  }

  @Authorized(ContactRole.COORDINATOR)
  @Mutation(() => AgreementReview, {
    description:
      'Records a review of a signed agreement: day, venue, findings, attending agencies. COORDINATOR administering a ' +
      'party only. Errors: NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (a DRAFT or archived agreement, a day before ' +
      'signature or in the future, unknown attendees).',
  })
  recordAgreementReview(
    @Arg('agreementId', () => ID) agreementId: string,
    @Arg('input', () => AgreementReviewInput) input: AgreementReviewInput,
    @Ctx() { services }: AgreementContext,
  ): Promise<AgreementReview> {
    return services.agreements.recordReview(agreementId, input);
  }

  @Authorized()
  @Query(() => Agreement, {
    nullable: true,
    description:
      'The ACTIVE agreement binding two agencies, each directly or through an agency above it (a provincial agreement ' +
      'binds its branches and district units), among those the viewer may see; null when none. Errors: NOT_FOUND ' +
      '(unknown agency), BAD_USER_INPUT (malformed id).',
  })
  activeAgreement(
    @Arg('agencyId', () => ID) agencyId: string,
    @Arg('otherAgencyId', () => ID) otherAgencyId: string,
    @Ctx() { services }: AgreementContext,
  ): Promise<Agreement | null> {
    return services.agreements.activeBetween(agencyId, otherAgencyId);
  }

  @FieldResolver(() => [AgreementParty], { description: 'The agencies bound by the agreement and who signed for them, by agency code.' })
  parties(@Root() agreement: Agreement, @Ctx() { services }: AgreementContext): Promise<AgreementParty[]> {
    return services.agreements.parties(agreement.id);
  }

  @FieldResolver(() => [AgreementReview], { description: 'Reviews of the agreement, oldest first.' })
  reviews(@Root() agreement: Agreement, @Ctx() { services }: AgreementContext): Promise<AgreementReview[]> {
    return services.agreements.reviews(agreement.id);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The earlier agreement this one replaced; null when not visible.' })
  supersedes(@Root() agreement: Agreement, @Ctx() { services }: AgreementContext): Promise<Agreement | null> | null {
    return agreement.supersedes ? services.agreements.findVisible(agreement.supersedes.id) : null;
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The later agreement that replaced this one; null when not visible.' })
  supersededBy(@Root() agreement: Agreement, @Ctx() { services }: AgreementContext): Promise<Agreement | null> {
    return services.agreements.supersededBy(agreement.id);
  }
}

@Resolver(() => AgreementParty)
export class AgreementPartyResolver {
  @FieldResolver(() => Agency, { description: 'The agency bound by the agreement.' })
  agency(@Root() party: AgreementParty, @Ctx() context: AgreementContext): Agency | Promise<Agency> {
    return loadedOr(party.agency, batchingEm(context));
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who signed for the agency; null when the viewer may not see that contact.' })
  signatory(@Root() party: AgreementParty, @Ctx() { services }: AgreementContext): Promise<Contact | null> | null {
    return party.signatory ? services.contacts.findVisible(party.signatory.id) : null;
  }
}

@Resolver(() => AgreementReview)
export class AgreementReviewResolver {
  @FieldResolver(() => Agreement, {
    nullable: true,
    description: 'The agreement reviewed (nullable like every `agreement` field, so that they merge in a HistorySubject selection).',
  })
  agreement(@Root() review: AgreementReview, @Ctx() { services }: AgreementContext): Promise<Agreement | null> {
    return services.agreements.findVisible(review.agreement.id);
  }

  @FieldResolver(() => [Agency], { description: 'Agencies that attended the review.' })
  attendingAgencies(@Root() review: AgreementReview, @Ctx() context: AgreementContext): Agency[] | Promise<Agency[]> {
    return itemsOf(review.attendingAgencies, batchingEm(context));
  }
}
