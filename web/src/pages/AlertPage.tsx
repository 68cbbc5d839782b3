import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSessionQuery } from '../lib/use-session';
import { useTranslation } from 'react-i18next';
import { useMutation, useSubscription } from 'urql';
import { AlertAcknowledgedSubscription, AlertBoardQuery, AlertSightedSubscription, CancelAlertMutation, UpdateAlertMutation, type Ack, type Alert, type Sighting } from '../api/operations';
import { AttentionButtons } from '../components/AttentionButtons';
import { downloadWithToken } from '../lib/download';
import { attention } from '../lib/attention';
import type { SessionContact } from '../api/session';
import { AckControls } from '../components/AckControls';
import { AlertBadges, AlertDetails } from '../components/AlertDetails';
import { ChoiceField, described, Field } from '../components/Field';
import { StatusLine } from '../components/StatusLine';
import { CERTAINTIES, REASONS, SEVERITIES, TLPS, URGENCIES } from '../components/PostAlertForm';
import { fieldProblemsOf, messageOf } from '../lib/errors';
import { formatDateTime, fromProvinceLocalInput, toProvinceLocalInput } from '../lib/format';
import { linkClick, navigate } from '../lib/router';
import { normaliseTrackingNumber } from '../lib/s10';

/**
 * One alert version. For its issuing liaisons: the live acknowledgement board (who answered what and when,
 * who is pending), update, cancel and the CAP XML. For a branch: the alert and its acknowledgement buttons.
 */
export function AlertPage({ id, contact }: { id: string; contact: SessionContact }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, refetch] = useSessionQuery({ query: AlertBoardQuery, variables: { id } });
  const alert = data?.alert;
  const [acks, setAcks] = useState<Map<string, Ack>>(new Map());
  const isIssuer = contact.role === 'POLICE_LIAISON' && alert?.issuerAgency.id === contact.agency.id;

  // The newest revision of each branch wins, whether it came with the query or over the subscription.
  useEffect(() => {
    setAcks((previous) => {
      const next = new Map<string, Ack>();
      for (const ack of alert?.acknowledgements ?? []) {
        const live = previous.get(ack.branch.id);
        next.set(ack.branch.id, live && BigInt(live.deliverySeq) > BigInt(ack.deliverySeq) ? live : ack);
      }
      // A live answer newer than the query (which still lists the branch as pending) is kept.
      for (const [branch, live] of previous) if (!next.has(branch) && alert?.pendingBranches.some((b) => b.id === branch)) next.set(branch, live);
      return next;
    });
  }, [alert]);

  // Acknowledgements come live; an update or cancellation made elsewhere (another liaison, another tab) shows
  // within 20 s.
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), 20_000);
    return () => clearInterval(timer);
  }, [refetch]);

  // Acknowledgements arrive live; the newest revision of each branch wins.
  const [live] = useSubscription({ query: AlertAcknowledgedSubscription, variables: { alertId: id }, pause: !alert });
  useEffect(() => {
    const ack = live.data?.alertAcknowledged;
    if (!ack) return;
    setAcks((previous) => {
      const known = previous.get(ack.branch.id);
      if (known && BigInt(known.deliverySeq) >= BigInt(ack.deliverySeq)) return previous;
      const next = new Map(previous);
      next.set(ack.branch.id, ack);
      return next;
    });
  }, [live.data]);

  // Sightings: those of this version from the query, then every new one of the thread, live.
  const [sightings, setSightings] = useState<Map<string, Sighting>>(new Map());
  useEffect(() => {
    setSightings((previous) => {
      const next = new Map(previous);
      for (const s of alert?.sightings ?? []) next.set(s.deliverySeq, s);
      return next;
    });
  }, [alert]);
  const sightedAfter = useMemo(() => {
    if (!alert) return null;
    return (alert.sightings ?? []).reduce((max, s) => (BigInt(s.deliverySeq) > BigInt(max) ? s.deliverySeq : max), alert.deliverySeq);
    // Computed once per loaded alert version: later answers do not restart the subscription.
  }, [alert?.id]);
  const [sighted] = useSubscription({ query: AlertSightedSubscription, variables: { alertId: id, after: sightedAfter }, pause: sightedAfter === null });
  useEffect(() => {
    const sighting = sighted.data?.alertSighted;
    if (!sighting) return;
    setSightings((previous) => {
      if (previous.has(sighting.deliverySeq)) return previous;
      attention.desktop(t('board.sightedNotice', { branch: sighting.branch.name }), alert?.headline ?? '', `sighting-${sighting.id}`);
      attention.chime();
      return new Map(previous).set(sighting.deliverySeq, sighting);
    });
  }, [sighted.data]);
  const sightingList = useMemo(() => [...sightings.values()].sort((a, b) => (BigInt(a.deliverySeq) < BigInt(b.deliverySeq) ? 1 : -1)), [sightings]);

  const answered = useMemo(() => [...acks.values()].sort((a, b) => a.branch.name.localeCompare(b.branch.name, 'vi')), [acks]);
  const pending = alert?.pendingBranches.filter((b) => !acks.has(b.id)) ?? [];

  if (fetching && !alert) return <p>{t('dashboard.loading')}</p>;
  if (error || !alert) {
    return (
      <p className="error" role="alert">
        {t('board.notFound')}
      </p>
    );
  }

  const current = !alert.supersededBy;
  return (
    <div className="alert-page">
      {contact.role === 'POLICE_LIAISON' && (
        <p>
          <a href="/console" onClick={linkClick('/console')}>
            {t('board.back')}
          </a>
        </p>
      )}
      <article aria-labelledby="alert-headline" className={`thread severity-${alert.severity.toLowerCase()}`}>
        <h1 id="alert-headline" className={alert.msgType === 'CANCEL' ? 'struck' : undefined}>
          {alert.headline}
        </h1>
        <AlertBadges alert={alert} />
        {alert.msgType === 'CANCEL' && <p className="cancel-reason">{t('alert.cancelledBecause', { reason: alert.description })}</p>}
        {!current && (
          <p className="notice">
            {t('board.superseded')}{' '}
            <a href={`/alerts/${alert.supersededBy!.id}`} onClick={linkClick(`/alerts/${alert.supersededBy!.id}`)}>
              {t('board.openCurrent')}
            </a>
          </p>
        )}
        <AlertDetails alert={alert} />
        <p className="muted">
          {t('board.targets')}: {alert.targets.map((a) => a.name).join(', ')}
        </p>
        {contact.role === 'BRANCH_OPERATOR' && (
          <AckControls alert={alert} branchId={contact.agency.id} canAcknowledge={alert.active} onAcknowledged={() => refetch({ requestPolicy: 'network-only' })} />
        )}
        <button type="button" onClick={() => void downloadCap(alert)}>
          {t('board.downloadCap')}
        </button>
      </article>
      {contact.role !== 'BRANCH_OPERATOR' && (
        <section aria-labelledby="board-title" className="board">
          <div className="page-head">
            <h2 id="board-title">{t('board.title')}</h2>
            <StatusLine />
          </div>
          <p className="muted">{t('board.live')}</p>
          <div className="toolbar">
            <AttentionButtons />
          </div>
          {answered.length === 0 ? (
            <p>{t('board.none')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('board.branch')}</th>
                  <th scope="col">{t('board.outcome')}</th>
                  <th scope="col">{t('board.at')}</th>
                  <th scope="col">{t('board.by')}</th>
                  <th scope="col">{t('board.note')}</th>
                </tr>
              </thead>
              <tbody>
                {answered.map((ack) => (
                  <tr key={ack.branch.id} data-branch={ack.branch.id}>
                    <th scope="row">{ack.branch.name}</th>
                    <td className={`outcome-cell outcome-${ack.outcome.toLowerCase()}`}>{t(`ack.outcome.${ack.outcome}`)}</td>
                    <td>{formatDateTime(ack.at)}</td>
                    <td>{ack.acknowledgedBy?.fullName ?? '—'}</td>
                    <td>{ack.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>{t('board.sightings', { count: sightingList.length })}</h3>
          {sightingList.length === 0 ? (
            <p>{t('board.noSightings')}</p>
          ) : (
            <ul className="sightings">
              {sightingList.map((s) => (
                <li key={s.deliverySeq}>
                  {t('board.sighting', { branch: s.branch.name, at: formatDateTime(s.sightedAt), by: s.contact?.fullName ?? '—', method: t(`check.method.${s.method}`) })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('board.pending', { count: pending.length })}</h3>
          {pending.length === 0 ? <p>{t('board.nonePending')}</p> : <ul className="pending">{pending.map((b) => <li key={b.id}>{b.name}</li>)}</ul>}
        </section>
      )}
      {isIssuer && current && alert.msgType !== 'CANCEL' && <ChangeAlert alert={alert} />}
    </div>
  );
}

/** Fetches the CAP XML with the token and saves it as a file. */
async function downloadCap(alert: Alert): Promise<void> {
  await downloadWithToken(`/cap/alerts/${encodeURIComponent(alert.id)}.xml`, `${alert.identifier}.xml`);
}

/** Update (new content) and cancel (with a reason), for the issuing liaisons, on the current version. */
function ChangeAlert({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    headline: alert.headline,
    description: alert.description,
    instruction: alert.instruction ?? '',
    trackingNumber: alert.shipment?.trackingNumber ?? '',
    urgency: alert.urgency,
    severity: alert.severity,
    certainty: alert.certainty,
    tlp: alert.tlp,
    suspicionReason: alert.suspicionReason,
    expires: alert.expires ? toProvinceLocalInput(alert.expires) : '',
  });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [updating, update] = useMutation(UpdateAlertMutation);
  const [cancelling, cancel] = useMutation(CancelAlertMutation);

  async function submitUpdate(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (updating.fetching) return;
    const tracking = normaliseTrackingNumber(draft.trackingNumber);
    const input: Record<string, unknown> = {};
    if (draft.headline !== alert.headline) input.headline = draft.headline;
    if (draft.description !== alert.description) input.description = draft.description;
    if (draft.instruction !== (alert.instruction ?? '')) input.instruction = draft.instruction.trim() || null;
    if (tracking !== (alert.shipment?.trackingNumber ?? '')) {
      const old = alert.shipment;
      input.shipment = tracking
        ? {
            trackingNumber: tracking,
            declaredContents: old?.declaredContents ?? null,
            origin: old?.origin ?? null,
            destination: old?.destination ?? null,
            senderDescription: old?.senderDescription ?? null,
            recipientDescription: old?.recipientDescription ?? null,
          }
        : null;
    }
    for (const key of ['urgency', 'severity', 'certainty', 'tlp', 'suspicionReason'] as const) if (draft[key] !== alert[key]) input[key] = draft[key];
    const expires = draft.expires ? fromProvinceLocalInput(draft.expires) : null;
    if (expires !== (alert.expires ? new Date(alert.expires).toISOString() : null)) input.expires = expires;
    const answer = await update({ id: alert.id, input });
    if (answer.error || !answer.data) {
      setProblems(fieldProblemsOf(t, answer.error));
      setNotice(answer.error ? messageOf(t, answer.error) : null);
      return;
    }
    navigate(`/alerts/${answer.data.updateAlert.id}`);
  }

  async function submitCancel(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (cancelling.fetching) return;
    // Two steps: a cancellation goes to every branch at once.
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const answer = await cancel({ id: alert.id, reason });
    if (answer.error || !answer.data) {
      setProblems(fieldProblemsOf(t, answer.error));
      setNotice(answer.error ? messageOf(t, answer.error) : null);
      return;
    }
    navigate(`/alerts/${answer.data.cancelAlert.id}`);
  }

  const select = <V extends string>(key: 'urgency' | 'severity' | 'certainty' | 'tlp' | 'suspicionReason', values: readonly V[], label: (v: V) => string) => (
    <ChoiceField
      id={`upd-${key}`}
      label={t(`console.${key}`)}
      value={draft[key] as V}
      values={values}
      optionLabel={label}
      problem={problems[key]}
      onChange={(v) => setDraft((d) => ({ ...d, [key]: v }))}
    />
  );

  return (
    <div className="change-alert">
      <form onSubmit={submitUpdate} aria-labelledby="update-title">
        <h2 id="update-title">{t('board.update')}</h2>
        <div className="grid">
          <Field id="upd-headline" label={t('console.headline')} problem={problems.headline} wide>
            <input id="upd-headline" value={draft.headline} maxLength={160} onChange={(e) => setDraft((d) => ({ ...d, headline: e.target.value }))} {...described('upd-headline', problems.headline, false)} />
          </Field>
          <Field id="upd-description" label={t('console.description')} problem={problems.description} wide>
            <textarea id="upd-description" rows={3} value={draft.description} onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))} {...described('upd-description', problems.description, false)} />
          </Field>
          <Field id="upd-instruction" label={t('console.instruction')} problem={problems.instruction} wide>
            <textarea id="upd-instruction" rows={2} value={draft.instruction} onChange={(e) => setDraft((d) => ({ ...d, instruction: e.target.value }))} {...described('upd-instruction', problems.instruction, false)} />
          </Field>
          <Field id="upd-tracking" label={t('console.trackingNumber')} problem={problems['shipment.trackingNumber']}>
            <input id="upd-tracking" className="tracking-input" value={draft.trackingNumber} onChange={(e) => setDraft((d) => ({ ...d, trackingNumber: e.target.value }))} {...described('upd-tracking', problems['shipment.trackingNumber'], false)} />
          </Field>
          {select('urgency', URGENCIES, (v) => t(`alert.urgency.${v}`))}
          {select('severity', SEVERITIES, (v) => t(`alert.severity.${v}`))}
          {select('certainty', CERTAINTIES, (v) => t(`alert.certainty.${v}`))}
          {select('tlp', TLPS, (v) => `TLP:${v.replace('_', '+')}`)}
          {select('suspicionReason', REASONS, (v) => t(`alert.reason.${v}`))}
          <Field id="upd-expires" label={t('console.expires')} problem={problems.expires}>
            <input id="upd-expires" type="datetime-local" value={draft.expires} onChange={(e) => setDraft((d) => ({ ...d, expires: e.target.value }))} {...described('upd-expires', problems.expires, false)} />
          </Field>
        </div>
        <button type="submit" className="primary" disabled={updating.fetching}>
          {t('board.updateSubmit')}
        </button>
      </form>
      <form onSubmit={submitCancel} aria-labelledby="cancel-title">
        <h2 id="cancel-title">{t('board.cancel')}</h2>
        <Field id="cancel-reason" label={t('board.cancelReason')} problem={problems.reason} wide>
          <textarea id="cancel-reason" rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} {...described('cancel-reason', problems.reason, false)} />
        </Field>
        {confirming ? (
          <div className="confirm" role="group" aria-label={t('board.cancelConfirm')}>
            <p>{t('board.cancelConfirm')}</p>
            <button type="submit" className="danger" disabled={cancelling.fetching}>
              {t('board.cancelConfirmYes')}
            </button>{' '}
            <button type="button" onClick={() => setConfirming(false)}>
              {t('board.cancelConfirmNo')}
            </button>
          </div>
        ) : (
          <button type="submit" className="danger" disabled={cancelling.fetching || reason.trim() === ''}>
            {t('board.cancelSubmit')}
          </button>
        )}
      </form>
      {notice && (
        <p className="notice error" role="alert">
          {notice}
        </p>
      )}
    </div>
  );
}
