import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { HistoryChoicesQuery } from '../api/operations';
import { JointStatisticsQuery } from '../api/operations-statistics';
import { linkClick } from '../lib/router';
import type { PageProps } from './page-props';
import { limitedView, statisticsFilter, trainingsOf, type GroupBy } from './statistics/figures';
import { Glance } from './statistics/Glance';
import { filterProblemOf } from './statistics/problems';
import { StatisticsSections } from './statistics/Sections';
import './statistics.css';

const GROUPINGS: GroupBy[] = ['YEAR', 'AGENCY', 'KIND'];

interface Chosen {
  from: string;
  to: string;
  agencyIds: string[];
  groupBy: GroupBy;
}

/**
 * Statistics of the joint work (every role, over what it may see): documents delivered per year by type,
 * activities and attendances, alerts by severity, acknowledgement rate and median time, grouped by year, agency
 * or kind, for the period and agencies chosen. Every chart has a table beside it with the same figures; the
 * totals are shown at a glance on top.
 */
export default function Statistics({ contact }: PageProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Chosen>({ from: '', to: '', agencyIds: [], groupBy: 'YEAR' });
  const [chosen, setChosen] = useState<Chosen>(draft);
  const filter = useMemo(() => statisticsFilter(chosen), [chosen]);
  const [choices] = useQuery({ query: HistoryChoicesQuery });
  const [stats] = useQuery({ query: JointStatisticsQuery, variables: { filter, groupBy: chosen.groupBy } });
  // Trainings are counted by kind, whatever the grouping shown.
  const [byKind] = useQuery({ query: JointStatisticsQuery, variables: { filter, groupBy: 'KIND' } });

  function apply(event: FormEvent): void {
    event.preventDefault();
    setChosen(draft);
  }

  const agencies = [...(choices.data?.agencies ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  // The review report covers a period (and an agreement, chosen there); the agencies are every party's.
  const period = new URLSearchParams({ ...(chosen.from ? { from: chosen.from } : {}), ...(chosen.to ? { to: chosen.to } : {}) }).toString();
  const report = `/report${period ? `?${period}` : ''}`;
  const data = stats.data?.jointStatistics;
  return (
    <section className="statistics" aria-labelledby="statistics-title">
      <h1 id="statistics-title">{t('statistics.title')}</h1>
      <p className="muted">{t('statistics.intro')}</p>
      {limitedView(contact) && <p className="scope">{t('statistics.scope', { agency: contact.agency.name })}</p>}
      <form className="filters" onSubmit={apply} aria-label={t('statistics.filters')}>
        <label>
          {t('statistics.from')}
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          {t('statistics.to')}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label className="agencies">
          {t('statistics.agencies')}
          <select
            multiple
            size={5}
            value={draft.agencyIds}
            aria-describedby="statistics-agencies-hint"
            onChange={(e) => setDraft({ ...draft, agencyIds: [...e.target.selectedOptions].map((o) => o.value) })}
          >
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name} ({agency.code})
              </option>
            ))}
          </select>
          <span className="hint" id="statistics-agencies-hint">
            {t('statistics.agenciesHint')}
          </span>
        </label>
        <fieldset className="grouping">
          <legend>{t('statistics.groupBy')}</legend>
          {GROUPINGS.map((g) => (
            <label key={g} className="inline">
              <input type="radio" name="groupBy" value={g} checked={draft.groupBy === g} onChange={() => setDraft({ ...draft, groupBy: g })} />
              {t(`statistics.group.${g}`)}
            </label>
          ))}
        </fieldset>
        <div className="toolbar">
          <button type="submit" className="primary">
            {t('statistics.apply')}
          </button>
          <a href={report} onClick={linkClick(report)}>
            {t('statistics.report')}
          </a>
        </div>
      </form>
      {stats.error && (
        <p className="error" role="alert">
          {filterProblemOf(t, stats.error)}
        </p>
      )}
      {data && <Glance data={data} trainings={trainingsOf(byKind.data?.jointStatistics)} />}
      {data && data.groups.length === 0 && <p>{t('statistics.none')}</p>}
      {data && data.groups.length > 0 && <StatisticsSections data={data} />}
    </section>
  );
}
