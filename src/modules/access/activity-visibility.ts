import type { EntityManager, ObjectQuery } from '@mikro-orm/postgresql';
import { inSubquery, type Viewer, viewerAgencyPath } from '../../platform/viewer-scope.js';
import type { JointActivity } from '../activity/joint-activity.entity.js';
import { ContactRole } from '../../platform/contact-role.js';

/**
 * Joint activities the viewer may see: coordinators and auditors all of them; branch operators and liaisons
 * those in which their own agency, an agency above it or an agency under it took part (a branch sees the
 * province-wide trainings and its own deliveries, not another branch's; the provincial police sees the work of
 * its divisions).
 */
export function visibleActivitiesWhere(em: EntityManager, viewer: Viewer): ObjectQuery<JointActivity> {
  if (viewer.role === ContactRole.COORDINATOR || viewer.role === ContactRole.AUDITOR) return {};
  const knex = em.getKnex();
  const taking = knex('joint_activity_agency as jaa')
    .join('agency as ag', 'ag.id', 'jaa.agency_id')
    .select('jaa.joint_activity_id')
    .where((q) => q.whereIn('ag.id', viewer.agencyLineage).orWhere('ag.path', 'like', `${viewerAgencyPath(viewer)}%`));
  return { id: inSubquery({ getKnexQuery: () => taking }) };
}
