import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, type Viewer } from '../../platform/viewer-scope.js';
import { AgreementParty } from '../agreement/agreement-party.entity.js';
import type { Agreement } from '../agreement/agreement.entity.js';
import { ContactRole } from '../../platform/contact-role.js';

/**
 * Agreements the viewer may see: coordinators and auditors all of them; branch operators and liaisons those
 * their own agency, or an agency above it, is party to.
 */
export function visibleAgreementsWhere(em: EntityManager, viewer: Viewer): ObjectQuery<Agreement> {
  if (viewer.role === ContactRole.COORDINATOR || viewer.role === ContactRole.AUDITOR) return {};
  const parties = em.createQueryBuilder(AgreementParty, 'p').select('p.agreement_id').where({ agency: { $in: viewer.agencyLineage } });
  return { id: inSubquery(parties) };
}
