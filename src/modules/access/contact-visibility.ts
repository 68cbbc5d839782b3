import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, type Viewer, type ViewerScope } from '../../platform/viewer-scope.js';
import { AlertRecipient } from '../alert/alert-recipient.entity.js';
import { SecurityAlert } from '../alert/security-alert.entity.js';
import { ContactRole } from '../../platform/contact-role.js';
import type { Contact } from '../contact/contact.entity.js';
import { visibleAlertsWhere } from './alert-visibility.js';

/**
 * Contacts the viewer may see. A branch operator: the contacts of their own branch and the liaisons who
 * posted alerts they can see. Every other role: the whole directory.
 */
export function visibleContactsWhere(em: EntityManager, viewer: Viewer): ObjectQuery<Contact> {
  if (viewer.role !== ContactRole.BRANCH_OPERATOR) return {};
  const issuers = em.createQueryBuilder(SecurityAlert, 'sa').select('sa.issuer_id').where(visibleAlertsWhere(em, viewer));
  return { $or: [{ agency: viewer.agencyId }, { id: inSubquery(issuers) }] };
}

/**
 * Whether the viewer may read a contact's phone number and e-mail address; when not, both resolve to null.
 * Anyone may read their own. Coordinators and auditors: everyone's. A branch operator: those of the contacts
 * they may see. A liaison: their own agency's, and those of the branches their agency's alerts reached.
 * Each rule costs at most one query per request, whatever the number of contacts.
 */
export class ContactDetailsPolicy {
  private reachable?: Promise<Set<string>>;

  constructor(
    private readonly em: EntityManager,
    private readonly scope: ViewerScope,
  ) {}

  async mayReveal(contact: Contact): Promise<boolean> {
    const viewer = this.scope.viewer;
    if (!viewer) return false;
    if (contact.id === viewer.contactId || contact.agency.id === viewer.agencyId) return true;
    switch (viewer.role) {
      case ContactRole.COORDINATOR:
      case ContactRole.AUDITOR:
        return true;
      case ContactRole.BRANCH_OPERATOR:
        return (await this.reachableIds(() => this.issuerIds(viewer))).has(contact.id);
      case ContactRole.POLICE_LIAISON:
        return (await this.reachableIds(() => this.branchesReachedByAgency(viewer))).has(contact.agency.id);
    }
  }

  private reachableIds(load: () => Promise<string[]>): Promise<Set<string>> {
    this.reachable ??= load().then((ids) => new Set(ids));
    return this.reachable;
  }

  private async issuerIds(viewer: Viewer): Promise<string[]> {
    const rows = await this.em.find(SecurityAlert, visibleAlertsWhere(this.em, viewer), { fields: ['issuer'] });
    return rows.map((alert) => alert.issuer.id);
  }

  private async branchesReachedByAgency(viewer: Viewer): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder(AlertRecipient, 'r')
      .select('r.branch_id')
      .distinct()
      .join('r.alert', 'a')
      .where({ alert: { issuerAgency: viewer.agencyId } })
      .execute<{ branch_id: string }[]>('all', false);
    return rows.map((row) => row.branch_id);
  }
}
