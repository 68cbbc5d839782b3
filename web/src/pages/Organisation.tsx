import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganisationAgenciesQuery } from '../api/operations-organisation';
import { messageOf } from '../lib/errors';
import { isCoordinator } from '../lib/roles';
import { navigate } from '../lib/router';
import { useSessionQuery } from '../lib/use-session';
import { AgencyPanel } from './organisation/AgencyPanel';
import { AgencyTree } from './organisation/AgencyTree';
import { inTreeOrder, treeOf } from './organisation/tree-order';
import type { PageProps } from './page-props';
import './organisation.css';

/**
 * Organisation and accounts (coordinators and auditors): the agency tree of both sides, and for the agency chosen
 * (`?agency=<id>`, the user's own by default) its details and contacts. Coordinators create, change and archive
 * agencies and contacts, disable and enable accounts and set new passwords, as far as the API lets them (it refuses
 * what lies outside the agencies they administer, and the page says so); auditors read only.
 */
export default function Organisation({ contact, query }: PageProps) {
  const { t } = useTranslation();
  const canChange = isCoordinator(contact);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [result, refetch] = useSessionQuery({ query: OrganisationAgenciesQuery, variables: { includeArchived } });
  const agencies = useMemo(() => result.data?.agencies ?? [], [result.data]);
  const { roots, byId } = useMemo(() => treeOf(agencies), [agencies]);
  // Places a contact or an agency may move to: agencies not archived, in the tree's order.
  const choices = useMemo(() => {
    const current = agencies.filter((agency) => !agency.archivedAt);
    const lookup = new Map(current.map((agency) => [agency.id, agency]));
    return inTreeOrder(treeOf(current).roots).map(({ id, depth }) => ({ agency: lookup.get(id)!, depth }));
  }, [agencies]);
  const selectedId = query.get('agency') ?? contact.agency.id;
  const selected = byId.get(selectedId) ?? null;

  function select(id: string): void {
    if (id === selectedId) return;
    setNotice(null);
    navigate(`/organisation?agency=${encodeURIComponent(id)}`);
  }

  return (
    <section className="organisation" aria-labelledby="organisation-title">
      <h1 id="organisation-title">{t('organisation.title')}</h1>
      <p className="muted">{canChange ? t('organisation.introCoordinator') : t('organisation.introAuditor')}</p>
      <label className="inline">
        <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
        {t('organisation.showArchived')}
      </label>
      {result.error && (
        <p className="error" role="alert">
          {messageOf(t, result.error)}
        </p>
      )}
      <div className="org-columns">
        <div className="org-tree-panel">
          <h2 id="org-tree-title">{t('organisation.tree')}</h2>
          <p className="hint" id="org-tree-hint">
            {t('organisation.treeHint')}
          </p>
          {result.fetching && !result.data && <p className="muted">{t('organisation.loading')}</p>}
          {roots.length > 0 && <AgencyTree roots={roots} byId={byId} selectedId={selected?.id ?? null} ownAgencyId={contact.agency.id} onSelect={select} />}
        </div>
        <div className="org-detail">
          {selected ? (
            <AgencyPanel
              key={selected.id}
              agency={selected}
              byId={byId}
              choices={choices}
              me={contact}
              canChange={canChange}
              includeArchived={includeArchived}
              notice={notice}
              onNotice={setNotice}
              onSelect={select}
              onChanged={() => refetch({ requestPolicy: 'network-only' })}
            />
          ) : result.data && !result.fetching ? (
            <p>{query.get('agency') ? t('organisation.notInList') : t('organisation.noSelection')}</p>
          ) : (
            <p className="muted">{t('organisation.loading')}</p>
          )}
        </div>
      </div>
    </section>
  );
}
