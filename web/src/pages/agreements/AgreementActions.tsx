import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import {
  ArchiveAgreementMutation,
  RecordAgreementReviewMutation,
  SignAgreementMutation,
  SupersedeAgreementMutation,
  TerminateAgreementMutation,
  type AgreementAgency,
  type AgreementDetail as Agreement,
  type AgreementLink,
} from '../../api/operations-agreements';
import { described, Field } from '../../components/Field';
import { formatDay } from '../../lib/format';
import { navigate } from '../../lib/router';
import { AgreementForm, successorDraft, valuesOf } from './AgreementForm';
import { provinceToday, SECTORS, treeOrder } from './agencies';
import { agreementPath, shortened } from './common';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';

/** What a coordinator can open on an agreement, one at a time. */
type Panel = 'edit' | 'sign' | 'replaces' | 'successor' | 'terminate' | 'review' | 'archive' | 'draftSuccessor';

/** The actions each status allows (the API's lifecycle: DRAFT → ACTIVE → SUPERSEDED | TERMINATED). */
function panelsOf(agreement: Agreement): Panel[] {
  if (agreement.archivedAt) return [];
  switch (agreement.status) {
    case 'DRAFT':
      // A draft prepared to replace an agreement is put in force by superseding it, not by signing alone.
      return agreement.supersedes ? ['edit', 'replaces', 'archive'] : ['edit', 'sign', 'replaces', 'archive'];
    case 'ACTIVE':
      return ['successor', 'replaces', 'terminate', 'review', 'draftSuccessor'];
    default:
      return ['review', 'archive'];
  }
}

const PANEL_ID = 'agreement-panel';

/**
 * The coordinator's actions on one agreement: a button per action its status allows, each opening its form
 * below (edit or sign a draft, supersede, terminate, record a review, archive, draft a successor). Refusals are
 * shown in words beside the field concerned or at the top of the form. `onChanged` is told after each change,
 * with what to say.
 */
export function AgreementActions({ agreement, links, agencies, administered, administersAParty, onChanged }: {
  agreement: Agreement;
  links: readonly AgreementLink[];
  agencies: readonly AgreementAgency[];
  administered: ReadonlySet<string>;
  administersAParty: boolean;
  onChanged(message: string | null): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Panel | null>(null);
  const panels = panelsOf(agreement);

  if (!administersAParty) {
    return (
      <section className="agreement-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('agreements.actions.title')}</h2>
        <p className="muted">{t('agreements.actions.notYours')}</p>
      </section>
    );
  }
  if (panels.length === 0) {
    return (
      <section className="agreement-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('agreements.actions.title')}</h2>
        <p className="muted">{t('agreements.actions.archivedNone')}</p>
      </section>
    );
  }

  const close = () => setOpen(null);
  const done = (message: string) => {
    setOpen(null);
    onChanged(message);
  };

  return (
    <section className="agreement-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('agreements.actions.title')}</h2>
      <div className="toolbar">
        {panels.map((panel) => (
          <button
            key={panel}
            type="button"
            className={open === panel ? 'primary' : undefined}
            aria-expanded={open === panel}
            aria-controls={open === panel ? PANEL_ID : undefined}
            onClick={() => {
              onChanged(null);
              setOpen(open === panel ? null : panel);
            }}
          >
            {t(`agreements.actions.${panel}`)}
          </button>
        ))}
      </div>
      {open && (
        <div id={PANEL_ID} className="agreement-panel">
          <h3 id={`${PANEL_ID}-title`}>{t(`agreements.panel.${open}`)}</h3>
          {open === 'edit' && (
            <AgreementForm
              mode="edit"
              idPrefix={PANEL_ID}
              initial={valuesOf(agreement)}
              agreementId={agreement.id}
              agencies={agencies}
              administered={administered}
              links={links}
              onDone={() => done(t('agreements.done.saved'))}
              onCancel={close}
            />
          )}
          {open === 'draftSuccessor' && (
            <AgreementForm
              mode="create"
              idPrefix={PANEL_ID}
              initial={successorDraft(agreement)}
              agencies={agencies}
              administered={administered}
              links={links}
              onDone={(id) => navigate(agreementPath(id))}
              onCancel={close}
            />
          )}
          {open === 'sign' && <SignPanel agreement={agreement} onDone={done} onCancel={close} />}
          {(open === 'replaces' || open === 'successor') && <SupersedePanel direction={open} agreement={agreement} links={links} onDone={done} onCancel={close} />}
          {open === 'terminate' && <TerminatePanel agreement={agreement} onDone={done} onCancel={close} />}
          {open === 'review' && <ReviewPanel agreement={agreement} agencies={agencies} onDone={done} onCancel={close} />}
          {open === 'archive' && <ArchivePanel agreement={agreement} onDone={done} onCancel={close} />}
        </div>
      )}
    </section>
  );
}

interface PanelProps {
  agreement: Agreement;
  onDone(message: string): void;
  onCancel(): void;
}

/** The refusal at the top of a panel's form. */
function TopRefusal({ refusal }: { refusal: Refusal }) {
  if (!refusal.top) return null;
  return (
    <p className="notice error" role="alert">
      {refusal.top}
    </p>
  );
}

/** The submit and cancel buttons of a panel, or the confirmation question and its answers once asked. */
function Buttons({ submit, busy, onCancel, confirming, question, yes, onNo }: {
  submit: string;
  busy: boolean;
  onCancel(): void;
  confirming?: boolean;
  question?: ReactNode;
  yes?: string;
  onNo?(): void;
}) {
  const { t } = useTranslation();
  if (confirming) {
    return (
      <div className="confirm" role="group" aria-labelledby={`${PANEL_ID}-question`}>
        <p id={`${PANEL_ID}-question`}>{question}</p>
        <div className="toolbar">
          <button type="submit" className="danger" disabled={busy}>
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

/** DRAFT → ACTIVE: the signature day and the first day in force (signAgreement). */
function SignPanel({ agreement, onDone, onCancel }: PanelProps) {
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
function SupersedePanel({ direction, agreement, links, onDone, onCancel }: PanelProps & { direction: 'replaces' | 'successor'; links: readonly AgreementLink[] }) {
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

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.fetching) return;
    setRefusal(NO_REFUSAL);
    if (!oldOne || !newOne) {
      setRefusal({ fields: { choice: t('agreements.supersede.choose') }, top: null });
      return;
    }
    if (!confirming) {
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
        onNo={() => setConfirming(false)}
      />
    </form>
  );
}

/** ACTIVE → TERMINATED: the last day in force and the reason, confirmed (terminateAgreement). */
function TerminatePanel({ agreement, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [endedOn, setEndedOn] = useState(provinceToday());
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, terminate] = useMutation(TerminateAgreementMutation);
  const problems = refusal.fields;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.fetching) return;
    setRefusal(NO_REFUSAL);
    if (!confirming) {
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
        onNo={() => setConfirming(false)}
      />
    </form>
  );
}

/** A review of a signed agreement: title, day, venue, findings, attending agencies (recordAgreementReview). */
function ReviewPanel({ agreement, agencies, onDone, onCancel }: PanelProps & { agencies: readonly AgreementAgency[] }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState(provinceToday());
  const [venue, setVenue] = useState('');
  const [findings, setFindings] = useState('');
  const [attending, setAttending] = useState<string[]>(() => agreement.parties.map((p) => p.agency.id));
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, record] = useMutation(RecordAgreementReviewMutation);
  const problems = refusal.fields;
  const shown = new Set(['title', 'heldOn', 'venue', 'findings', 'attendingAgencyIds']);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.fetching) return;
    setRefusal(NO_REFUSAL);
    const answer = await record({ id: agreement.id, input: { title, heldOn, venue: venue.trim() || null, findings, attendingAgencyIds: attending } });
    if (answer.error || !answer.data) {
      setRefusal(answer.error ? refusalOf(t, answer.error, (f) => shown.has(f)) : NO_REFUSAL);
      return;
    }
    onDone(t('agreements.done.reviewed', { title: answer.data.recordAgreementReview.title }));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${PANEL_ID}-title`}>
      <div className="grid">
        <Field id="review-title" label={t('agreements.field.reviewTitle')} problem={problems.title} wide>
          <input id="review-title" value={title} maxLength={300} aria-required="true" onChange={(e) => setTitle(e.target.value)} {...described('review-title', problems.title, false)} />
        </Field>
        <Field id="review-held-on" label={t('agreements.field.heldOn')} problem={problems.heldOn}>
          <input id="review-held-on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} {...described('review-held-on', problems.heldOn, false)} />
        </Field>
        <Field id="review-venue" label={t('agreements.field.venue')} problem={problems.venue}>
          <input id="review-venue" value={venue} maxLength={300} onChange={(e) => setVenue(e.target.value)} {...described('review-venue', problems.venue, false)} />
        </Field>
        <Field id="review-findings" label={t('agreements.field.findings')} problem={problems.findings} hint={t('agreements.review.findingsHint')} wide>
          <textarea
            id="review-findings"
            rows={5}
            maxLength={20000}
            value={findings}
            aria-required="true"
            onChange={(e) => setFindings(e.target.value)}
            {...described('review-findings', problems.findings, true)}
          />
        </Field>
      </div>
      <fieldset className={`attendees${problems.attendingAgencyIds ? ' invalid' : ''}`} aria-describedby={problems.attendingAgencyIds ? 'review-attendees-problem' : undefined}>
        <legend>{t('agreements.field.attendingAgencies')}</legend>
        {SECTORS.map((sector) => (
          <div key={sector} className="attendee-sector" role="group" aria-labelledby={`review-sector-${sector}`}>
            <p id={`review-sector-${sector}`} className="attendee-sector-name">
              {t(`agreements.sector.${sector}`)}
            </p>
            {treeOrder(agencies, sector).map(({ agency, depth }) => (
              <label key={agency.id} className="inline attendee" style={{ paddingLeft: `${depth * 1.2}rem` }}>
                <input
                  type="checkbox"
                  checked={attending.includes(agency.id)}
                  onChange={(e) => setAttending(e.target.checked ? [...attending, agency.id] : attending.filter((a) => a !== agency.id))}
                />
                {agency.name}
              </label>
            ))}
          </div>
        ))}
        {problems.attendingAgencyIds && (
          <p className="problem" id="review-attendees-problem" role="alert">
            {problems.attendingAgencyIds}
          </p>
        )}
      </fieldset>
      <TopRefusal refusal={refusal} />
      <Buttons submit={t('agreements.review.submit')} busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}

/** Archives an agreement not in force, after a question (archiveAgreement). */
function ArchivePanel({ agreement, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [state, archive] = useMutation(ArchiveAgreementMutation);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (state.fetching) return;
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
        onNo={onCancel}
      />
    </form>
  );
}
