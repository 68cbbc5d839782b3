import { batcherOf } from '../../platform/batching.js';
import { VisibleById } from '../../platform/visible-by-id.js';
import { LockMode, ref, type EntityManager, type ObjectQuery } from '@mikro-orm/postgresql';
import { inTransaction } from '../../platform/transaction.js';
import { assertDayInRange, assertNotFuture, provinceDate } from '../../platform/province-time.js';
import { writeUnique } from '../../platform/unique.js';
import { inSubquery, requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput, forbidden, notFound } from '../../platform/errors.js';
import { administers, assertMayBind } from '../access/administration-scope.js';
import { assertIds } from '../../platform/ids.js';
import { visibleAgreementsWhere } from '../access/agreement-visibility.js';
import { Agency } from '../agency/agency.entity.js';
import { Contact } from '../contact/contact.entity.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementReview } from './agreement-review.entity.js';
import { Agreement } from './agreement.entity.js';
import { AgreementStatus } from './agreement.enums.js';
import type {
  AgreementPartyInput, AgreementReviewInput, CreateAgreementInput, SignAgreementInput, TerminateAgreementInput, UpdateAgreementInput,
} from './agreement.inputs.js';

/** Reads coordination agreements, their parties and reviews, as far as the viewer may see them. */
export class AgreementService {
  private readonly successorLoader = batcherOf(this.em).loader<string, Agreement | null>(async (ids) => {
    // A draft prepared to replace an agreement has not replaced it yet.
    const successors = await this.em.find(Agreement, { $and: [{ supersedes: { $in: [...ids] } }, { status: { $ne: AgreementStatus.DRAFT } }, this.visible()] });
    return ids.map((id) => successors.find((s) => s.supersedes?.id === id) ?? null);
  });

  private readonly visibleById = new VisibleById(this.em, Agreement, 'Agreement', () => this.visible());

  private readonly partiesLoader = batcherOf(this.em).loader<string, AgreementParty[]>(async (ids) => {
    const parties = await this.em.find(
      AgreementParty,
      { agreement: { $in: [...ids] } },
      { populate: ['agency'], orderBy: { agency: { code: 'asc' } } },
    );
    return ids.map((id) => parties.filter((p) => p.agreement.id === id));
  });

  private readonly reviewsLoader = batcherOf(this.em).loader<string, AgreementReview[]>(async (ids) => {
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
  get(id: string): Promise<Agreement> {
    return this.visibleById.get(id);
  }

  /** The agreement when the viewer may see it, else null; batched per request. */
  findVisible(id: string): Promise<Agreement | null> {
    return this.visibleById.find(id);
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
    if (input.supersedesId && !(await this.findVisible(input.supersedesId))) throw noAgreementToReplace(input.supersedesId);
    const write = () =>
      inTransaction(this.em, async (tx) => {
        // The agreement to replace is locked, so that a supersedeAgreement running meanwhile is waited for.
        const [supersedes] = input.supersedesId ? await this.lockForChange(tx, [input.supersedesId]) : [];
        if (supersedes) {
          if (supersedes.archivedAt || supersedes.status !== AgreementStatus.ACTIVE) throw noAgreementToReplace(supersedes.id);
          const claimant = await tx.findOne(Agreement, { supersedes: supersedes.id });
          if (claimant) throw alreadyPlanned(claimant, supersedes, 'supersedesId');
        }
        const agreement = tx.create(Agreement, {
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
        await tx.flush();
        return agreement;
      });
    return writeUnique(write, 'code', 'Another agreement already has this code');
  }

  /**
   * Changes a DRAFT agreement (COORDINATOR); agreements in force change by being superseded. A change of terms
   * (title, scope, dates, which agencies are parties) clears the signatories of the parties the coordinator does
   * not administer: the other side names theirs again once they have seen the new terms.
   * @throws NOT_FOUND; BAD_USER_INPUT for an agreement that is not a DRAFT or is archived, and as `create`.
   */
  async update(id: string, input: UpdateAgreementInput): Promise<Agreement> {
    await this.get(id);
    return inTransaction(this.em, async (tx) => {
      const [agreement] = await this.lockForChange(tx, [id]);
      assertStatus(agreement, [AgreementStatus.DRAFT], 'changed');
      const pick = <T>(given: T | undefined, current: T) => (given === undefined ? current : given);
      assertDatesInOrder(
        pick(input.signedOn, agreement.signedOn),
        pick(input.effectiveOn, agreement.effectiveOn),
        pick(input.expiresOn, agreement.expiresOn),
      );
      const terms = JSON.stringify(termsOf(agreement));
      if (input.title !== undefined) agreement.title = input.title.trim();
      if (input.scopeAreas !== undefined) agreement.scopeAreas = input.scopeAreas;
      if (input.signedOn !== undefined) agreement.signedOn = input.signedOn;
      if (input.effectiveOn !== undefined) agreement.effectiveOn = input.effectiveOn;
      if (input.expiresOn !== undefined) agreement.expiresOn = input.expiresOn;
      if (input.parties !== undefined) {
        await this.setParties(agreement, input.parties);
        this.assertAdministersAParty(agreement);
      }
      // New terms undo the other side's signatory: they name it again once they have seen them.
      if (JSON.stringify(termsOf(agreement)) !== terms) {
        const viewer = requireViewer(this.scope);
        for (const party of agreement.parties.getItems()) {
          if (!administers(viewer, party.agency.getEntity())) {
            party.signatory = null;
            party.signatoryPosition = null;
          }
        }
      }
      return agreement;
    });
  }

  /**
   * Archives an agreement (COORDINATOR): left out of lists, kept for history.
   * @throws NOT_FOUND; BAD_USER_INPUT for an ACTIVE agreement (terminate or supersede it first).
   */
  async archive(id: string): Promise<Agreement> {
    await this.get(id);
    return inTransaction(this.em, async (tx) => {
      const [agreement] = await this.lockForChange(tx, [id]);
      if (agreement.archivedAt) return agreement;
      if (agreement.status === AgreementStatus.ACTIVE) {
        throw badUserInput(`Agreement ${agreement.code} is in force`, [{ field: 'id', message: 'an ACTIVE agreement cannot be archived' }]);
      }
      agreement.archivedAt = new Date();
      // An archived draft is no longer prepared to replace anything.
      if (agreement.status === AgreementStatus.DRAFT) agreement.supersedes = null;
      return agreement;
    });
  }

  /**
   * DRAFT → ACTIVE (COORDINATOR administering a party): every party must name its signatory, the signature day
   * must be known and not in the future; a day the draft already names cannot be changed by signing.
   * @throws NOT_FOUND; FORBIDDEN; BAD_USER_INPUT for an agreement that is not a DRAFT, is archived, lacks a
   *   signatory or a signature day, has dates out of order, or for a day other than the draft's.
   */
  async sign(id: string, input: SignAgreementInput): Promise<Agreement> {
    await this.get(id);
    return inTransaction(this.em, async (tx) => {
      const [agreement] = await this.lockForChange(tx, [id]);
      assertStatus(agreement, [AgreementStatus.DRAFT], 'signed');
      if (agreement.supersedes) {
        throw badUserInput(`${agreement.code} replaces another agreement: put it in force with supersedeAgreement`, [
          { field: 'id', message: 'replaces another agreement: use supersedeAgreement' },
        ]);
      }
      this.putInForce(agreement, input.signedOn, input.effectiveOn);
      return agreement;
    });
  }

  /**
   * `newId` replaces `oldId` (COORDINATOR administering a party of both): the old ACTIVE agreement becomes
   * SUPERSEDED on the day the new one takes effect; a DRAFT successor is signed in the same step (it must carry
   * its signature day and signatories). The successor binds at least every party of the old one.
   * @throws NOT_FOUND; FORBIDDEN; BAD_USER_INPUT for the same agreement twice, an old one that is not ACTIVE, a
   *   successor that is not a DRAFT or ACTIVE, already replaces another, misses a party, or takes effect before
   *   the old one did.
   */
  async supersede(oldId: string, newId: string): Promise<{ previous: Agreement; successor: Agreement }> {
    assertIds('oldId', oldId);
    assertIds('newId', newId);
    if (oldId === newId) {
      throw badUserInput('An agreement cannot supersede itself', [{ field: 'newId', message: 'must differ from oldId' }]);
    }
    await this.get(oldId);
    await this.get(newId);
    return inTransaction(this.em, async (tx) => {
      const locked = await this.lockForChange(tx, [oldId, newId]);
      const previous = locked.find((a) => a.id === oldId)!;
      const successor = locked.find((a) => a.id === newId)!;
      assertStatus(previous, [AgreementStatus.ACTIVE], 'superseded', 'oldId');
      assertStatus(successor, [AgreementStatus.DRAFT, AgreementStatus.ACTIVE], 'put in its place', 'newId');
      if (successor.supersedes && successor.supersedes.id !== previous.id) {
        throw badUserInput(`${successor.code} already replaces another agreement`, [{ field: 'newId', message: 'already supersedes another agreement' }]);
      }
      const claimant = await tx.findOne(Agreement, { supersedes: previous.id, id: { $ne: successor.id } });
      if (claimant) throw alreadyPlanned(claimant, previous, 'newId');
      const kept = new Set(successor.parties.getItems().map((p) => p.agency.id));
      const missing = previous.parties.getItems().filter((p) => !kept.has(p.agency.id));
      if (missing.length) {
        throw badUserInput(`${successor.code} does not bind ${missing.map((p) => p.agency.getEntity().code).join(', ')}`, [
          { field: 'newId', message: 'must bind every party of the agreement it replaces' },
        ]);
      }
      if (successor.status === AgreementStatus.DRAFT) this.putInForce(successor, null, null, 'newId');
      const takesEffect = successor.effectiveOn ?? successor.signedOn!;
      if (successor.expiresOn && successor.expiresOn < provinceDate()) {
        throw badUserInput(`${successor.code} expired on ${successor.expiresOn}: it cannot replace an agreement in force`, [
          { field: 'newId', message: 'must not have expired' },
        ]);
      }
      if (takesEffect > provinceDate()) {
        throw badUserInput(`${successor.code} takes effect on ${takesEffect}: supersede on or after that day, so that ${previous.code} stays in force until then`, [
          { field: 'newId', message: 'must already be in effect' },
        ]);
      }
      const previousStart = previous.effectiveOn ?? previous.signedOn;
      if (previousStart && takesEffect < previousStart) {
        throw badUserInput(`${successor.code} takes effect before ${previous.code} did`, [
          { field: 'newId', message: 'must take effect after the agreement it replaces' },
        ]);
      }
      previous.status = AgreementStatus.SUPERSEDED;
      previous.endedOn = takesEffect;
      successor.supersedes = ref(previous);
      return { previous, successor };
    });
  }

  /**
   * ACTIVE → TERMINATED (COORDINATOR administering a party), with the last day in force and the reason.
   * @throws NOT_FOUND; FORBIDDEN; BAD_USER_INPUT for an agreement that is not ACTIVE or a day before it took
   *   effect or in the future.
   */
  async terminate(id: string, input: TerminateAgreementInput): Promise<Agreement> {
    await this.get(id);
    return inTransaction(this.em, async (tx) => {
      const [agreement] = await this.lockForChange(tx, [id]);
      assertStatus(agreement, [AgreementStatus.ACTIVE], 'terminated');
      assertDayInRange('endedOn', input.endedOn);
      // Not before its signature (an agreement may be ended before the day it was to take effect).
      if (agreement.signedOn && input.endedOn < agreement.signedOn) {
        throw badUserInput('endedOn is before the agreement was signed', [{ field: 'endedOn', message: `must not be before ${agreement.signedOn}` }]);
      }
      assertNotFuture('endedOn', input.endedOn);
      agreement.status = AgreementStatus.TERMINATED;
      agreement.endedOn = input.endedOn;
      agreement.terminationReason = input.reason.trim();
      return agreement;
    });
  }

  /**
   * Records a review of a signed agreement (COORDINATOR administering a party).
   * @throws NOT_FOUND; FORBIDDEN; BAD_USER_INPUT for a DRAFT or archived agreement, a day before its signature
   *   or in the future, unknown or archived attendees.
   */
  async recordReview(agreementId: string, input: AgreementReviewInput): Promise<AgreementReview> {
    const agreement = await this.get(agreementId);
    await this.assertAdministersAPartyOf(agreement);
    if (agreement.status === AgreementStatus.DRAFT || agreement.archivedAt) {
      throw badUserInput(`Agreement ${agreement.code} is ${agreement.archivedAt ? 'archived' : 'a DRAFT'}: only a signed agreement is reviewed`, [
        { field: 'agreementId', message: 'must be a signed agreement' },
      ]);
    }
    assertDayInRange('heldOn', input.heldOn);
    if (agreement.signedOn && input.heldOn < agreement.signedOn) {
      throw badUserInput('heldOn is before the agreement was signed', [{ field: 'heldOn', message: `must not be before ${agreement.signedOn}` }]);
    }
    assertNotFuture('heldOn', input.heldOn);
    const attendees = await this.em.find(Agency, { id: { $in: input.attendingAgencyIds }, archivedAt: null });
    const unknown = input.attendingAgencyIds.filter((id) => !attendees.some((a) => a.id === id));
    if (unknown.length) {
      throw badUserInput(`Unknown or archived agencies: ${unknown.join(', ')}`, [
        { field: 'attendingAgencyIds', message: 'must be agencies that are not archived' },
      ]);
    }
    const review = this.em.create(AgreementReview, {
      agreement,
      title: input.title.trim(),
      heldOn: input.heldOn,
      venue: input.venue?.trim() || null,
      findings: input.findings.trim(),
    });
    review.attendingAgencies.set(attendees);
    await this.em.flush();
    return review;
  }

  /**
   * The ACTIVE agreement binding both agencies, each directly or through an agency above it (the provincial
   * agreement binds every branch and district unit), as far as the viewer may see; the most recently effective
   * when several are. Null when there is none.
   * @throws BAD_USER_INPUT for malformed ids; NOT_FOUND for an unknown agency.
   */
  async activeBetween(agencyId: string, otherAgencyId: string): Promise<Agreement | null> {
    assertIds('agencyId', agencyId);
    assertIds('otherAgencyId', otherAgencyId);
    const agencies = await this.em.find(Agency, { id: { $in: [agencyId, otherAgencyId] } });
    const lineage = (id: string) => {
      const agency = agencies.find((a) => a.id === id);
      if (!agency) throw notFound('Agency', id);
      return agency.path.split('/').filter(Boolean);
    };
    const [mine, theirs] = [lineage(agencyId), lineage(otherAgencyId)];
    const bound = (ids: string[]) => ({
      id: inSubquery(this.em.createQueryBuilder(AgreementParty, 'p').select('p.agreement_id').where({ agency: { $in: ids } })),
    });
    const candidates = await this.em.find(
      Agreement,
      { $and: [this.visible(), inEffectWhere(provinceDate()), bound(mine), bound(theirs)] },
      { orderBy: { effectiveOn: 'desc nulls last', signedOn: 'desc nulls last', code: 'asc' }, populate: ['parties'] },
    );
    // Two different parties must carry the two sides (one party above both does not bind them to each other).
    return candidates.find((agreement) => {
      const parties = agreement.parties.getItems().map((p) => p.agency.id);
      return parties.some((a) => mine.includes(a) && parties.some((b) => b !== a && theirs.includes(b)));
    }) ?? null;
  }

  /**
   * Locks the agreements (in id order, so two transitions never wait on each other crosswise), re-reads them
   * as locked with their parties, and checks the coordinator administers a party of each.
   */
  private async lockForChange(tx: EntityManager, ids: string[]): Promise<Agreement[]> {
    const locked: Agreement[] = [];
    for (const id of [...ids].sort()) {
      const agreement = await tx.findOneOrFail(Agreement, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      await agreement.parties.init({ populate: ['agency'], refresh: true });
      this.assertAdministersAParty(agreement);
      locked.push(agreement);
    }
    return ids.map((id) => locked.find((a) => a.id === id)!);
  }

  /** Sets signature and effect days and the ACTIVE status, checking what signing requires. */
  private putInForce(agreement: Agreement, signedOn?: string | null, effectiveOn?: string | null, field = 'id'): void {
    // The parties agreed on the draft as it is: a day it already names is not changed by signing (updateAgreement
    // changes it, and then the other side names its signatory again).
    for (const [name, given, agreed] of [['signedOn', signedOn, agreement.signedOn], ['effectiveOn', effectiveOn, agreement.effectiveOn]] as const) {
      if (given && agreed && given !== agreed) {
        throw badUserInput(`${name} differs from the draft's ${agreed}: change the draft first`, [
          { field: `input.${name}`, message: `must be the draft's ${agreed} (change the draft first)` },
        ]);
      }
    }
    const signed = signedOn ?? agreement.signedOn;
    if (!signed) {
      throw badUserInput(`${agreement.code} has no signature day`, [{ field: field === 'id' ? 'input.signedOn' : field, message: 'the signature day is required' }]);
    }
    const effective = effectiveOn ?? agreement.effectiveOn ?? signed;
    assertDatesInOrder(signed, effective, agreement.expiresOn);
    assertNotFuture(field === 'id' ? 'signedOn' : field, signed);
    const unsigned = agreement.parties.getItems().filter((p) => !p.signatory);
    if (unsigned.length) {
      throw badUserInput(`No signatory for ${unsigned.map((p) => p.agency.getEntity().code).join(', ')}`, [
        { field, message: 'every party must name who signs for it' },
      ]);
    }
    agreement.signedOn = signed;
    agreement.effectiveOn = effective;
    agreement.status = AgreementStatus.ACTIVE;
  }

  private async assertAdministersAPartyOf(agreement: Agreement): Promise<void> {
    await agreement.parties.init({ populate: ['agency'] });
    this.assertAdministersAParty(agreement);
  }

  /** @throws FORBIDDEN unless the coordinator may bind the agreement's parties (assertMayBind). */
  private assertAdministersAParty(agreement: Agreement): void {
    const parties = agreement.parties.getItems().map((party) => party.agency.getEntity());
    assertMayBind(requireViewer(this.scope), parties, 'the parties');
  }

  /**
   * Makes the parties those of `parties`, keeping the rows of agencies that stay (so a draft can be amended
   * without clashing with itself). Who signs for a party is named only by a coordinator who administers that
   * party: each side names its own signatory, so an agreement goes in force only once both sides have.
   * `signatoryId` left out keeps the current signatory; null clears it.
   * @throws BAD_USER_INPUT for a repeated, unknown or archived agency or a signatory not of the party's agency;
   *   FORBIDDEN for naming or clearing the signatory of a party the coordinator does not administer.
   */
  private async setParties(agreement: Agreement, parties: AgreementPartyInput[]): Promise<void> {
    const viewer = requireViewer(this.scope);
    const agencyIds = parties.map((p) => p.agencyId);
    if (new Set(agencyIds).size !== agencyIds.length) {
      throw badUserInput('An agency is named as a party twice', [{ field: 'parties', message: 'must name each agency once' }]);
    }
    const agencies = await this.em.find(Agency, { id: { $in: agencyIds }, archivedAt: null });
    const signatoryIds = parties.flatMap((p) => (p.signatoryId ? [p.signatoryId] : []));
    const signatories = signatoryIds.length ? await this.em.find(Contact, { id: { $in: signatoryIds }, archivedAt: null }) : [];
    const current = agreement.parties.isInitialized() ? agreement.parties.getItems() : [];
    for (const [i, party] of parties.entries()) {
      const agency = agencies.find((a) => a.id === party.agencyId);
      if (!agency) {
        throw badUserInput(`Unknown or archived agency ${party.agencyId}`, [
          { field: `parties.${i}.agencyId`, message: 'must be an agency that is not archived' },
        ]);
      }
      const kept = current.find((p) => p.agency.id === agency.id);
      const signatory = party.signatoryId ? signatories.find((c) => c.id === party.signatoryId) : null;
      if (party.signatoryId && signatory?.agency.id !== agency.id) {
        throw badUserInput(`Contact ${party.signatoryId} does not work at ${agency.code}`, [
          { field: `parties.${i}.signatoryId`, message: "must be a contact of the party's agency" },
        ]);
      }
      const signatoryChanges = party.signatoryId !== undefined && (party.signatoryId ?? null) !== (kept?.signatory?.id ?? null);
      const positionChanges =
        party.signatoryPosition !== undefined && (party.signatoryPosition?.trim() || null) !== (kept?.signatoryPosition ?? null);
      if ((signatoryChanges || positionChanges) && !administers(viewer, agency)) {
        throw forbidden(`Only a coordinator of ${agency.code} (or above it) may name who signs for it`);
      }
      const row = kept ?? this.em.create(AgreementParty, { agreement, agency: ref(agency) });
      if (party.signatoryId !== undefined) row.signatory = signatory ? ref(signatory) : null;
      if (party.signatoryPosition !== undefined) row.signatoryPosition = party.signatoryPosition?.trim() || null;
      if (!kept) agreement.parties.add(row);
    }
    for (const row of current) if (!agencyIds.includes(row.agency.id)) agreement.parties.remove(row);
  }

  private visible(): ObjectQuery<Agreement> {
    return visibleAgreementsWhere(this.em, requireViewer(this.scope));
  }
}

/**
 * @throws BAD_USER_INPUT unless each date given lies in 1900–2199 and signedOn ≤ effectiveOn ≤ expiresOn.
 */
function assertDatesInOrder(signedOn?: string | null, effectiveOn?: string | null, expiresOn?: string | null): void {
  for (const [field, date] of Object.entries({ signedOn, effectiveOn, expiresOn })) {
    if (date) assertDayInRange(field, date);
  }
  if (signedOn && effectiveOn && effectiveOn < signedOn) {
    throw badUserInput('effectiveOn is before signedOn', [{ field: 'effectiveOn', message: 'must not be before signedOn' }]);
  }
  const start = effectiveOn ?? signedOn;
  if (start && expiresOn && expiresOn < start) {
    throw badUserInput('expiresOn is before the agreement takes effect', [{ field: 'expiresOn', message: 'must not be before effectiveOn' }]);
  }
}

/** @throws BAD_USER_INPUT naming `field` when the agreement is archived or not in one of `allowed`. */
function assertStatus(agreement: Agreement, allowed: AgreementStatus[], doing: string, field = 'id'): void {
  if (agreement.archivedAt || !allowed.includes(agreement.status)) {
    const state = agreement.archivedAt ? 'archived' : agreement.status;
    throw badUserInput(`Agreement ${agreement.code} is ${state}: only ${allowed.join(' or ')} can be ${doing}`, [
      { field, message: `must be ${allowed.join(' or ')}` },
    ]);
  }
}

/**
 * ACTIVE agreements in effect on `day` (YYYY-MM-DD): taken effect (or signed, when no effective day is set),
 * not expired, not archived. An agreement signed to take effect later is not yet the one in force.
 */
export function inEffectWhere(day: string): ObjectQuery<Agreement> {
  return {
    status: AgreementStatus.ACTIVE,
    archivedAt: null,
    $and: [
      { $or: [{ effectiveOn: { $lte: day } }, { effectiveOn: null, signedOn: { $lte: day } }] },
      { $or: [{ expiresOn: null }, { expiresOn: { $gte: day } }] },
    ],
  };
}

function noAgreementToReplace(id: string) {
  return badUserInput(`No agreement in force ${id} to replace`, [{ field: 'supersedesId', message: 'must be an ACTIVE agreement' }]);
}

/** BAD_USER_INPUT: the draft `claimant` is already prepared to replace `agreement`. */
function alreadyPlanned(claimant: Agreement, agreement: Agreement, field: string) {
  return badUserInput(`Draft ${claimant.code} is already prepared to replace ${agreement.code}: archive it first`, [
    { field, message: `${claimant.code} is already prepared to replace it` },
  ]);
}

/** What the parties agree to: everything of a draft but who signs it. */
function termsOf(agreement: Agreement) {
  return {
    title: agreement.title,
    scopeAreas: [...agreement.scopeAreas].sort(),
    dates: [agreement.signedOn, agreement.effectiveOn, agreement.expiresOn],
    parties: agreement.parties.getItems().map((p) => p.agency.id).sort(),
  };
}
