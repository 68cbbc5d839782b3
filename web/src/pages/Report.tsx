import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { HistoryChoicesQuery } from '../api/operations';
import { JointStatisticsQuery, ReportAgreementQuery } from '../api/operations-statistics';
import type { ChartOption } from '../components/Chart';
import { formatDateTime, formatDay, formatDecimal, formatNumber } from '../lib/format';
import { navigate } from '../lib/router';
import type { PageProps } from './page-props';
import { dayOf, DOCUMENT_TYPES, documentsOf, limitedView, medianMinutes, ratePercent, statisticsFilter, trainingsOf, type JointStatistics } from './statistics/figures';
import { Glance } from './statistics/Glance';
import { filterProblemOf } from './statistics/problems';
import { ActivitiesPair, categoryChart, cell, FiguresTable, Pair, rowsOf } from './statistics/Sections';
import './statistics.css';
import './report.css';

/**
 * The printable review report (every role, over what it may see): for a period and an agreement, the figures
 * at a glance, documents delivered and joint activities per year as charts with their tables, alerts and their
 * acknowledgement per year, and the agreement's reviews. The settings are in the address (`from`, `to`,
 * `agreementId`), so a report can be linked to; printing hides everything but the report (report.css).
 */
export default function Report({ contact, query }: PageProps) {
  const { t } = useTranslation();
  // Days from the address as typed by hand may be anything: only well-formed ones are used.
  const from = dayOf(query.get('from'));
  const to = dayOf(query.get('to'));
  const agreementId = query.get('agreementId') ?? '';
  const [draft, setDraft] = useState({ from, to, agreementId });
  const filter = useMemo(() => statisticsFilter({ from, to, agreementId }), [from, to, agreementId]);
  const [choices] = useQuery({ query: HistoryChoicesQuery });
  const [byYear] = useQuery({ query: JointStatisticsQuery, variables: { filter, groupBy: 'YEAR' } });
  const [byKind] = useQuery({ query: JointStatisticsQuery, variables: { filter, groupBy: 'KIND' } });
  const [agreement] = useQuery({ query: ReportAgreementQuery, variables: { agreementId }, pause: !agreementId });

  function apply(event: FormEvent): void {
    event.preventDefault();
    const params = new URLSearchParams(Object.entries(draft).filter(([, v]) => v !== ''));
    navigate(`/report${params.size ? `?${params}` : ''}`);
  }

  const error = byYear.error ?? agreement.error;
  const data = byYear.data?.jointStatistics;
  const terms = agreementId ? agreement.data?.agreement : undefined;
  let period = t('report.periodAll');
  if (from && to) period = t('report.period', { from: formatDay(from), to: formatDay(to) });
  else if (from) period = t('report.periodFrom', { from: formatDay(from) });
  else if (to) period = t('report.periodTo', { to: formatDay(to) });
  return (
    <section className="report-page" aria-labelledby="report-title">
      <div className="no-print">
        <h1 id="report-title">{t('report.title')}</h1>
        <p className="muted">{t('report.intro')}</p>
        <form className="filters" onSubmit={apply} aria-label={t('report.choose')}>
          <label>
            {t('report.agreement')}
            <select value={draft.agreementId} onChange={(e) => setDraft({ ...draft, agreementId: e.target.value })}>
              <option value="">{t('report.anyAgreement')}</option>
              {choices.data?.agreements.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code}: {a.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('report.from')}
            <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </label>
          <label>
            {t('report.to')}
            <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </label>
          <div className="toolbar">
            <button type="submit">{t('report.show')}</button>
            <button type="button" className="primary" onClick={() => window.print()} disabled={!data}>
              {t('report.print')}
            </button>
          </div>
        </form>
        {error && (
          <p className="error" role="alert">
            {filterProblemOf(t, error)}
          </p>
        )}
      </div>
      {data && (
        <article className="report" aria-labelledby="report-heading">
          <header>
            <h2 id="report-heading">{t('report.heading')}</h2>
            {terms && <p className="under">{t('report.under', { code: terms.code, title: terms.title })}</p>}
            <p>{period}</p>
            {limitedView(contact) && <p className="scope">{t('statistics.scope', { agency: contact.agency.name })}</p>}
            {terms && (
              <>
                <p>
                  {terms.endedOn
                    ? t('report.ended', { signed: formatDay(terms.signedOn ?? ''), from: formatDay(terms.effectiveOn ?? ''), to: formatDay(terms.endedOn) })
                    : t('report.terms', { signed: formatDay(terms.signedOn ?? ''), from: formatDay(terms.effectiveOn ?? '') })}
                </p>
                <p>
                  <strong>{t('report.parties')}:</strong>{' '}
                  {terms.parties
                    .map((p) => `${p.agency.name}${p.signatory ? ` (${t('report.signedBy', { name: p.signatory.fullName, position: p.signatoryPosition ?? '' })})` : ''}`)
                    .join('; ')}
                </p>
              </>
            )}
          </header>
          {data.groups.length === 0 ? (
            <p>{t('report.none')}</p>
          ) : (
            <>
              <Glance data={data} trainings={trainingsOf(byKind.data?.jointStatistics)} />
              <DocumentsByYear data={data} />
              <ActivitiesPair data={data} names={data.groups.map((g) => g.key)} title={t('report.activitiesChart')} />
              <AlertsByYear data={data} />
            </>
          )}
          {terms && (
            <section aria-labelledby="report-reviews">
              <h3 id="report-reviews">{t('report.reviews')}</h3>
              {terms.reviews.length === 0 && <p>{t('report.noReviews')}</p>}
              {terms.reviews.map((review) => (
                <div key={review.id} className="review">
                  <h4>
                    {formatDay(review.heldOn)}: {review.title}
                    {review.venue ? ` (${review.venue})` : ''}
                  </h4>
                  <p className="findings">{review.findings}</p>
                  <p className="muted">{t('report.attended', { agencies: review.attendingAgencies.map((a) => a.name).join(', ') })}</p>
                </div>
              ))}
            </section>
          )}
          <p className="made">{t('report.made', { at: formatDateTime(new Date().toISOString()), name: contact.fullName })}</p>
        </article>
      )}
    </section>
  );
}

/** Documents delivered per year, the three types stacked, with the table of the same figures. */
function DocumentsByYear({ data }: { data: JointStatistics }) {
  const { t } = useTranslation();
  const years = data.groups.map((g) => g.key);
  const option = useMemo<ChartOption>(
    () =>
      categoryChart(years, {
        legend: { top: 0 },
        series: DOCUMENT_TYPES.map((type) => ({ type: 'bar' as const, stack: 'documents', name: t(`statistics.type.${type}`), data: data.groups.map((g) => documentsOf(g, type)) })),
      }),
    [data, t],
  );
  const total = (g: JointStatistics['total']) => DOCUMENT_TYPES.reduce((sum, type) => sum + documentsOf(g, type), 0);
  return (
    <Pair
      headingLevel={2}
      title={t('report.documentsChart')}
      option={option}
      head={[t('statistics.group.YEAR'), ...DOCUMENT_TYPES.map((type) => t(`statistics.type.${type}`)), t('statistics.documents.total')]}
      rows={rowsOf(t, data, (g) => [...DOCUMENT_TYPES.map((type) => formatNumber(documentsOf(g, type))), formatNumber(total(g))])}
      total={[...DOCUMENT_TYPES.map((type) => formatNumber(documentsOf(data.total, type))), formatNumber(total(data.total))]}
    />
  );
}

/** Alerts, deliveries, the share acknowledged and the median time per year: a table (no chart). */
function AlertsByYear({ data }: { data: JointStatistics }) {
  const { t } = useTranslation();
  const row = (g: JointStatistics['total']) => [formatNumber(g.alerts), formatNumber(g.branchDeliveries), cell(ratePercent(g), formatDecimal), cell(medianMinutes(g), formatDecimal)];
  return (
    <FiguresTable
      className="alerts-by-year"
      caption={t('report.alertsTable')}
      head={[t('statistics.group.YEAR'), t('statistics.tile.alerts'), t('statistics.acknowledgement.deliveries'), t('statistics.acknowledgement.rate'), t('statistics.acknowledgement.median')]}
      rows={data.groups.map((g) => ({ name: g.key, cells: row(g) }))}
      total={row(data.total)}
    />
  );
}
