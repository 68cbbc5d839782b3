import { type Viewer, viewerAgencyPath } from '../../platform/viewer-scope.js';
import { forbidden } from '../../platform/errors.js';
import { ContactRole } from '../../platform/contact-role.js';

/**
 * What a coordinator administers: their own agency and everything under it (each side runs its own part of
 * the organisation). They can therefore never place an account or an agency outside it, nor move it to gain
 * sight of another part, and the audit trail records what they do inside it.
 */
export function administers(viewer: Viewer, agency: { path: string }): boolean {
  return agency.path.startsWith(viewerAgencyPath(viewer));
}

/** @throws FORBIDDEN when `agency` is outside what the viewer administers. */
export function assertAdministers(viewer: Viewer, agency: { path: string; code: string }): void {
  if (!administers(viewer, agency)) {
    throw forbidden(`${agency.code} is outside the agencies you administer (your agency and those under it)`);
  }
}

/**
 * @throws FORBIDDEN for the AUDITOR role: auditors inspect coordinators too, so no coordinator grants, removes
 *   or manages it; auditor accounts are appointed by the platform's operator (see README).
 */
export function assertNotAuditorRole(...roles: (ContactRole | null | undefined)[]): void {
  if (roles.includes(ContactRole.AUDITOR)) {
    throw forbidden('Auditor accounts are appointed by the platform operator, not by coordinators');
  }
}

/**
 * What a coordinator may bind in an agreement or name in a joint activity: the other side's agencies, but of
 * their own organisation (the tree of their top agency) only what they administer, so a district coordinator
 * never binds the provincial office above them.
 * @throws FORBIDDEN, naming `what` ("the parties"), unless `viewer` administers one of `agencies` and every one of
 *   `agencies` in their own organisation.
 */
export function assertMayBind(viewer: Viewer, agencies: { path: string; code: string }[], what: string): void {
  if (!agencies.some((agency) => administers(viewer, agency))) {
    throw forbidden(`None of ${what} is an agency you administer`);
  }
  const organisation = `/${viewer.agencyLineage[0]}/`;
  const beyond = agencies.filter((agency) => agency.path.startsWith(organisation) && !administers(viewer, agency));
  if (beyond.length) {
    throw forbidden(
      `${beyond.map((a) => a.code).join(', ')} belong to your organisation but not to the agencies you administer: only their coordinators may bind them`,
    );
  }
}
