import type { SessionContact } from '../api/session';

/** What the app gives each lazily loaded page: who is signed in, and the address (path and query). */
export interface PageProps {
  contact: SessionContact;
  path: string;
  query: URLSearchParams;
}
