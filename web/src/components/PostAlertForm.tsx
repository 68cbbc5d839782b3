import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useSessionQuery } from '../lib/use-session';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { AgencyTreeQuery, AgreementsQuery, PostAlertMutation, type Alert } from '../api/operations';
import { buildTree, reach, type TreeNode } from '../lib/agency-tree';
import { fieldProblemsOf, messageOf } from '../lib/errors';
import { fromProvinceLocalInput } from '../lib/format';
import { normaliseTrackingNumber, s10ProblemOf } from '../lib/s10';
import { ChoiceField, described, Field } from './Field';

export const URGENCIES = ['IMMEDIATE', 'EXPECTED', 'FUTURE', 'PAST', 'UNKNOWN'] as const;
export const SEVERITIES = ['EXTREME', 'SEVERE', 'MODERATE', 'MINOR', 'UNKNOWN'] as const;
export const CERTAINTIES = ['OBSERVED', 'LIKELY', 'POSSIBLE', 'UNLIKELY', 'UNKNOWN'] as const;
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export const REASONS = [
  'NARCOTICS', 'BANNED_GOODS', 'HAZARDOUS_SUBSTANCES', 'CASH_AND_VALUABLE_PAPERS', 'PRECIOUS_METALS_AND_STONES',
  'LIVE_ORGANISMS', 'STATE_SECRETS', 'SUBVERSIVE_MATERIAL', 'WEAPONS', 'CONSOLIDATED_PARCEL', 'OTHER',
] as const;
const STATUSES = ['ACTUAL', 'EXERCISE', 'TEST', 'SYSTEM', 'DRAFT'] as const;

type Urgency = (typeof URGENCIES)[number];
type Severity = (typeof SEVERITIES)[number];
type Certainty = (typeof CERTAINTIES)[number];
type Tlp = (typeof TLPS)[number];
type Reason = (typeof REASONS)[number];
type Status = (typeof STATUSES)[number];

interface Draft {
  headline: string;
  description: string;
  instruction: string;
  targetIds: Set<string>;
  trackingNumber: string;
  declaredContents: string;
  origin: string;
  destination: string;
  senderDescription: string;
  recipientDescription: string;
  urgency: Urgency | '';
  severity: Severity | '';
  certainty: Certainty | '';
  tlp: Tlp;
  suspicionReason: Reason | '';
  event: string;
  status: Status;
  expires: string;
  agreementId: string;
}

const EMPTY: Draft = {
  headline: '', description: '', instruction: '', targetIds: new Set(), trackingNumber: '', declaredContents: '', origin: '',
  destination: '', senderDescription: '', recipientDescription: '', urgency: '', severity: '', certainty: '', tlp: 'AMBER',
  suspicionReason: '', event: 'Suspicious shipment', status: 'ACTUAL', expires: '', agreementId: '',
};

/** Every field of `PostAlertInput`; nothing is posted twice, the server's refusals are shown beside their fields. */
export function PostAlertForm({ onPosted, onUncertain }: { onPosted(alert: Alert): void; onUncertain?(): void }) {
  const { t } = useTranslation();
  // CAP `event`: the kind of event, in the language the liaison works in.
  const empty = (): Draft => ({ ...EMPTY, targetIds: new Set(), event: t('console.eventDefault') });
  const [draft, setDraft] = useState<Draft>(empty);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [{ data: tree }] = useSessionQuery({ query: AgencyTreeQuery });
  const [{ data: agreements }] = useSessionQuery({ query: AgreementsQuery });
  const [posting, post] = useMutation(PostAlertMutation);
  const inFlight = useRef(false);

  const roots = useMemo(() => buildTree(tree?.agencies ?? []), [tree]);
  const reached = useMemo(() => reach(roots, draft.targetIds, draft.tlp === 'RED'), [roots, draft.targetIds, draft.tlp]);
  const tracking = normaliseTrackingNumber(draft.trackingNumber);
  const s10 = tracking ? s10ProblemOf(tracking) : null;
  const trackingHint = !tracking
    ? null
    : s10 === null
      ? t('console.trackingOk')
      : s10.kind === 'shape'
        ? t('console.trackingShape')
        : t('console.trackingCheckDigit', { given: s10.given, expected: s10.expected });

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }));
    setNotice((n) => (n?.kind === 'error' ? null : n));
    setProblems((p) => {
      const { [key === 'trackingNumber' ? 'shipment.trackingNumber' : key]: _gone, ...rest } = p;
      return rest;
    });
  };

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    // A second click while the first is on its way posts nothing.
    if (inFlight.current) return;
    setNotice(null);
    const missing: Record<string, string> = {};
    for (const key of ['urgency', 'severity', 'certainty', 'suspicionReason'] as const) {
      if (!draft[key]) missing[key] = t('console.required');
    }
    if (Object.keys(missing).length > 0) {
      setProblems(missing);
      return;
    }
    inFlight.current = true;
    try {
      const shipment = tracking
        ? {
            trackingNumber: tracking,
            declaredContents: draft.declaredContents.trim() || null,
            origin: draft.origin.trim() || null,
            destination: draft.destination.trim() || null,
            senderDescription: draft.senderDescription.trim() || null,
            recipientDescription: draft.recipientDescription.trim() || null,
          }
        : null;
      const answer = await post({
        input: {
          headline: draft.headline,
          description: draft.description,
          instruction: draft.instruction.trim() || null,
          targetIds: [...draft.targetIds],
          shipment,
          urgency: draft.urgency as Urgency,
          severity: draft.severity as Severity,
          certainty: draft.certainty as Certainty,
          tlp: draft.tlp,
          suspicionReason: draft.suspicionReason as Reason,
          event: draft.event,
          status: draft.status,
          expires: draft.expires ? fromProvinceLocalInput(draft.expires) : null,
          agreementId: draft.agreementId || null,
        },
      });
      if (answer.error || !answer.data) {
        setProblems(fieldProblemsOf(t, answer.error));
        // No answer at all: the request may have reached the server and posted (the list shows it, refreshed).
        const unanswered = !!answer.error && answer.error.graphQLErrors.length === 0;
        setNotice({ kind: 'error', text: unanswered ? t('errors.uncertain') : t('console.refused', { message: answer.error ? messageOf(t, answer.error) : '' }) });
        if (unanswered) onUncertain?.();
        return;
      }
      setDraft(empty());
      setProblems({});
      setNotice({ kind: 'ok', text: t('console.posted', { identifier: answer.data.postAlert.identifier }) });
      onPosted(answer.data.postAlert);
    } finally {
      inFlight.current = false;
    }
  }

  const text = (key: 'headline' | 'event', maxLength: number) => {
    const id = `post-${key}`;
    return (
      <Field id={id} label={t(`console.${key}`)} problem={problems[key]} wide={key === 'headline'}>
        <input id={id} value={draft[key]} maxLength={maxLength} onChange={(e) => set(key, e.target.value)} {...described(id, problems[key], false)} />
      </Field>
    );
  };
  const area = (key: 'description' | 'instruction', maxLength: number) => {
    const id = `post-${key}`;
    return (
      <Field id={id} label={t(`console.${key}`)} problem={problems[key]} wide>
        <textarea id={id} rows={3} value={draft[key]} maxLength={maxLength} onChange={(e) => set(key, e.target.value)} {...described(id, problems[key], false)} />
      </Field>
    );
  };
  const shipmentText = (key: 'declaredContents' | 'origin' | 'destination' | 'senderDescription' | 'recipientDescription') => {
    const id = `post-${key}`;
    const problem = problems[`shipment.${key}`];
    return (
      <Field id={id} label={t(`console.${key}`)} problem={problem}>
        <input id={id} value={draft[key]} maxLength={500} onChange={(e) => set(key, e.target.value)} {...described(id, problem, false)} />
      </Field>
    );
  };
  function choice<K extends 'urgency' | 'severity' | 'certainty' | 'tlp' | 'suspicionReason' | 'status', V extends string>(key: K, values: readonly V[], label: (v: V) => string, required: boolean) {
    return (
      <ChoiceField
        id={`post-${key}`}
        label={t(`console.${key as 'urgency'}`)}
        value={draft[key] as V | ''}
        values={values}
        optionLabel={label}
        problem={problems[key]}
        placeholder={required ? t('console.choose') : undefined}
        onChange={(v) => set(key, v as unknown as Draft[K])}
      />
    );
  }

  const toggleTarget = (id: string, on: boolean): void => {
    const next = new Set(draft.targetIds);
    if (on) next.add(id);
    else next.delete(id);
    set('targetIds', next);
  };
  const renderNode = (node: TreeNode) => (
    <li key={node.agency.id}>
      <label className="target">
        <input type="checkbox" checked={draft.targetIds.has(node.agency.id)} onChange={(e) => toggleTarget(node.agency.id, e.target.checked)} />
        {node.agency.name} <span className="muted">({t('console.branchesUnder', { count: node.branchIds.length })})</span>
      </label>
      {node.children.length > 0 && <ul>{node.children.map(renderNode)}</ul>}
    </li>
  );

  return (
    <form className="post-form" onSubmit={submit} noValidate aria-labelledby="post-title">
      <h2 id="post-title">{t('console.post')}</h2>
      <div className="grid">
        {text('headline', 160)}
        {area('description', 8000)}
        {area('instruction', 4000)}
      </div>
      <fieldset className={`targets${problems.targetIds ? ' invalid' : ''}`} aria-describedby="targets-reach">
        <legend>{t('console.targets')}</legend>
        <p className="hint">{t('console.targetsHint')}</p>
        <ul className="tree">{roots.map(renderNode)}</ul>
        <p id="targets-reach" className="reach" aria-live="polite">
          {draft.tlp === 'RED' ? t('console.redReach', { count: reached.size }) : t('console.reach', { count: reached.size })}
        </p>
        {problems.targetIds && (
          <p className="problem" role="alert">
            {problems.targetIds}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('console.shipmentSection')}</legend>
        <div className="grid">
          <Field id="post-trackingNumber" label={t('console.trackingNumber')} problem={problems['shipment.trackingNumber'] ?? problems.shipment} hint={trackingHint}>
            <input
              id="post-trackingNumber"
              className={`tracking-input${s10 ? ' suspect' : tracking ? ' ok' : ''}`}
              value={draft.trackingNumber}
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              onChange={(e) => set('trackingNumber', e.target.value)}
              {...described('post-trackingNumber', problems['shipment.trackingNumber'] ?? problems.shipment, trackingHint !== null)}
            />
          </Field>
          {shipmentText('declaredContents')}
          {shipmentText('origin')}
          {shipmentText('destination')}
          {shipmentText('senderDescription')}
          {shipmentText('recipientDescription')}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('console.classification')}</legend>
        <div className="grid">
          {choice('urgency', URGENCIES, (v) => t(`alert.urgency.${v}`), true)}
          {choice('severity', SEVERITIES, (v) => t(`alert.severity.${v}`), true)}
          {choice('certainty', CERTAINTIES, (v) => t(`alert.certainty.${v}`), true)}
          {choice('tlp', TLPS, (v) => `TLP:${v.replace('_', '+')}`, false)}
          {choice('suspicionReason', REASONS, (v) => t(`alert.reason.${v}`), true)}
          {choice('status', STATUSES, (v) => t(`alert.status.${v}`), false)}
          {text('event', 255)}
          <Field id="post-expires" label={t('console.expires')} problem={problems.expires}>
            <input id="post-expires" type="datetime-local" value={draft.expires} onChange={(e) => set('expires', e.target.value)} {...described('post-expires', problems.expires, false)} />
          </Field>
          <Field id="post-agreementId" label={t('console.agreement')} problem={problems.agreementId}>
            <select id="post-agreementId" value={draft.agreementId} onChange={(e) => set('agreementId', e.target.value)} {...described('post-agreementId', problems.agreementId, false)}>
              <option value="">{t('console.agreementDefault')}</option>
              {agreements?.agreements.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code} — {a.title}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>
      {notice && (
        <p className={notice.kind === 'ok' ? 'notice ok' : 'notice error'} aria-live="polite">
          {notice.text}
        </p>
      )}
      <button type="submit" className="primary" disabled={posting.fetching}>
        {posting.fetching ? t('console.posting') : t('console.submit')}
      </button>
    </form>
  );
}
