import { useTranslation } from 'react-i18next';
import type { Alert } from '../api/operations';
import { formatDateTime } from '../lib/format';
import { TlpBadge } from './TlpBadge';

/** The badges of an alert message: msgType, severity, urgency, certainty, TLP. */
export function AlertBadges({ alert }: { alert: Pick<Alert, 'msgType' | 'severity' | 'urgency' | 'certainty' | 'tlp' | 'status'> }) {
  const { t } = useTranslation();
  return (
    <p className="badges">
      <span className={`badge msg msg-${alert.msgType.toLowerCase()}`}>{t(`alert.msgType.${alert.msgType}`)}</span>
      <span className={`badge severity severity-${alert.severity.toLowerCase()}`}>{t(`alert.severity.${alert.severity}`)}</span>
      <span className={`badge urgency urgency-${alert.urgency.toLowerCase()}`}>{t(`alert.urgency.${alert.urgency}`)}</span>
      <span className="badge certainty">{t(`alert.certainty.${alert.certainty}`)}</span>
      <TlpBadge tlp={alert.tlp} />
      {alert.status !== 'ACTUAL' && <span className="badge status">{t(`alert.status.${alert.status}`)}</span>}
    </p>
  );
}

/** Everything a branch needs to act on an alert message. */
export function AlertDetails({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const shipment = alert.shipment;
  return (
    <div className="alert-details">
      {shipment && (
        <div className="shipment">
          <span className="label">{t('alert.tracking')}</span>
          <span className="tracking" translate="no">
            {shipment.trackingNumber}
          </span>
          <dl className="shipment-facts">
            {shipment.declaredContents && <Fact term={t('alert.declaredContents')} value={shipment.declaredContents} />}
            {shipment.origin && <Fact term={t('alert.origin')} value={shipment.origin} />}
            {shipment.destination && <Fact term={t('alert.destination')} value={shipment.destination} />}
            {shipment.senderDescription && <Fact term={t('alert.sender')} value={shipment.senderDescription} />}
            {shipment.recipientDescription && <Fact term={t('alert.recipient')} value={shipment.recipientDescription} />}
          </dl>
        </div>
      )}
      <dl className="facts">
        <Fact term={t('alert.description')} value={alert.description} />
        {alert.instruction && <Fact term={t('alert.instruction')} value={alert.instruction} strong />}
        <Fact term={t('alert.suspicionReason')} value={t(`alert.reason.${alert.suspicionReason}`)} />
        <Fact term={t('alert.issuer')} value={alert.issuerAgency.name} />
        <Fact term={t('alert.sent')} value={formatDateTime(alert.sent)} />
        <Fact term={t('alert.expires')} value={alert.expires ? formatDateTime(alert.expires) : t('alert.noExpiry')} />
        <Fact term={t('alert.identifier')} value={alert.identifier} />
      </dl>
    </div>
  );
}

function Fact({ term, value, strong = false }: { term: string; value: string; strong?: boolean }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd className={strong ? 'strong' : undefined}>{value}</dd>
    </div>
  );
}
