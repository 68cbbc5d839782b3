import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { LoginMutation } from '../api/operations';
import { session, type SessionContact } from '../api/session';
import { messageOf } from '../lib/errors';

/** Email and password; on success the tab's session holds the new token. */
export function SignInForm({ defaultEmail = '', onSignedIn }: { defaultEmail?: string; onSignedIn?: (contact: SessionContact) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LoginMutation);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (result.fetching) return;
    setError(null);
    const answer = await login({ email: email.trim(), password }, { requestPolicy: 'network-only' });
    if (answer.error || !answer.data) {
      setError(t('signIn.failed', { message: answer.error ? messageOf(answer.error, t('errors.network')) : '' }));
      return;
    }
    const { token, expiresAt, contact } = answer.data.login;
    setPassword('');
    session.signedIn(token, expiresAt, contact);
    onSignedIn?.(contact);
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
      <button type="submit" className="primary" disabled={result.fetching}>
        {result.fetching ? t('signIn.working') : t('signIn.submit')}
      </button>
    </form>
  );
}
