import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ArchiveContactMutation, UpdateContactMutation, type OrgContact } from '../../api/operations-organisation';
import { described, Field } from '../../components/Field';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';

/**
 * A contact's account, for a coordinator: disable or enable it (updateContact `active`), set a new password
 * typed twice (updateContact `password`; their sessions end), and archive the contact after a confirmation
 * (archiveContact). Each says the server's refusal at its own place.
 */
export function ContactAccount({ contact, onChanged, onArchived }: {
  contact: OrgContact;
  onChanged(notice: string): void;
  onArchived(notice: string): void;
}) {
  const { t } = useTranslation();
  const [updated, update] = useMutation(UpdateContactMutation);
  const [archived, archive] = useMutation(ArchiveContactMutation);
  const [stateRefusal, setStateRefusal] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [passwordRefusal, setPasswordRefusal] = useState<Refusal>(NO_REFUSAL);
  const [confirming, setConfirming] = useState(false);
  const [archiveRefusal, setArchiveRefusal] = useState<string | null>(null);
  const busy = updated.fetching || archived.fetching;
  const name = contact.fullName;

  async function setActive(active: boolean): Promise<void> {
    if (busy) return;
    setStateRefusal(null);
    const answer = await update({ id: contact.id, input: { active } });
    if (answer.error || !answer.data) {
      if (answer.error) setStateRefusal(refusalOf(t, answer.error, []).top);
      return;
    }
    onChanged(active ? t('organisation.account.enabledDone', { name }) : t('organisation.account.disabledDone', { name }));
  }

  async function resetPassword(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setPasswordRefusal(NO_REFUSAL);
    if (password !== repeat) {
      setPasswordRefusal({ fields: { repeat: t('organisation.contactForm.mismatch') }, top: null });
      return;
    }
    const answer = await update({ id: contact.id, input: { password } });
    if (answer.error || !answer.data) {
      if (answer.error) setPasswordRefusal(refusalOf(t, answer.error, ['password']));
      return;
    }
    setPassword('');
    setRepeat('');
    onChanged(t('organisation.account.resetDone', { name }));
  }

  async function archiveContact(): Promise<void> {
    if (busy) return;
    setArchiveRefusal(null);
    const answer = await archive({ id: contact.id });
    if (answer.error || !answer.data) {
      if (answer.error) setArchiveRefusal(refusalOf(t, answer.error, []).top);
      return;
    }
    onArchived(t('organisation.account.archiveDone', { name }));
  }

  const problems = passwordRefusal.fields;
  return (
    <section className="org-account" aria-labelledby="contact-account-title">
      <h3 id="contact-account-title">{t('organisation.account.title', { name })}</h3>
      <div className="org-account-state">
        <p>{contact.active ? t('organisation.account.stateActive') : t('organisation.account.stateDisabled')}</p>
        {stateRefusal && (
          <p className="notice error" role="alert">
            {stateRefusal}
          </p>
        )}
        <div className="toolbar">
          {contact.active ? (
            <button type="button" className="danger" onClick={() => void setActive(false)} disabled={busy} aria-describedby="contact-disable-hint">
              {t('organisation.account.disable')}
            </button>
          ) : (
            <button type="button" onClick={() => void setActive(true)} disabled={busy}>
              {t('organisation.account.enable')}
            </button>
          )}
        </div>
        {contact.active && (
          <p className="hint" id="contact-disable-hint">
            {t('organisation.account.disableHint')}
          </p>
        )}
      </div>

      <form className="org-password" onSubmit={resetPassword} noValidate aria-labelledby="contact-reset-title">
        <h4 id="contact-reset-title">{t('organisation.account.resetTitle')}</h4>
        {passwordRefusal.top && (
          <p className="notice error" role="alert">
            {passwordRefusal.top}
          </p>
        )}
        <div className="grid">
          <Field id="contact-new-password" label={t('organisation.account.newPassword')} problem={problems.password} hint={t('organisation.account.resetHint')}>
            <input
              id="contact-new-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              {...described('contact-new-password', problems.password, true)}
            />
          </Field>
          <Field id="contact-repeat-password" label={t('organisation.account.repeatPassword')} problem={problems.repeat}>
            <input
              id="contact-repeat-password"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              {...described('contact-repeat-password', problems.repeat, false)}
            />
          </Field>
        </div>
        <div className="toolbar">
          <button type="submit" disabled={busy}>
            {t('organisation.account.reset')}
          </button>
        </div>
      </form>

      <div className="org-archive">
        {archiveRefusal && (
          <p className="notice error" role="alert">
            {archiveRefusal}
          </p>
        )}
        {confirming ? (
          <div className="confirm">
            <p>{t('organisation.account.archiveConfirm', { name })}</p>
            <div className="toolbar">
              <button type="button" className="danger" onClick={() => void archiveContact()} disabled={busy}>
                {t('organisation.confirmArchive')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('organisation.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('organisation.account.archive')}
          </button>
        )}
      </div>
    </section>
  );
}
