import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ChangePasswordMutation } from '../api/operations';
import { session } from '../api/session';
import { described, Field } from '../components/Field';
import { fieldProblemsOf, messageOf } from '../lib/errors';

/** Change one's own password (every role); the new token replaces the old one in this tab. */
export function Account() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [state, change] = useMutation(ChangePasswordMutation);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.fetching) return;
    setNotice(null);
    if (next !== repeat) {
      setProblems({ repeat: t('account.mismatch') });
      return;
    }
    const answer = await change({ currentPassword: current, newPassword: next });
    if (answer.error || !answer.data) {
      setProblems(fieldProblemsOf(t, answer.error));
      setNotice({ ok: false, text: answer.error ? messageOf(t, answer.error) : '' });
      return;
    }
    const { token, expiresAt, contact } = answer.data.changePassword;
    session.signedIn(token, expiresAt, contact);
    setCurrent('');
    setNext('');
    setRepeat('');
    setProblems({});
    setNotice({ ok: true, text: t('account.done') });
  }

  return (
    <form className="account narrow" onSubmit={submit} noValidate aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <Field id="pw-current" label={t('account.current')} problem={problems.currentPassword}>
        <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} {...described('pw-current', problems.currentPassword, false)} />
      </Field>
      <Field id="pw-new" label={t('account.next')} problem={problems.newPassword} hint={t('account.hint')}>
        <input id="pw-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} {...described('pw-new', problems.newPassword, true)} />
      </Field>
      <Field id="pw-repeat" label={t('account.repeat')} problem={problems.repeat}>
        <input id="pw-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} {...described('pw-repeat', problems.repeat, false)} />
      </Field>
      {notice && (
        <p className={notice.ok ? 'notice ok' : 'notice error'} aria-live="polite">
          {notice.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={state.fetching}>
        {t('account.submit')}
      </button>
    </form>
  );
}
