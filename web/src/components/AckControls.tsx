import { useMemo, useState } from 'react';
import { useSessionQuery } from '../lib/use-session';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { AckHistoryQuery, AcknowledgeMutation, type Ack, type Alert } from '../api/operations';
import { messageOf } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { withAcknowledgement } from '../lib/threads';

export const OUTCOMES = ['RECEIVED', 'ITEM_HELD', 'HANDED_TO_POLICE', 'NOT_FOUND', 'RELEASED'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** This branch's acknowledgement of a version, or null. */
export function ackOf(alert: Alert, branchId: string): Ack | null {
  return alert.acknowledgements.find((a) => a.branch.id === branchId) ?? null;
}

/**
 * One button per outcome and an optional note; the current acknowledgement and, once amended, its revisions.
 * `onAcknowledged` gets the alert with the new acknowledgement in place.
 */
export function AckControls({ alert, branchId, canAcknowledge, onAcknowledged }: {
  alert: Alert;
  branchId: string;
  canAcknowledge: boolean;
  onAcknowledged(alert: Alert): void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [result, acknowledge] = useMutation(AcknowledgeMutation);
  const [error, setError] = useState<string | null>(null);
  const current = ackOf(alert, branchId);
  const noteId = `note-${alert.id}`;

  async function send(outcome: Outcome): Promise<void> {
    if (result.fetching) return;
    setError(null);
    const answer = await acknowledge({ alertId: alert.id, outcome, note: note.trim() || null });
    if (answer.error || !answer.data) {
      setError(t('ack.failed', { message: answer.error ? messageOf(t, answer.error) : '' }));
      return;
    }
    const ack = answer.data.acknowledgeAlert;
    setNote('');
    onAcknowledged(withAcknowledgement(alert, branchId, ack));
  }

  return (
    <div className="ack">
      <p className={current ? 'ack-state done' : 'ack-state pending'}>
        {current
          ? t('ack.current', { outcome: t(`ack.outcome.${current.outcome}`), at: formatDateTime(current.at), by: current.acknowledgedBy?.fullName ?? '—' })
          : t('ack.pending')}
        {current?.note && <span className="ack-note"> — {current.note}</span>}
      </p>
      {current && current.revision > 1 && <Revisions alertId={alert.id} branchId={branchId} revision={current.revision} />}
      {canAcknowledge && (
        <div className="ack-actions" role="group" aria-label={t('ack.acknowledge')}>
          <label htmlFor={noteId} className="visually-hidden">
            {t('ack.note')}
          </label>
          <input id={noteId} className="ack-note-input" placeholder={t('ack.note')} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
          {OUTCOMES.map((outcome) => (
            <button key={outcome} type="button" className={`outcome outcome-${outcome.toLowerCase()}`} disabled={result.fetching} onClick={() => void send(outcome)}>
              {t(`ack.outcome.${outcome}`)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The revisions of this branch's acknowledgement, fetched when the user opens them. */
function Revisions({ alertId, branchId, revision }: { alertId: string; branchId: string; revision: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // `revision` in the variables' context: a new amendment fetches the list again.
  const [{ data }] = useSessionQuery({ query: AckHistoryQuery, variables: { id: alertId }, pause: !open, requestPolicy: 'network-only', context: useMemo(() => ({ revision }), [revision]) });
  const history = data?.alert.acknowledgements.find((a) => a.branch.id === branchId)?.history ?? [];
  return (
    <details className="revisions" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        {t('ack.revisions')} ({revision})
      </summary>
      <ul>
        {history.map((rev) => (
          <li key={rev.id}>
            {t('ack.revision', { revision: rev.revision, outcome: t(`ack.outcome.${rev.outcome}`), at: formatDateTime(rev.at) })}
            {rev.note && ` — ${rev.note}`}
          </li>
        ))}
      </ul>
    </details>
  );
}
