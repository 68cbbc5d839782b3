import DataLoader from 'dataloader';
import { ref, type EntityManager, type ObjectQuery } from '@mikro-orm/postgresql';
import { writeUnique } from '../../db/unique.js';
import { requireViewer, type ViewerScope } from '../../graphql/context.js';
import { badUserInput, forbidden, notFound } from '../../graphql/errors.js';
import { administers } from '../access/administration-scope.js';
import { assertIds } from '../../graphql/ids.js';
import { visibleAgreementsWhere } from '../access/agreement-visibility.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementStatus } from './agreement.enums.js';
import type { AgreementPartyInput, CreateAgreementInput, UpdateAgreementInput } from './agreement.inputs.js';

/** Reads coordination agreements, their parties and reviews, as far as the viewer may see them. */
export class AgreementService {
  private readonly successorLoader = new DataLoader<string, Agreement | null>(async (ids) => {
    const successors = await this.em.find(Agreement, { $and: [{ supersedes: { $in: [...ids] } }, this.visible()] });
    return ids.map((id) => successors.find((s) => s.supersedes?.id === id) ?? null);
  });

  private readonly visibleById = new DataLoader<string, Agreement | null>(async (ids) => {
    const found = await this.em.find(Agreement, { $and: [{ id: { $in: [...ids] } }, this.visible()] });
    return ids.map((id) => found.find((a) => a.id === id) ?? null);
  });

  private readonly partiesLoader = new DataLoader<string, AgreementParty[]>(async (ids) => {
    const parties = await this.em.find(
      AgreementParty,
      { agreement: { $in: [...ids] } },
      { populate: ['agency'], orderBy: { agency: { code: 'asc' } } },
    );
    return ids.map((id) => parties.filter((p) => p.agreement.id === id));
  });

  private readonly reviewsLoader = new DataLoader<string, AgreementReview[]>(async (ids) => {
    const reviews = await this.em.find(AgreementReview, { agreement: { $in: [...ids] } }, { orderBy: { heldOn: 'asc' } });
    return ids.map((id) => reviews.filter((r) => r.agreement.id === id));
  });

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  /**
   * Visible agreements, optionally with one status, newest signature first (unsigned drafts last); archived
   * ones only on request.
   */
  list(status?: AgreementStatus | null, includeArchived = false): Promise<Agreement[]> {
    return this.em.find(
      Agreement,
      { $and: [this.visible(), status ? { status } : {}, includeArchived ? {} : { archivedAt: null }] },
      { orderBy: { signedOn: 'desc nulls last', code: 'asc' } },
    );
  }

  /** @throws NOT_FOUND when there is no agreement `id` or the viewer may not see it. */
  async get(id: string): Promise<Agreement> {
    assertIds('id', id);
    const agreement = await this.findVisible(id);
    if (!agreement) throw notFound('Agreement', id);
    return agreement;
  }

  /** The agreement when the viewer may see it, else null; batched per request. */
  findVisible(id: string): Promise<Agreement | null> {
    return this.visibleById.load(id);
  }

  /** The later agreement that replaced `agreementId`, if any and visible. */
  supersededBy(agreementId: string): Promise<Agreement | null> {
    return this.successorLoader.load(agreementId);
  }

  parties(agreementId: string): Promise<AgreementParty[]> {
    return this.partiesLoader.load(agreementId);
  }

  /** Reviews of the agreement, oldest first. */
  reviews(agreementId: string): Promise<AgreementReview[]> {
    return this.reviewsLoader.load(agreementId);
  }

  /**
   * Creates an agreement in status DRAFT (COORDINATOR).
   * @throws BAD_USER_INPUT for a code in use, dates out of order, an unknown, archived or repeated party, a
   *   signatory who is not a contact of their party's agency, or an unknown agreement to supersede.
   */
  async create(input: CreateAgreementInput): Promise<Agreement> {
    assertDatesInOrder(input.signedOn, input.effectiveOn, input.expiresOn);
    const supersedes = input.supersedesId ? await this.em.findOne(Agreement, { id: input.supersedesId }) : null;
    if (input.supersedesId && !supersedes) {
      throw badUserInput(`Unknown agreement ${input.supersedesId}`, [{ field: 'supersedesId', message: 'must be an existing agreement' }]);
    }
    const agreement = this.em.create(Agreement, {
      code: input.code.trim(),
      title: input.title.trim(),
      scopeAreas: input.scopeAreas,
      signedOn: input.signedOn ?? null,
      effectiveOn: input.effectiveOn ?? null,
      expiresOn: input.expiresOn ?? null,
      supersedes: supersedes ? ref(supersedes) : null,
    });
    await this.setParties(agreement, input.parties);
    this.assertAdministersAParty(agreement);
    await writeUnique(
      () => this.em.flush(),
      'code',
      'Another agreement already has this code, or already supersedes that agreement',
    );
    return agreement;
  }

  /**
   * Changes a DRAFT agreement (COORDINATOR); agreements in force change by being superseded.
   * @throws NOT_FOUND; BAD_USER_INPUT for an agreement that is not a DRAFT or is archived, and as `create`.
   */
  async update(id: string, input: UpdateAgreementInput): Promise<Agreement> {
    const agreement = await this.get(id);
    await this.assertAdministersAPartyOf(agreement);
    if (agreement.status !== AgreementStatus.DRAFT || agreement.archivedAt) {
      throw badUserInput(`Agreement ${agreement.code} is ${agreement.archivedAt ? 'archived' : agreement.status}: only a DRAFT can change`, [
        { field: 'id', message: 'must be a DRAFT agreement' },
      ]);
    }
    const pick = <T>(given: T | undefined, current: T) => (given === undefined ? current : given);
    assertDatesInOrder(
      pick(input.signedOn, agreement.signedOn),
      pick(input.effectiveOn, agreement.effectiveOn),
      pick(input.expiresOn, agreement.expiresOn),
    );
    if (input.title !== undefined) agreement.title = input.title.trim();
    if (input.scopeAreas !== undefined) agreement.scopeAreas = input.scopeAreas;
    if (input.signedOn !== undefined) agreement.signedOn = input.signedOn;
    if (input.effectiveOn !== undefined) agreement.effectiveOn = input.effectiveOn;
    if (input.expiresOn !== undefined) agreement.expiresOn = input.expiresOn;
    if (input.parties !== undefined) {
      await agreement.parties.init();
      agreement.parties.removeAll();
      await this.setParties(agreement, input.parties);
      this.assertAdministersAParty(agreement);
    }
    await this.em.flush();
    return agreement;
  }

  /**
   * Archives an agreement (COORDINATOR): left out of lists, kept for history.
   * @throws NOT_FOUND; BAD_USER_INPUT for an ACTIVE agreement (terminate or supersede it first).
   */
  async archive(id: string): Promise<Agreement> {
    const agreement = await this.get(id);
    await this.assertAdministersAPartyOf(agreement);
    if (agreement.archivedAt) return agreement;
    if (agreement.status === AgreementStatus.ACTIVE) {
      throw badUserInput(`Agreement ${agreement.code} is in force`, [{ field: 'id', message: 'an ACTIVE agreement cannot be archived' }]);
    }
    agreement.archivedAt = new Date();
    await this.em.flush();
    return agreement;
  }

  private async assertAdministersAPartyOf(agreement: Agreement): Promise<void> {
    await agreement.parties.init({ populate: ['agency'] });
    this.assertAdministersAParty(agreement);
  }

  /** @throws FORBIDDEN unless one of the parties is an agency the coordinator administers. */
  private assertAdministersAParty(agreement: Agreement): void {
    const viewer = requireViewer(this.scope);
    if (!agreement.parties.getItems().some((party) => administers(viewer, party.agency.getEntity()))) {
      throw forbidden('None of the parties is an agency you administer');
    }
  }

  private async setParties(agreement: Agreement, parties: AgreementPartyInput[]): Promise<void> {
    const agencyIds = parties.map((p) => p.agencyId);
    if (new Set(agencyIds).size !== agencyIds.length) {
      throw badUserInput('An agency is named as a party twice', [{ field: 'parties', message: 'must name each agency once' }]);
    }
    const agencies = await this.em.find(Agency, { id: { $in: agencyIds }, archivedAt: null });
    const signatoryIds = parties.flatMap((p) => (p.signatoryId ? [p.signatoryId] : []));
    const signatories = signatoryIds.length ? await this.em.find(Contact, { id: { $in: signatoryIds }, archivedAt: null }) : [];
    parties.forEach((party, i) => {
      const agency = agencies.find((a) => a.id === party.agencyId);
      if (!agency) {
        throw badUserInput(`Unknown or archived agency ${party.agencyId}`, [
          { field: `parties.${i}.agencyId`, message: 'must be an agency that is not archived' },
        ]);
      }
      const signatory = party.signatoryId ? signatories.find((c) => c.id === party.signatoryId) : null;
      if (party.signatoryId && signatory?.agency.id !== agency.id) {
        throw badUserInput(`Contact ${party.signatoryId} does not work at ${agency.code}`, [
          { field: `parties.${i}.signatoryId`, message: "must be a contact of the party's agency" },
        ]);
      }
      agreement.parties.add(
        this.em.create(AgreementParty, {
          agreement,
          agency: ref(agency),
          signatory: signatory ? ref(signatory) : null,
          signatoryPosition: party.signatoryPosition?.trim() || null,
        }),
      );
    });
  }


  private visible(): ObjectQuery<Agreement> {
    return visibleAgreementsWhere(this.em, requireViewer(this.scope));
  }
}

/** Dates an agreement may carry: PostgreSQL's `date` starts at 4713 BC, but an agreement is of this era. */
const FIRST_DATE = '1900-01-01';
const LAST_DATE = '2199-12-31';

/**
 * @throws BAD_USER_INPUT unless each date given lies in 1900–2199 and signedOn ≤ effectiveOn ≤ expiresOn.
 */
function assertDatesInOrder(signedOn?: string | null, effectiveOn?: string | null, expiresOn?: string | null): void {
  for (const [field, date] of Object.entries({ signedOn, effectiveOn, expiresOn })) {
    if (date && (date < FIRST_DATE || date > LAST_DATE)) {
      throw badUserInput(`${field} must lie between ${FIRST_DATE} and ${LAST_DATE}`, [{ field, message: `must lie between ${FIRST_DATE} and ${LAST_DATE}` }]);
    }
  }
  if (signedOn && effectiveOn && effectiveOn < signedOn) {
    throw badUserInput('effectiveOn is before signedOn', [{ field: 'effectiveOn', message: 'must not be before signedOn' }]);
  }
  const start = effectiveOn ?? signedOn;
  if (start && expiresOn && expiresOn < start) {
    throw badUserInput('expiresOn is before the agreement takes effect', [{ field: 'expiresOn', message: 'must not be before effectiveOn' }]);
  }
}
