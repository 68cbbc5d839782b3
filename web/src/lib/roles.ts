import type { SessionContact } from '../api/session';

/** The app's pages that not every role may use, by path. */
export type RestrictedPage = '/organisation' | '/audit';

type Role = NonNullable<SessionContact['role']>;

/**
 * Who may open each restricted page, as the API decides it: the audit log is for auditors and coordinators
 * (`auditLog`), the organisation and its accounts for coordinators, who change them, and auditors, who read them.
 * Every other page (alerts, history, statistics, agreements, the review report) is open to every role, each
 * seeing what the API lets it see; only coordinators get the agreements' actions.
 */
const ALLOWED: Record<RestrictedPage, readonly Role[]> = {
  '/organisation': ['COORDINATOR', 'AUDITOR'],
  '/audit': ['COORDINATOR', 'AUDITOR'],
};

/** Whether `contact` may use the page at `path` (pages not listed in ALLOWED: everyone signed in). */
export function mayUse(contact: SessionContact, path: string): boolean {
  const allowed = ALLOWED[path as RestrictedPage];
  return !allowed || (contact.role !== null && allowed.includes(contact.role));
}

/** Whether `contact` may change agreements, agencies and contacts (the API's COORDINATOR-only mutations). */
export function isCoordinator(contact: SessionContact): boolean {
  return contact.role === 'COORDINATOR';
}
