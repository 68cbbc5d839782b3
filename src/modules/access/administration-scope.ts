import type { Viewer } from '../../graphql/context.js';
import { forbidden } from '../../graphql/errors.js';
import { ContactRole } from '../contact/contact-role.js';
import { viewerAgencyPath } from './viewer-scope.js';

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
