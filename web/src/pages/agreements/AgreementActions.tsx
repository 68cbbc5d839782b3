import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AgreementAgency, type AgreementDetail as Agreement, type AgreementLink } from '../../api/operations-agreements';
import { navigate } from '../../lib/router';
import { AgreementForm, successorDraft, valuesOf } from './AgreementForm';
import { agreementPath } from './common';
import { ArchivePanel, SignPanel, SupersedePanel, TerminatePanel } from './lifecycle-panels';
import { ReviewPanel } from './ReviewPanel';
import { PANEL_ID } from './panel-parts';

/** What a coordinator can open on an agreement, one at a time. */
type Panel = 'edit' | 'sign' | 'replaces' | 'successor' | 'terminate' | 'review' | 'archive' | 'draftSuccessor';

/** The actions each status allows (the API's lifecycle: DRAFT → ACTIVE → SUPERSEDED | TERMINATED). */
function panelsOf(agreement: Agreement): Panel[] {
  if (agreement.archivedAt) return [];
  switch (agreement.status) {
    case 'DRAFT':
      // A draft prepared to replace an agreement is put in force by superseding it, not by signing alone.
      return agreement.supersedes ? ['edit', 'replaces', 'archive'] : ['edit', 'sign', 'replaces', 'archive'];
    case 'ACTIVE':
      return ['successor', 'replaces', 'terminate', 'review', 'draftSuccessor'];
    default:
      return ['review', 'archive'];
  }
}

/**
 * The coordinator's actions on one agreement: a button per action its status allows, each opening its form
 * below (edit or sign a draft, supersede, terminate, record a review, archive, draft a successor). Refusals are
 * shown in words beside the field concerned or at the top of the form. `onChanged` is told after each change,
 * with what to say.
 */
export function AgreementActions({ agreement, links, agencies, administered, administersAParty, onChanged }: {
  agreement: Agreement;
  links: readonly AgreementLink[];
  agencies: readonly AgreementAgency[];
  administered: ReadonlySet<string>;
  administersAParty: boolean;
  onChanged(message: string | null): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Panel | null>(null);
  const panels = panelsOf(agreement);

  if (!administersAParty) {
    return (
      <section className="agreement-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('agreements.actions.title')}</h2>
        <p className="muted">{t('agreements.actions.notYours')}</p>
      </section>
    );
  }
  if (panels.length === 0) {
    return (
      <section className="agreement-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('agreements.actions.title')}</h2>
        <p className="muted">{t('agreements.actions.archivedNone')}</p>
      </section>
    );
  }

  const close = () => setOpen(null);
  const done = (message: string) => {
    setOpen(null);
    onChanged(message);
  };

  return (
    <section className="agreement-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('agreements.actions.title')}</h2>
      <div className="toolbar">
        {panels.map((panel) => (
          <button
            key={panel}
            type="button"
            className={open === panel ? 'primary' : undefined}
            aria-expanded={open === panel}
            aria-controls={open === panel ? PANEL_ID : undefined}
            onClick={() => {
              onChanged(null);
              setOpen(open === panel ? null : panel);
            }}
          >
            {t(`agreements.actions.${panel}`)}
          </button>
        ))}
      </div>
      {open && (
        <div id={PANEL_ID} className="agreement-panel">
          <h3 id={`${PANEL_ID}-title`}>{t(`agreements.panel.${open}`)}</h3>
          {open === 'edit' && (
            <AgreementForm
              mode="edit"
              idPrefix={PANEL_ID}
              initial={valuesOf(agreement)}
              agreementId={agreement.id}
              agencies={agencies}
              administered={administered}
              links={links}
              onDone={() => done(t('agreements.done.saved'))}
              onCancel={close}
            />
          )}
          {open === 'draftSuccessor' && (
            <AgreementForm
              mode="create"
              idPrefix={PANEL_ID}
              initial={successorDraft(agreement)}
              agencies={agencies}
              administered={administered}
              links={links}
              onDone={(id) => navigate(agreementPath(id))}
              onCancel={close}
            />
          )}
          {open === 'sign' && <SignPanel agreement={agreement} onDone={done} onCancel={close} />}
          {(open === 'replaces' || open === 'successor') && <SupersedePanel direction={open} agreement={agreement} links={links} onDone={done} onCancel={close} />}
          {open === 'terminate' && <TerminatePanel agreement={agreement} onDone={done} onCancel={close} />}
          {open === 'review' && <ReviewPanel agreement={agreement} agencies={agencies} onDone={done} onCancel={close} />}
          {open === 'archive' && <ArchivePanel agreement={agreement} onDone={done} onCancel={close} />}
        </div>
      )}
    </section>
  );
}
