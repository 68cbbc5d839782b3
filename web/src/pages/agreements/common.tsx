import { useTranslation } from 'react-i18next';
import type { AgreementStatus, ScopeArea } from '../../api/operations-agreements';

/** Statuses in lifecycle order (DRAFT → ACTIVE → SUPERSEDED | TERMINATED). */
export const STATUSES: readonly AgreementStatus[] = ['DRAFT', 'ACTIVE', 'SUPERSEDED', 'TERMINATED'];

/** The areas an agreement may cover, in the order the page lists them. */
export const SCOPE_AREAS: readonly ScopeArea[] = [
  'INTERNAL_SECURITY',
  'NETWORK_SAFETY',
  'INFORMATION_SECURITY',
  'STATE_SECRETS',
  'PUBLIC_ORDER',
  'PUBLIC_ADMINISTRATION_DELIVERY',
  'TRAINING',
];

/** The status of an agreement as a badge (and "Archived" beside it when archived). */
export function StatusBadge({ status, archived = false }: { status: AgreementStatus; archived?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="agreement-badges">
      <span className={`badge agreement-status status-${status.toLowerCase()}`}>{t(`agreements.status.${status}`)}</span>
      {archived && <span className="badge agreement-archived">{t('agreements.archived')}</span>}
    </span>
  );
}

/** `text` cut to `max` characters (an ellipsis marks the cut): for long titles in a drop-down list. */
export function shortened(text: string, max = 90): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The path of the page of agreement `id`. */
export function agreementPath(id: string): string {
  return `/agreements/${encodeURIComponent(id)}`;
}
