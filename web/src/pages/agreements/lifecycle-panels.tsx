import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { ArchiveAgreementMutation, SignAgreementMutation, SupersedeAgreementMutation, TerminateAgreementMutation, type AgreementLink } from '../../api/operations-agreements';
import { described, Field } from '../../components/Field';
import { formatDay } from '../../lib/format';
import { provinceToday } from './agencies';
import { shortened } from './common';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';
import { Buttons, PANEL_ID, TopRefusal, type PanelProps } from './panel-parts';

/** DRAFT → ACTIVE: the signature day and the first day in force (signAgreement). */
export function SignPanel({ agreement, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [signedOn, setSignedOn] = useState(agreement.signedOn ?? provinceToday());
  const [effectiveOn, setEffectiveOn] = useState(agreement.effectiveOn ?? '');
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, sign] = useMutation(SignAgreementMutation);
  const unsigned = agreement.parties.filter((p) => !p.signatory);
  const problems = refusal.fields;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.fetching) return;
    setRefusal(NO_REFUSAL);
    const answer = await sign({ id: agreement.id, input: { signedOn: signedOn || null, effectiveOn: effectiveOn || null } });
    if (answer.error || !answer.data) {
      setRefusal(answer.error ? refusalOf(t, answer.error, (f) => f === 'signedOn' || f === 'effectiveOn') : NO_REFUSAL);
      return;
    }
    onDone(t('agreements.done.signed', { code: agreement.code }));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${PANEL_ID}-title`}>
      <p className="hint">{t('agreements.sign.intro')}</p>
      {unsigned.length > 0 && <p className="hint">{t('agreements.sign.missing', { agencies: unsigned.map((p) => p.agency.name).join('; ') })}</p>}
      <div className="grid">
        <Field id="sign-signed-on" label={t('agreements.field.signedOn')} problem={problems.signedOn}>
          <input id="sign-signed-on" type="date" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} {...described('sign-signed-on', problems.signedOn, false)} />
        </Field>
        <Field id="sign-effective-on" label={t('agreements.field.effectiveOn')} problem={problems.effectiveOn} hint={t('agreements.sign.effectiveHint')}>
          <input id="sign-effective-on" type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} {...described('sign-effective-on', problems.effectiveOn, true)} />
        </Field>
      </div>
      <TopRefusal refusal={refusal} />
      <Buttons submit={t('agreements.sign.submit')} busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}

/**
 * supersedeAgreement: `replaces` — this agreement (a DRAFT, signed in the same step, or ACTIVE) takes the place of
 * an ACTIVE one chosen here; `successor` — this ACTIVE agreement is replaced by one chosen here.
 */
export function SupersedePanel({ direction, agreement, links, onDone, onCancel }: PanelProps & { direction: 'replaces' | 'successor'; links: readonly AgreementLink[] }) {
  const { t } = useTranslation();
  const choices = useMemo(
    () =>
      links
        .filter((a) => a.id !== agreement.id && !a.archivedAt && (a.status === 'ACTIVE' || (direction === 'successor' && a.status === 'DRAFT')))
        .sort((a, b) => a.code.localeCompare(b.code, 'vi')),
    [links, agreement.id, direction],
  );
  const preferred =
    direction === 'replaces'
      ? agreement.supersedes?.id
      : links.find((a) => a.status === 'DRAFT' && !a.archivedAt && a.supersedes?.id === agreement.id)?.id;
  const [chosen, setChosen] = useState(preferred && choices.some((c) => c.id === preferred) ? preferred : '');
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, supersede] = useMutation(SupersedeAgreementMutation);
  const other = choices.find((c) => c.id === chosen);
  const [oldOne, newOne] = direction === 'replaces' ? [other, agreement] : [agreement, other];
  const takesEffect = newOne ? (newOne.effectiveOn ?? newOne.signedOn) : null;

  /** The form's submission asks; only `confirmed` (the confirming button) acts. */
  async function submit(event?: FormEvent, confirmed = false): Promise<void> {
    event?.preventDefault();
    if (state.fetching) return;
    setRefusal(NO_REFUSAL);
    if (!oldOne || !newOne) {
      setRefusal({ fields: { choice: t('agreements.supersede.choose') }, top: null });
      return;
    }
    if (!confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const answer = await supersede({ newId: newOne.id, oldId: oldOne.id });
    if (answer.error || !answer.data) {
      setRefusal(answer.error ? refusalOf(t, answer.error, () => false) : NO_REFUSAL);
      return;
    }
    onDone(t('agreements.done.superseded', { old: oldOne.code, new: newOne.code }));
  }

  const question = oldOne && newOne && (
    <>
      {t('agreements.supersede.confirm', { old: oldOne.code, new: newOne.code })}{' '}
      {takesEffect ? t('agreements.supersede.endsOn', { old: oldOne.code, day: formatDay(takesEffect) }) : t('agreements.supersede.endsWhenInForce', { old: oldOne.code })}
    </>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${PANEL_ID}-title`}>
      <p className="hint">{direction === 'replaces' ? t('agreements.supersede.introReplaces') : t('agreements.supersede.introSuccessor')}</p>
      <Field id="supersede-choice" label={direction === 'replaces' ? t('agreements.supersede.replacedLabel') : t('agreements.supersede.successorLabel')} problem={refusal.fields.choice} wide>
        <select
          id="supersede-choice"
          value={chosen}
          onChange={(e) => {
            setChosen(e.target.value);
            setConfirming(false);
          }}
          {...described('supersede-choice', refusal.fields.choice, false)}
        >
          <option value="">{t('agreements.supersede.none')}</option>
          {choices.map((a) => (
            <option key={a.id} value={a.id}>
              {a.code} ({t(`agreements.status.${a.status}`)}) — {shortened(a.title, 70)}
            </option>
          ))}
        </select>
      </Field>
      {choices.length === 0 && <p className="muted">{t('agreements.supersede.noChoice')}</p>}
      <TopRefusal refusal={refusal} />
      <Buttons
        submit={t('agreements.supersede.submit')}
        busy={state.fetching}
        onCancel={onCancel}
        confirming={confirming}
        question={question}
        yes={t('agreements.supersede.yes')}
        onYes={() => void submit(undefined, true)}
        onNo={() => setConfirming(false)}
      />
    </form>
  );
}

/** ACTIVE → TERMINATED: the last day in force and the reason, confirmed (terminateAgreement). */
export function TerminatePanel({ agreement, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [endedOn, setEndedOn] = useState(provinceToday());
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, terminate] = useMutation(TerminateAgreementMutation);
  const problems = refusal.fields;

  /** The form's submission asks; only `confirmed` (the confirming button) acts. */
  async function submit(event?: FormEvent, confirmed = false): Promise<void> {
    event?.preventDefault();
    if (state.fetching) return;
    setRefusal(NO_REFUSAL);
    if (!confirmed) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    const answer = await terminate({ id: agreement.id, input: { endedOn, reason } });
    if (answer.error || !answer.data) {
      setRefusal(answer.error ? refusalOf(t, answer.error, (f) => f === 'endedOn' || f === 'reason') : NO_REFUSAL);
      return;
    }
    onDone(t('agreements.done.terminated', { code: agreement.code }));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${PANEL_ID}-title`}>
      <div className="grid">
        <Field id="terminate-ended-on" label={t('agreements.field.endedOn')} problem={problems.endedOn}>
          <input
            id="terminate-ended-on"
            type="date"
            value={endedOn}
            onChange={(e) => {
              setEndedOn(e.target.value);
              setConfirming(false);
            }}
            {...described('terminate-ended-on', problems.endedOn, false)}
          />
        </Field>
        <Field id="terminate-reason" label={t('agreements.field.terminationReason')} problem={problems.reason} wide>
          <textarea
            id="terminate-reason"
            rows={3}
            maxLength={2000}
            value={reason}
            aria-required="true"
            onChange={(e) => {
              setReason(e.target.value);
              setConfirming(false);
            }}
            {...described('terminate-reason', problems.reason, false)}
          />
        </Field>
      </div>
      <TopRefusal refusal={refusal} />
      <Buttons
        submit={t('agreements.terminate.submit')}
        busy={state.fetching}
        onCancel={onCancel}
        confirming={confirming}
        question={t('agreements.terminate.confirm', { code: agreement.code, day: endedOn ? formatDay(endedOn) : '' })}
        yes={t('agreements.terminate.yes')}
        onYes={() => void submit(undefined, true)}
        onNo={() => setConfirming(false)}
      />
    </form>
  );
}

/** Archives an agreement not in force, after a question (archiveAgreement). */
export function ArchivePanel({ agreement, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, archive] = useMutation(ArchiveAgreementMutation);

  /** The form's submission asks; only `confirmed` (the confirming button) acts. */
  async function submit(event?: FormEvent, confirmed = false): Promise<void> {
    event?.preventDefault();
    if (state.fetching) return;
    if (!confirmed) return;
    setRefusal(NO_REFUSAL);
    const answer = await archive({ id: agreement.id });
    if (answer.error || !answer.data) {
      setRefusal(answer.error ? refusalOf(t, answer.error, () => false) : NO_REFUSAL);
      return;
    }
    onDone(t('agreements.done.archived', { code: agreement.code }));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${PANEL_ID}-title`}>
      <TopRefusal refusal={refusal} />
      <Buttons
        submit=""
        busy={state.fetching}
        onCancel={onCancel}
        confirming
        question={t('agreements.archive.confirm', { code: agreement.code })}
        yes={t('agreements.archive.yes')}
        onYes={() => void submit(undefined, true)}
        onNo={onCancel}
      />
    </form>
  );
}
