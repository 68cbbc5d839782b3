import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionQuery } from '../lib/use-session';
import { AgencyAlertsQuery } from '../api/operations';
import type { SessionContact } from '../api/session';
import { AlertBadges } from '../components/AlertDetails';
import { PostAlertForm } from '../components/PostAlertForm';
import { formatDateTime } from '../lib/format';
import { linkClick } from '../lib/router';

/** The liaison console: the post form and the agency's alerts, each opening its live acknowledgement board. */
export function Console({ contact }: { contact: SessionContact }) {
  const { t } = useTranslation();
  const [alerts, refetch] = useSessionQuery({ query: AgencyAlertsQuery, variables: { agencyId: contact.agency.id, first: 50, after: null } });
  // One line per alert: its current version (an update replaces the line, a cancellation strikes it through).
  const list = alerts.data?.alerts.edges.map((e) => e.node).filter((a) => !a.supersededBy) ?? [];
  // Answers and other liaisons' changes show without a reload.
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 20_000);
    return () => clearInterval(timer);
  }, [refetch]);

  return (
    <div className="console">
      <h1>{t('console.title', { agency: contact.agency.name })}</h1>
      <div className="console-columns">
        <PostAlertForm onPosted={() => refetch({ requestPolicy: 'network-only' })} onUncertain={() => setTimeout(() => refetch({ requestPolicy: 'network-only' }), 3000)} />
        <section aria-labelledby="agency-alerts" className="agency-alerts">
          <h2 id="agency-alerts">{t('console.alerts', { agency: contact.agency.name })}</h2>
          {list.length === 0 && !alerts.fetching && <p>{t('console.noAlerts')}</p>}
          <ul className="alert-list">
            {list.map((alert) => {
              return (
                <li key={alert.id} className={alert.active ? '' : 'inactive'}>
                  <a href={`/alerts/${alert.id}`} onClick={linkClick(`/alerts/${alert.id}`)} className={alert.msgType === 'CANCEL' ? 'struck' : undefined}>
                    {alert.headline}
                  </a>
                  <AlertBadges alert={alert} />
                  <p className="muted">
                    {alert.identifier} · {formatDateTime(alert.sent)}
                    {alert.shipment && (
                      <>
                        {' · '}
                        <span className="mono">{alert.shipment.trackingNumber}</span>
                      </>
                    )}
                    {' · '}
                    {alert.msgType === 'CANCEL' ? t('alert.msgType.CANCEL') : alert.pendingBranches.length === 0 ? t('console.allAnswered') : t('board.pending', { count: alert.pendingBranches.length })}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      </div>
    </div>
  );
}
