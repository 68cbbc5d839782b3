import { useTranslation } from 'react-i18next';
import { formatDecimal, formatNumber } from '../../lib/format';
import { documentsOf, medianMinutes, ratePercent, type JointStatistics } from './figures';

/** The totals as tiles: the figures the review quotes, readable at a glance. */
export function Glance({ data, trainings }: { data: JointStatistics; trainings: number }) {
  const { t } = useTranslation();
  const total = data.total;
  const rate = ratePercent(total);
  const median = medianMinutes(total);
  const tiles: [string, string][] = [
    [t('statistics.tile.CMND'), formatNumber(documentsOf(total, 'CMND'))],
    [t('statistics.tile.CCCD'), formatNumber(documentsOf(total, 'CCCD'))],
    [t('statistics.tile.PASSPORT'), formatNumber(documentsOf(total, 'PASSPORT'))],
    [t('statistics.tile.activities'), formatNumber(total.activities)],
    [t('statistics.tile.trainings'), formatNumber(trainings)],
    [t('statistics.tile.attendances'), formatNumber(total.attendances)],
    [t('statistics.tile.alerts'), formatNumber(total.alerts)],
    [t('statistics.tile.ackRate'), rate == null ? t('statistics.noValue') : t('statistics.percent', { n: formatDecimal(rate) })],
    [t('statistics.tile.median'), median == null ? t('statistics.noValue') : t('statistics.minutes', { n: formatDecimal(median) })],
  ];
  return (
    <section className="glance" aria-labelledby="glance-title">
      <h2 id="glance-title">{t('statistics.glance')}</h2>
      <dl>
        {tiles.map(([name, value]) => (
          <div key={name} className="tile">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
