import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { RecordAgreementReviewMutation, type AgreementAgency } from '../../api/operations-agreements';
import { described, Field } from '../../components/Field';
import { provinceToday, SECTORS, treeOrder } from './agencies';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';
import { Buttons, PANEL_ID, TopRefusal, type PanelProps } from './panel-parts';

/** A review of a signed agreement: title, day, venue, findings, attending agencies (recordAgreementReview). */
export function ReviewPanel({ agreement, agencies, onDone, onCancel }: PanelProps & { agencies: readonly AgreementAgency[] }) {
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
