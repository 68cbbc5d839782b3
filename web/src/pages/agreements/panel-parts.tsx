import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgreementDetail as Agreement } from '../../api/operations-agreements';
import type { Refusal } from './refusals';

/** The id of the open action panel's box (its buttons are labelled by it). */
export const PANEL_ID = 'agreement-panel';

/** What every action panel of an agreement's page is given: the agreement, and what to do when done or cancelled. */
export interface PanelProps {
  agreement: Agreement;
  onDone(message: string): void;
  onCancel(): void;
}

/** The refusal at the top of a panel's form. */
export function TopRefusal({ refusal }: { refusal: Refusal }) {
  if (!refusal.top) return null;
  return (
    <p className="notice error" role="alert">
      {refusal.top}
    </p>
  );
}

/**
 * The submit and cancel buttons of a panel, or the confirmation question and its answers once asked. The
 * confirming answer is not a submit button: pressing Enter in a field of the form again does not confirm.
 */
export function Buttons({ submit, busy, onCancel, confirming, question, yes, onYes, onNo }: {
  submit: string;
  busy: boolean;
  onCancel(): void;
  confirming?: boolean;
  question?: ReactNode;
  yes?: string;
  /** The answer that confirms: only a click (or the button's own key press) does, not Enter in a field. */
  onYes?(): void;
  onNo?(): void;
}) {
  const { t } = useTranslation();
  if (confirming) {
    return (
      <div className="confirm" role="group" aria-labelledby={`${PANEL_ID}-question`}>
        <p id={`${PANEL_ID}-question`}>{question}</p>
        <div className="toolbar">
          <button type="button" className="danger" disabled={busy} onClick={onYes}>
            {yes}
          </button>
          <button type="button" onClick={onNo}>
            {t('agreements.confirmNo')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="toolbar">
      <button type="submit" className="primary" disabled={busy}>
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        {t('agreements.form.cancel')}
      </button>
    </div>
  );
}
