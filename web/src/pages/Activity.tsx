import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { JointActivityQuery } from '../api/operations';
import { messageOf } from '../lib/errors';
import { formatDateTime, formatDay, formatNumber } from '../lib/format';
import { linkClick } from '../lib/router';

/**
 * One joint activity (`/activities/<id>`, linked from the joint history): its kind, days, the agencies taking
 * part, the agreement it was done under, attendances and documents delivered. NOT_FOUND (not visible) is shown
 * in words like any refusal.
 */
export function Activity({ id }: { id: string }) {
  const { t } = useTranslation();
  const [answer] = useQuery({ query: JointActivityQuery, variables: { activityId: id } });
  const activity = answer.data?.jointActivity;
  const agreement = activity?.agreement;
  return (
    <section className="activity narrow" aria-labelledby="activity-title">
      <p>
        <a href="/history" onClick={linkClick('/history')}>
          {t('history.record.back')}
        </a>
      </p>
      {answer.error && (
        <p className="error" role="alert">
          {messageOf(t, answer.error)}
        </p>
      )}
      {activity && (
        <>
          <h1 id="activity-title">{activity.title}</h1>
          <dl className="record-facts">
            <dt>{t('history.record.kind')}</dt>
            <dd>{t(`history.activity.${activity.kind}`)}</dd>
            <dt>{t('history.record.days')}</dt>
            <dd>{activity.endedOn === activity.startedOn ? formatDay(activity.startedOn) : `${formatDay(activity.startedOn)} – ${formatDay(activity.endedOn)}`}</dd>
            <dt>{t('history.record.agencies')}</dt>
            <dd>{activity.agencies.map((a) => `${a.name} (${a.code})`).join('; ')}</dd>
            <dt>{t('history.record.agreement')}</dt>
            <dd>
              {agreement ? (
                <a href={`/agreements/${agreement.id}`} onClick={linkClick(`/agreements/${agreement.id}`)}>
                  {agreement.code}: {agreement.title}
                </a>
              ) : (
                t('history.record.none')
              )}
            </dd>
            <dt>{t('history.record.attendances')}</dt>
            <dd>{activity.participantCount == null ? t('history.record.notCounted') : formatNumber(activity.participantCount)}</dd>
            {activity.documentsDelivered.length > 0 && (
              <>
                <dt>{t('history.record.documents')}</dt>
                <dd>{activity.documentsDelivered.map((d) => t(`history.documents.${d.documentType}`, { n: formatNumber(d.count) })).join(' · ')}</dd>
              </>
            )}
            <dt>{t('history.record.recorded')}</dt>
            <dd>{formatDateTime(activity.recordedAt)}</dd>
          </dl>
          {activity.description && (
            <>
              <h2>{t('history.record.description')}</h2>
              <p className="description">{activity.description}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
