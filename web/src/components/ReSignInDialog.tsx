import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../lib/use-session';
import { SignInForm } from './SignInForm';

/**
 * Shown over the page when the token stopped working: the page underneath (a draft alert, the feed) stays as
 * it is. Signing in as the same account resumes; as another account, the page reloads for that account.
 */
export function ReSignInDialog() {
  const { t } = useTranslation();
  const current = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  // The account whose session ended: signing in as another one reloads the app for it.
  const previousId = useRef<string | undefined>(undefined);
  if (current.needsSignIn) previousId.current = current.contact?.id;

  useEffect(() => {
    if (current.needsSignIn && !dialog.current?.open) dialog.current?.showModal();
  }, [current.needsSignIn]);

  // Not in the page at all while the session is good (a closed dialog's fields would still match by label).
  if (!current.needsSignIn) return null;
  return (
    <dialog ref={dialog} className="re-sign-in" aria-labelledby="re-sign-in-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="re-sign-in-title">{t('signIn.title')}</h2>
      <p>{t('signIn.again')}</p>
      <SignInForm
        defaultEmail={current.contact?.email ?? ''}
        onSignedIn={(contact) => {
          if (contact.id !== previousId.current) window.location.assign('/');
        }}
      />
    </dialog>
  );
}
