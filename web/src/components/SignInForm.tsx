import { print } from 'graphql';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { requestLogin } from '../api/client';
import { LoginMutation, type LoginResult } from '../api/operations';
import { session, type SessionContact } from '../api/session';
import { localiseError } from '../lib/server-messages';

/** Email and password; on success the tab's session holds the new token. */
export function SignInForm({ defaultEmail = '', onSignedIn }: { defaultEmail?: string; onSignedIn?: (contact: SessionContact) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (working) return;
    setError(null);
    setWorking(true);
    try {
      const answer = await requestLogin(print(LoginMutation), { email: email.trim(), password });
      const login = (answer.data as LoginResult | null | undefined)?.login;
      if (!login) {
        setError(t('signIn.failed', { message: answer.errors?.map((e) => localiseError(t, e))[0] ?? '' }));
        return;
      }
      setPassword('');
      session.signedIn(login.token, login.expiresAt, login.contact);
      onSignedIn?.(login.contact);
    } catch {
      setError(t('signIn.failed', { message: t('errors.network') }));
    } finally {
      setWorking(false);
    }
  }

  return (
    <form className="sign-in-form" onSubmit={submit} noValidate>
      <label>
        {t('signIn.email')}
        <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t('signIn.password')}
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={working}>
        {working ? t('signIn.working') : t('signIn.submit')}
      </button>
    </form>
  );
}
