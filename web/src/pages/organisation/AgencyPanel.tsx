import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ArchiveAgencyMutation, type OrgAgency } from '../../api/operations-organisation';
import type { SessionContact } from '../../api/session';
import { formatDateTime } from '../../lib/format';
import { AgencyForm, type ParentChoice } from './AgencyForm';
import { Contacts } from './Contacts';
import { refusalOf } from './refusals';

type Mode = 'edit' | 'create' | 'archive' | null;

/**
 * The selected agency: its details, a coordinator's actions on it (edit, add an agency under it, archive it after a
 * confirmation) and its contacts. Actions that cannot apply are not offered (nothing goes under a branch, an archived
 * agency does not change, nobody archives their own agency); for the rest the server decides and its refusal is said.
 */
export function AgencyPanel({ agency, byId, choices, me, canChange, includeArchived, notice, onNotice, onSelect, onChanged }: {
  agency: OrgAgency;
  byId: ReadonlyMap<string, OrgAgency>;
  /** Agencies not archived, in tree order (places to move to). */
  choices: readonly ParentChoice[];
  me: SessionContact;
  canChange: boolean;
  includeArchived: boolean;
  notice: string | null;
  onNotice(text: string | null): void;
  onSelect(id: string): void;
  /** After a change to the agencies: the tree is loaded again. */
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>(null);
  const [archiveRefusal, setArchiveRefusal] = useState<string | null>(null);
  const [archiving, archive] = useMutation(ArchiveAgencyMutation);
  const parent = agency.parent ? byId.get(agency.parent.id) : undefined;
  const archived = agency.archivedAt !== null;
  const own = agency.id === me.agency.id;
  const subtree = subtreeOf(agency.id, choices);
  const parents = choices.filter((choice) => !subtree.has(choice.agency.id));

  function open(next: Mode): void {
    onNotice(null);
    setArchiveRefusal(null);
    setMode(mode === next ? null : next);
  }

  async function archiveAgency(): Promise<void> {
    if (archiving.fetching) return;
    setArchiveRefusal(null);
    const answer = await archive({ id: agency.id });
    if (answer.error || !answer.data) {
      if (answer.error) setArchiveRefusal(refusalOf(t, answer.error, []).top);
      return;
    }
    setMode(null);
    onChanged();
    if (!includeArchived && agency.parent) onSelect(agency.parent.id);
    onNotice(t('organisation.archiveAgencyDone', { name: agency.name }));
  }

  return (
    <section className="org-agency" aria-labelledby="org-agency-title">
      <h2 id="org-agency-title">
        {agency.name}
        {archived && <span className="badge archived-badge">{t('organisation.archivedBadge')}</span>}
      </h2>
      <p className="notice ok" role="status" hidden={!notice}>
        {notice}
      </p>
      <dl className="facts" aria-label={t('organisation.details.title')}>
        <div className="fact">
          <dt>{t('organisation.details.code')}</dt>
          <dd className="mono">{agency.code}</dd>
        </div>
        <div className="fact">
          <dt>{t('organisation.details.sector')}</dt>
          <dd>{t(`organisation.sector.${agency.sector}`)}</dd>
        </div>
        <div className="fact">
          <dt>{t('organisation.details.level')}</dt>
          <dd>{t(`organisation.level.${agency.level}`)}</dd>
        </div>
        <div className="fact">
          <dt>{t('organisation.details.parent')}</dt>
          <dd>
            {parent ? (
              <button type="button" className="link-button" onClick={() => onSelect(parent.id)}>
                {parent.name}
              </button>
            ) : (
              t('organisation.details.top')
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('organisation.details.address')}</dt>
          <dd>{agency.address ?? <span className="muted">{t('organisation.details.none')}</span>}</dd>
        </div>
        <div className="fact">
          <dt>{t('organisation.details.createdAt')}</dt>
          <dd>{formatDateTime(agency.createdAt)}</dd>
        </div>
        {archived && (
          <div className="fact">
            <dt>{t('organisation.details.archivedAt')}</dt>
            <dd>{formatDateTime(agency.archivedAt)}</dd>
          </div>
        )}
      </dl>
      {canChange && !archived && (
        <div className="toolbar" role="group" aria-label={t('organisation.actions')}>
          <button type="button" aria-expanded={mode === 'edit'} onClick={() => open('edit')}>
            {t('organisation.editAgency')}
          </button>
          {agency.level !== 'BRANCH' && (
            <button type="button" aria-expanded={mode === 'create'} onClick={() => open('create')}>
              {t('organisation.addAgency')}
            </button>
          )}
          {!own && (
            <button type="button" aria-expanded={mode === 'archive'} onClick={() => open('archive')}>
              {t('organisation.archiveAgency')}
            </button>
          )}
        </div>
      )}
      {mode === 'edit' && (
        <AgencyForm
          mode="edit"
          agency={agency}
          parents={parents}
          ownAgencyId={me.agency.id}
          onDone={(_saved, text) => {
            setMode(null);
            onNotice(text);
            onChanged();
          }}
          onCancel={() => setMode(null)}
        />
      )}
      {mode === 'create' && (
        <AgencyForm
          mode="create"
          parent={agency}
          parents={[]}
          ownAgencyId={me.agency.id}
          onDone={(created, text) => {
            setMode(null);
            onChanged();
            onSelect(created.id);
            onNotice(text);
          }}
          onCancel={() => setMode(null)}
        />
      )}
      {mode === 'archive' && (
        <div className="confirm">
          <p>{t('organisation.archiveAgencyConfirm', { name: agency.name })}</p>
          {archiveRefusal && (
            <p className="notice error" role="alert">
              {archiveRefusal}
            </p>
          )}
          <div className="toolbar">
            <button type="button" className="danger" onClick={() => void archiveAgency()} disabled={archiving.fetching}>
              {t('organisation.confirmArchive')}
            </button>
            <button type="button" onClick={() => setMode(null)}>
              {t('organisation.cancel')}
            </button>
          </div>
        </div>
      )}
      <Contacts key={agency.id} agency={agency} includeArchived={includeArchived} canChange={canChange} me={me} agencies={choices} />
    </section>
  );
}

/** `id` and the agencies after it in tree order that are deeper than it (those under it). */
function subtreeOf(id: string, choices: readonly ParentChoice[]): Set<string> {
  const out = new Set<string>();
  const start = choices.findIndex((choice) => choice.agency.id === id);
  if (start < 0) return out;
  out.add(id);
  for (let i = start + 1; i < choices.length && choices[i]!.depth > choices[start]!.depth; i++) out.add(choices[i]!.agency.id);
  return out;
}
