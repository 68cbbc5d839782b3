import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { AgreementAgenciesQuery, AgreementLinksQuery, AgreementListQuery, type AgreementStatus } from '../../api/operations-agreements';
import type { SessionContact } from '../../api/session';
import { messageOf } from '../../lib/errors';
import { formatDay, formatNumber } from '../../lib/format';
import { isCoordinator } from '../../lib/roles';
import { linkClick, navigate } from '../../lib/router';
import { AgreementForm, emptyDraft } from './AgreementForm';
import { administeredIds } from './agencies';
import { agreementPath, STATUSES, StatusBadge } from './common';

/** The list's filter as the address holds it: `?status=ACTIVE&archived=1`. */
function filterOf(query: URLSearchParams): { status: AgreementStatus | null; includeArchived: boolean } {
  const status = query.get('status');
  return {
    status: STATUSES.includes(status as AgreementStatus) ? (status as AgreementStatus) : null,
    includeArchived: query.get('archived') === '1',
  };
}

/** `/agreements` with the filter `status`, `includeArchived`. */
function listPath(status: AgreementStatus | null, includeArchived: boolean): string {
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (includeArchived) query.set('archived', '1');
  const text = query.toString();
  return `/agreements${text ? `?${text}` : ''}`;
}

/**
 * The agreements the viewer may see (`agreements(status, includeArchived)`): code, title, status, days and
 * parties, filtered by status, archived ones on request. Coordinators also get "New draft".
 */
export function AgreementList({ contact, query }: { contact: SessionContact; query: URLSearchParams }) {
  const { t } = useTranslation();
  const { status, includeArchived } = filterOf(query);
  const [list] = useQuery({ query: AgreementListQuery, variables: { status, includeArchived } });
  const [creating, setCreating] = useState(false);
  const coordinator = isCoordinator(contact);
  const agreements = list.data?.agreements;

  return (
    <section className="agreements" aria-labelledby="agreements-title">
      <div className="page-head">
        <h1 id="agreements-title">{t('agreements.title')}</h1>
        {coordinator && (
          <button type="button" className="primary" aria-expanded={creating} aria-controls={creating ? 'new-draft' : undefined} onClick={() => setCreating(!creating)}>
            {t('agreements.newDraft')}
          </button>
        )}
      </div>
      <p className="muted">{t('agreements.intro')}</p>
      {creating && <NewDraft contact={contact} onCancel={() => setCreating(false)} />}

      <form className="filters agreement-filters" aria-label={t('agreements.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label htmlFor="agreements-status">{t('agreements.field.status')}</label>
          <select id="agreements-status" value={status ?? ''} onChange={(e) => navigate(listPath((e.target.value || null) as AgreementStatus | null, includeArchived), true)}>
            <option value="">{t('agreements.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`agreements.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="inline include-archived">
          <input type="checkbox" checked={includeArchived} onChange={(e) => navigate(listPath(status, e.target.checked), true)} />
          {t('agreements.includeArchived')}
        </label>
      </form>

      {list.error && (
        <p className="error" role="alert">
          {messageOf(t, list.error)}
        </p>
      )}
      {agreements && (
        <p className="muted" role="status">
          {t('agreements.count', { n: formatNumber(agreements.length) })}
        </p>
      )}
      {!agreements && !list.error && <p className="muted">{t('agreements.loading')}</p>}
      {agreements && agreements.length === 0 && <p>{t('agreements.none')}</p>}
      {agreements && agreements.length > 0 && (
        <div className="table-scroll">
          <table className="agreement-table agreements-list">
            <caption className="visually-hidden">{t('agreements.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreements.field.code')}</th>
                <th scope="col">{t('agreements.field.title')}</th>
                <th scope="col">{t('agreements.field.status')}</th>
                <th scope="col">{t('agreements.field.signedOn')}</th>
                <th scope="col">{t('agreements.field.effectiveOn')}</th>
                <th scope="col">{t('agreements.field.expiresOn')}</th>
                <th scope="col">{t('agreements.field.parties')}</th>
              </tr>
            </thead>
            <tbody>
              {agreements.map((a) => (
                <tr key={a.id}>
                  <th scope="row" className="mono">
                    <a href={agreementPath(a.id)} onClick={linkClick(agreementPath(a.id))}>
                      {a.code}
                    </a>
                  </th>
                  <td className="agreement-title">{a.title}</td>
                  <td>
                    <StatusBadge status={a.status} archived={!!a.archivedAt} />
                    {a.endedOn && <span className="ended">{t('agreements.endedOnShort', { day: formatDay(a.endedOn) })}</span>}
                  </td>
                  <td className="day">{a.signedOn ? formatDay(a.signedOn) : '—'}</td>
                  <td className="day">{a.effectiveOn ? formatDay(a.effectiveOn) : '—'}</td>
                  <td className="day">{a.expiresOn ? formatDay(a.expiresOn) : t('agreements.openEnded')}</td>
                  <td className="parties">
                    <ul className="party-names">
                      {a.parties.map((p) => (
                        <li key={p.id}>{p.agency.name}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The coordinator's new draft (createAgreement); once created, its page opens. */
function NewDraft({ contact, onCancel }: { contact: SessionContact; onCancel(): void }) {
  const { t } = useTranslation();
  const [agencies] = useQuery({ query: AgreementAgenciesQuery });
  const [links] = useQuery({ query: AgreementLinksQuery });
  const list = useMemo(() => agencies.data?.agencies ?? [], [agencies.data]);
  const administered = useMemo(() => administeredIds(list, contact.agency.id), [list, contact.agency.id]);
  const error = agencies.error ?? links.error;

  return (
    <section id="new-draft" className="agreement-panel" aria-labelledby="new-draft-title">
      <h2 id="new-draft-title">{t('agreements.panel.newDraft')}</h2>
      {error && (
        <p className="error" role="alert">
          {messageOf(t, error)}
        </p>
      )}
      {agencies.data && links.data ? (
        <AgreementForm
          mode="create"
          idPrefix="new-draft"
          initial={emptyDraft(contact.agency.id, administered)}
          agencies={list}
          administered={administered}
          links={links.data.agreements}
          onDone={(id) => navigate(agreementPath(id))}
          onCancel={onCancel}
        />
      ) : (
        !error && <p className="muted">{t('agreements.loading')}</p>
      )}
    </section>
  );
}
