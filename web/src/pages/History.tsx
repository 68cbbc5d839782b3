import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { HistoryChoicesQuery, JointHistoryQuery, type HistoryEntry } from '../api/operations';
import { downloadWithToken } from '../lib/download';
import { messageOf } from '../lib/errors';
import { formatDateTime, formatDay, formatNumber } from '../lib/format';
import { linkClick } from '../lib/router';
import { usePages } from '../lib/use-pages';

/** Entries asked for per page. */
const PAGE = 50;

const KINDS = ['AGREEMENT_SIGNED', 'AGREEMENT_REVIEWED', 'AGREEMENT_SUPERSEDED', 'AGREEMENT_TERMINATED', 'JOINT_ACTIVITY', 'ALERT'] as const;
type Kind = (typeof KINDS)[number];

/** The filter as chosen on the page (the API's JointHistoryFilter, one agency at most). */
interface Chosen {
  from: string;
  to: string;
  agencyId: string;
  agreementId: string;
  kinds: Kind[];
}

const NOTHING_CHOSEN: Chosen = { from: '', to: '', agencyId: '', agreementId: '', kinds: [] };

/** The API filter of `chosen` (empty choices left out). */
function filterOf(chosen: Chosen) {
  return {
    ...(chosen.from ? { from: chosen.from } : {}),
    ...(chosen.to ? { to: chosen.to } : {}),
    ...(chosen.agencyId ? { agencyIds: [chosen.agencyId] } : {}),
    ...(chosen.agreementId ? { agreementId: chosen.agreementId } : {}),
    ...(chosen.kinds.length ? { kinds: chosen.kinds } : {}),
  };
}

/** `/reports/joint-history.csv` with the same filter (the CSV route takes no agreement). */
function csvPath(chosen: Chosen): string {
  const query = new URLSearchParams();
  if (chosen.from) query.set('from', chosen.from);
  if (chosen.to) query.set('to', chosen.to);
  if (chosen.agencyId) query.append('agencyId', chosen.agencyId);
  for (const kind of chosen.kinds) query.append('kind', kind);
  const text = query.toString();
  return `/reports/joint-history.csv${text ? `?${text}` : ''}`;
}

/**
 * The joint history (every signed-in role, as far as each may see it): the filters of `jointHistory` (period,
 * agency, agreement, kinds), pages of 50, each entry linking to its record (an alert's board, an agreement's page,
 * which also shows its reviews, a joint activity's page), and
 * the CSV of the same filter downloaded with the user's token.
 */
export function History() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Chosen>(NOTHING_CHOSEN);
  const [chosen, setChosen] = useState<Chosen>(NOTHING_CHOSEN);
  const [choices] = useQuery({ query: HistoryChoicesQuery });
  const filter = useMemo(() => filterOf(chosen), [chosen]);
  const variables = useMemo(() => ({ filter, first: PAGE, after: null }), [filter]);
  const { first, connection: page, entries, hasNextPage, loadingMore, loadMore: nextPage } = usePages(JointHistoryQuery, variables, (data) => data.jointHistory);
  const [problem, setProblem] = useState<string | null>(null);

  async function loadMore(): Promise<void> {
    const refused = await nextPage();
    if (refused) setProblem(refused === 'empty' ? null : messageOf(t, refused));
  }

  function apply(event: FormEvent): void {
    event.preventDefault();
    setProblem(null);
    setChosen(draft);
  }

  async function download(): Promise<void> {
    setProblem(null);
    const status = await downloadWithToken(csvPath(chosen), `joint-history${chosen.from ? `-${chosen.from}` : ''}${chosen.to ? `-${chosen.to}` : ''}.csv`);
    if (status !== null) setProblem(t('history.downloadFailed', { status }));
  }

  const agencies = [...(choices.data?.agencies ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return (
    <section className="history" aria-labelledby="history-title">
      <h1 id="history-title">{t('history.title')}</h1>
      <p className="muted">{t('history.intro')}</p>
      <form className="filters" onSubmit={apply} aria-label={t('history.filters')}>
        <label>
          {t('history.from')}
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label>
          {t('history.to')}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <label>
          {t('history.agency')}
          <select value={draft.agencyId} onChange={(e) => setDraft({ ...draft, agencyId: e.target.value })}>
            <option value="">{t('history.allAgencies')}</option>
            {agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.agreement')}
          <select value={draft.agreementId} onChange={(e) => setDraft({ ...draft, agreementId: e.target.value })}>
            <option value="">{t('history.allAgreements')}</option>
            {choices.data?.agreements.map((agreement) => (
              <option key={agreement.id} value={agreement.id}>
                {agreement.code}: {agreement.title}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="kinds">
          <legend>{t('history.kinds')}</legend>
          {KINDS.map((kind) => (
            <label key={kind} className="inline">
              <input
                type="checkbox"
                checked={draft.kinds.includes(kind)}
                onChange={(e) => setDraft({ ...draft, kinds: e.target.checked ? [...draft.kinds, kind] : draft.kinds.filter((k) => k !== kind) })}
              />
              {t(`history.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <div className="toolbar">
          <button type="submit" className="primary">
            {t('history.apply')}
          </button>
          <button type="button" onClick={() => void download()}>
            {t('history.download')}
          </button>
        </div>
      </form>
      {(problem || first.error) && (
        <p className="error" role="alert">
          {problem ?? messageOf(t, first.error!)}
        </p>
      )}
      {page && (
        <p className="muted" role="status">
          {t('history.count', { shown: formatNumber(entries.length), total: formatNumber(page.totalCount) })}
        </p>
      )}
      {page && entries.length === 0 && <p>{t('history.none')}</p>}
      <ol className="timeline">
        {entries.map((entry, i) => (
          <HistoryItem key={`${entry.kind}-${entry.subject.__typename}-${'id' in entry.subject ? entry.subject.id : i}-${entry.occurredAt}`} entry={entry} />
        ))}
      </ol>
      {hasNextPage && (
        <button type="button" onClick={() => void loadMore()} disabled={loadingMore}>
          {t('history.more')}
        </button>
      )}
    </section>
  );
}

/** One timeline entry: its day, its kind, and what it is about. */
function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const subject = entry.subject;
  let title = '';
  const details: string[] = [];
  let link: string | null = null;
  switch (subject.__typename) {
    case 'Agreement':
      title = `${subject.code}: ${subject.title}`;
      link = `/agreements/${subject.id}`;
      break;
    case 'AgreementReview':
      title = subject.title;
      if (subject.agreement) {
        details.push(t('history.under', { agreement: subject.agreement.code }));
        // Reviews are shown on their agreement's page.
        link = `/agreements/${subject.agreement.id}`;
      }
      break;
    case 'JointActivity':
      title = subject.title;
      link = `/activities/${subject.id}`;
      details.push(t(`history.activity.${subject.kind}`));
      if (subject.participantCount != null) details.push(t('history.attendances', { n: formatNumber(subject.participantCount) }));
      for (const d of subject.documentsDelivered) details.push(t(`history.documents.${d.documentType}`, { n: formatNumber(d.count) }));
      if (subject.agencies.length) details.push(subject.agencies.map((a) => a.name).join(', '));
      break;
    case 'SecurityAlert':
      title = subject.headline;
      details.push(subject.identifier, t('history.by', { agency: subject.issuerAgency.name }));
      if (subject.shipment?.trackingNumber) details.push(subject.shipment.trackingNumber);
      link = `/alerts/${subject.id}`;
      break;
  }
  const when = entry.kind === 'ALERT' ? formatDateTime(entry.occurredAt) : formatDay(entry.occurredOn);
  return (
    <li className={`history-entry kind-${entry.kind.toLowerCase()}`}>
      <span className="when">{when}</span>
      <span className="kind">{t(`history.kind.${entry.kind}`)}</span>
      <span className="what">
        {link ? (
          <a href={link} onClick={linkClick(link)}>
            {title}
          </a>
        ) : (
          title
        )}
        {details.length > 0 && <span className="details"> · {details.join(' · ')}</span>}
      </span>
    </li>
  );
}
