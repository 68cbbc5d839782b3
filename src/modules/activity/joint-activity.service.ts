import { batcherOf } from '../../platform/batching.js';
import { VisibleById } from '../../platform/visible-by-id.js';
import { ref, type EntityManager } from '@mikro-orm/postgresql';
import { requireViewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { badUserInput } from '../../platform/errors.js';
import { visibleActivitiesWhere } from '../access/activity-visibility.js';
import { assertMayBind } from '../access/administration-scope.js';
import { Agency } from '../agency/agency.entity.js';
import { AgreementParty } from '../agreement/agreement-party.entity.js';
import { Agreement } from '../agreement/agreement.entity.js';
import { AgreementStatus } from '../agreement/agreement.enums.js';
import { Contact } from '../contact/contact.entity.js';
import { assertDayInRange, assertNotFuture } from '../../platform/province-time.js';
import { JointActivity } from './joint-activity.entity.js';
import { DocumentType, JointActivityKind } from './joint-activity.enums.js';
import type { RecordJointActivityInput } from './joint-activity.inputs.js';

/** Reads and records joint activities, as far as the viewer may see them (access/activity-visibility.ts). */
export class JointActivityService {
  private readonly visibleById = new VisibleById(this.em, JointActivity, 'Joint activity', () => this.visible());

  private readonly agenciesLoader = batcherOf(this.em).loader<string, Agency[]>(async (ids) => {
    const rows: { joint_activity_id: string; agency_id: string }[] = await this.em
      .getKnex()('joint_activity_agency')
      .select('joint_activity_id', 'agency_id')
      .whereIn('joint_activity_id', [...ids]);
    const agencies = rows.length ? await this.em.find(Agency, { id: { $in: [...new Set(rows.map((r) => r.agency_id))] } }, { orderBy: { code: 'asc' } }) : [];
    return ids.map((id) => {
      const mine = new Set(rows.filter((r) => r.joint_activity_id === id).map((r) => r.agency_id));
      return agencies.filter((a) => mine.has(a.id));
    });
  });

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  /** @throws NOT_FOUND when there is no activity `id` or the viewer may not see it. */
  get(id: string): Promise<JointActivity> {
    return this.visibleById.get(id);
  }

  /** The activity when the viewer may see it, else null; batched per request. */
  findVisible(id: string): Promise<JointActivity | null> {
    return this.visibleById.find(id);
  }

  /** Agencies that took part, by code; batched per request. */
  agencies(activityId: string): Promise<Agency[]> {
    return this.agenciesLoader.load(activityId);
  }

  /**
   * Records a joint activity (COORDINATOR): one taking-part agency must be one they administer, and every one of
   * their own organisation must be (the other side's agencies may be named); the agreement,
   * if named, must have been in force on `startedOn` and bind a taking-part agency (directly or above it).
   * @throws FORBIDDEN; BAD_USER_INPUT for days out of order or in the future, unknown or archived agencies, an
   *   agreement that was not in force or binds none of them, documents on an activity that is not a
   *   DOCUMENT_DELIVERY, or a document type given twice.
   */
  async record(input: RecordJointActivityInput): Promise<JointActivity> {
    const viewer = requireViewer(this.scope);
    const endedOn = input.endedOn ?? input.startedOn;
    for (const [field, day] of [['startedOn', input.startedOn], ['endedOn', endedOn]] as const) {
      assertDayInRange(field, day);
      assertNotFuture(field, day);
    }
    if (endedOn < input.startedOn) {
      throw badUserInput('endedOn is before startedOn', [{ field: 'endedOn', message: 'must not be before startedOn' }]);
    }
    const counts = documentCounts(input);
    const agencies = await this.em.find(Agency, { id: { $in: input.agencyIds }, archivedAt: null });
    const unknown = input.agencyIds.filter((id) => !agencies.some((a) => a.id === id));
    if (unknown.length) {
      throw badUserInput(`Unknown or archived agencies: ${unknown.join(', ')}`, [{ field: 'agencyIds', message: 'must be agencies that are not archived' }]);
    }
    assertMayBind(viewer, agencies, 'the agencies taking part');
    const agreement = input.agreementId ? await this.agreementInForce(input.agreementId, input.startedOn, agencies) : null;
    const activity = this.em.create(JointActivity, {
      kind: input.kind,
      title: input.title.trim(),
      description: input.description?.trim() || null,
      startedOn: input.startedOn,
      endedOn,
      agreement: agreement ? ref(agreement) : null,
      participantCount: input.participantCount ?? null,
      ...counts,
      recordedBy: ref(Contact, viewer.contactId),
    });
    activity.agencies.set(agencies);
    await this.em.flush();
    return activity;
  }

  /** @throws BAD_USER_INPUT unless the agreement exists, was in force on `day` and binds one of `agencies`. */
  private async agreementInForce(agreementId: string, day: string, agencies: Agency[]): Promise<Agreement> {
    const agreement = await this.em.findOne(Agreement, { id: agreementId, archivedAt: null });
    const problem = (message: string) => badUserInput(`Agreement ${agreementId}: ${message}`, [{ field: 'agreementId', message }]);
    if (!agreement) throw problem('must be an existing agreement');
    const start = agreement.effectiveOn ?? agreement.signedOn;
    const inForce =
      agreement.status !== AgreementStatus.DRAFT && start !== null && start !== undefined && start <= day &&
      (!agreement.endedOn || day <= agreement.endedOn) && (!agreement.expiresOn || day <= agreement.expiresOn);
    if (!inForce) throw problem('must have been in force on startedOn');
    const parties = await this.em.find(AgreementParty, { agreement }, { populate: ['agency'] });
    const binds = agencies.some((agency) => parties.some((p) => agency.path.startsWith(p.agency.getEntity().path)));
    if (!binds) throw problem('must bind one of the agencies taking part (directly or through an agency above it)');
    return agreement;
  }

  private visible() {
    return visibleActivitiesWhere(this.em, requireViewer(this.scope));
  }
}

/** Column values for the documents delivered. @throws BAD_USER_INPUT as `record` says. */
function documentCounts(input: RecordJointActivityInput): Pick<JointActivity, 'cmndDelivered' | 'cccdDelivered' | 'passportsDelivered'> {
  const given = input.documentsDelivered ?? [];
  if (given.length && input.kind !== JointActivityKind.DOCUMENT_DELIVERY) {
    throw badUserInput('Only a DOCUMENT_DELIVERY activity delivers documents', [{ field: 'documentsDelivered', message: 'only for kind DOCUMENT_DELIVERY' }]);
  }
  const types = given.map((d) => d.documentType);
  if (new Set(types).size !== types.length) {
    throw badUserInput('A document type is given twice', [{ field: 'documentsDelivered', message: 'must give each document type once' }]);
  }
  const count = (type: DocumentType) => given.find((d) => d.documentType === type)?.count ?? 0;
  return { cmndDelivered: count(DocumentType.CMND), cccdDelivered: count(DocumentType.CCCD), passportsDelivered: count(DocumentType.PASSPORT) };
}
