import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import {
  AgencySignatoriesQuery,
  CreateAgreementMutation,
  UpdateAgreementMutation,
  type AgreementAgency,
  type AgreementDetail,
  type AgreementLink,
  type ScopeArea,
} from '../../api/operations-agreements';
import { described, Field } from '../../components/Field';
import { SCOPE_AREAS, shortened } from './common';
import { SECTORS, treeOrder } from './agencies';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';

/** One party as the form holds it. */
export interface PartyValues {
  /** Stable key of the row (rows can be removed). */
  key: number;
  agencyId: string;
  signatoryId: string;
  signatoryPosition: string;
  /** Who signs for it now, as the API shows it (for parties the coordinator does not administer). */
  currentSignatory: string | null;
}

/** What the form holds: the fields of CreateAgreementInput (code and supersedesId only when creating). */
export interface DraftValues {
  code: string;
  title: string;
  scopeAreas: ScopeArea[];
  signedOn: string;
  effectiveOn: string;
  expiresOn: string;
  supersedesId: string;
  parties: PartyValues[];
}

let nextKey = 1;
/** A new party row. */
export function partyRow(agencyId = '', signatoryId = '', signatoryPosition = '', currentSignatory: string | null = null): PartyValues {
  return { key: nextKey++, agencyId, signatoryId, signatoryPosition, currentSignatory };
}

/** An empty draft whose first party is `ownAgencyId` (the coordinator's agency), the second to choose. */
export function emptyDraft(ownAgencyId: string, administered: ReadonlySet<string>): DraftValues {
  return {
    code: '',
    title: '',
    scopeAreas: [],
    signedOn: '',
    effectiveOn: '',
    expiresOn: '',
    supersedesId: '',
    parties: [partyRow(administered.has(ownAgencyId) ? ownAgencyId : ''), partyRow()],
  };
}

/** A draft to succeed `agreement`: the same parties (no signatories yet) and scope, replacing it. */
export function successorDraft(agreement: AgreementDetail): DraftValues {
  return {
    code: '',
    title: '',
    scopeAreas: [...agreement.scopeAreas],
    signedOn: '',
    effectiveOn: '',
    expiresOn: '',
    supersedesId: agreement.id,
    parties: agreement.parties.map((p) => partyRow(p.agency.id)),
  };
}

/** The values of an existing draft, to edit it. */
export function valuesOf(agreement: AgreementDetail): DraftValues {
  return {
    code: agreement.code,
    title: agreement.title,
    scopeAreas: [...agreement.scopeAreas],
    signedOn: agreement.signedOn ?? '',
    effectiveOn: agreement.effectiveOn ?? '',
    expiresOn: agreement.expiresOn ?? '',
    supersedesId: agreement.supersedes?.id ?? '',
    parties: agreement.parties.map((p) => partyRow(p.agency.id, p.signatory?.id ?? '', p.signatoryPosition ?? '', p.signatory?.fullName ?? null)),
  };
}

/** Fields whose problems are shown beside them. */
const FORM_FIELDS = new Set(['code', 'title', 'scopeAreas', 'signedOn', 'effectiveOn', 'expiresOn', 'supersedesId', 'parties']);
const besideForm = (field: string) => FORM_FIELDS.has(field) || /^parties\.\d+\.(agencyId|signatoryId|signatoryPosition)$/.test(field);

/**
 * The form of a draft agreement: a new one (`createAgreement`: code, title, scope, days, two or more parties with
 * their signatories, the agreement it is to replace) or changes to a DRAFT (`updateAgreement`). A coordinator
 * names the signatory only of the parties they administer (the API's rule: each side names its own); the
 * others show who their side named.
 */
export function AgreementForm({ mode, idPrefix, initial, agreementId, agencies, administered, links, onDone, onCancel }: {
  mode: 'create' | 'edit';
  idPrefix: string;
  initial: DraftValues;
  /** The draft changed (edit mode). */
  agreementId?: string;
  agencies: readonly AgreementAgency[];
  administered: ReadonlySet<string>;
  links: readonly AgreementLink[];
  onDone(id: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<DraftValues>(initial);
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [creating, create] = useMutation(CreateAgreementMutation);
  const [updating, update] = useMutation(UpdateAgreementMutation);
  const busy = creating.fetching || updating.fetching;
  const problems = refusal.fields;
  const id = (name: string) => `${idPrefix}-${name}`;

  const replaceable = useMemo(
    () => links.filter((a) => a.status === 'ACTIVE' && !a.archivedAt && a.id !== agreementId).sort((a, b) => a.code.localeCompare(b.code, 'vi')),
    [links, agreementId],
  );

  function set<K extends keyof DraftValues>(key: K, value: DraftValues[K]): void {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function setParty(key: number, change: Partial<PartyValues>): void {
    setValues((v) => ({ ...v, parties: v.parties.map((p) => (p.key === key ? { ...p, ...change } : p)) }));
  }

  function partiesInput() {
    return values.parties.map((p) =>
      administered.has(p.agencyId)
        ? { agencyId: p.agencyId, signatoryId: p.signatoryId || null, signatoryPosition: p.signatoryPosition.trim() || null }
        : { agencyId: p.agencyId },
    );
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setRefusal(NO_REFUSAL);
    const common = {
      title: values.title,
      scopeAreas: values.scopeAreas,
      signedOn: values.signedOn || null,
      effectiveOn: values.effectiveOn || null,
      expiresOn: values.expiresOn || null,
      parties: partiesInput(),
    };
    if (mode === 'create') {
      const answer = await create({ input: { ...common, code: values.code, supersedesId: values.supersedesId || null } });
      if (answer.error || !answer.data) {
        setRefusal(answer.error ? refusalOf(t, answer.error, besideForm) : NO_REFUSAL);
        return;
      }
      onDone(answer.data.createAgreement.id);
      return;
    }
    const answer = await update({ id: agreementId!, input: common });
    if (answer.error || !answer.data) {
      setRefusal(answer.error ? refusalOf(t, answer.error, besideForm) : NO_REFUSAL);
      return;
    }
    onDone(answer.data.updateAgreement.id);
  }

  const dayField = (key: 'signedOn' | 'effectiveOn' | 'expiresOn') => (
    <Field id={id(key)} label={t(`agreements.field.${key}`)} problem={problems[key]}>
      <input id={id(key)} type="date" value={values[key]} onChange={(e) => set(key, e.target.value)} {...described(id(key), problems[key], false)} />
    </Field>
  );

  return (
    <form className="agreement-form" onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-title`}>
      <div className="grid">
        {mode === 'create' ? (
          <Field id={id('code')} label={t('agreements.field.code')} problem={problems.code} hint={t('agreements.form.codeHint')}>
            <input
              id={id('code')}
              value={values.code}
              maxLength={60}
              aria-required="true"
              onChange={(e) => set('code', e.target.value)}
              {...described(id('code'), problems.code, true)}
            />
          </Field>
        ) : (
          <div className="field">
            <span className="field-label">{t('agreements.field.code')}</span>
            <span className="mono">{values.code}</span>
          </div>
        )}
        <Field id={id('name')} label={t('agreements.field.title')} problem={problems.title} wide>
          <textarea
            id={id('name')}
            rows={2}
            value={values.title}
            maxLength={400}
            aria-required="true"
            onChange={(e) => set('title', e.target.value)}
            {...described(id('name'), problems.title, false)}
          />
        </Field>
        {dayField('signedOn')}
        {dayField('effectiveOn')}
        {dayField('expiresOn')}
        {mode === 'create' && (
          <Field id={id('supersedes')} label={t('agreements.form.supersedes')} problem={problems.supersedesId} hint={t('agreements.form.supersedesHint')} wide>
            <select id={id('supersedes')} value={values.supersedesId} onChange={(e) => set('supersedesId', e.target.value)} {...described(id('supersedes'), problems.supersedesId, true)}>
              <option value="">{t('agreements.form.replacesNothing')}</option>
              {replaceable.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code} — {shortened(a.title, 70)}
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>

      <fieldset className={`scope-choice${problems.scopeAreas ? ' invalid' : ''}`} aria-describedby={problems.scopeAreas ? id('scope-problem') : undefined}>
        <legend>{t('agreements.field.scopeAreas')}</legend>
        {SCOPE_AREAS.map((area) => (
          <label key={area} className="inline">
            <input
              type="checkbox"
              checked={values.scopeAreas.includes(area)}
              onChange={(e) => set('scopeAreas', e.target.checked ? [...values.scopeAreas, area] : values.scopeAreas.filter((a) => a !== area))}
            />
            {t(`agreements.scope.${area}`)}
          </label>
        ))}
        {problems.scopeAreas && (
          <p className="problem" id={id('scope-problem')} role="alert">
            {problems.scopeAreas}
          </p>
        )}
      </fieldset>

      <fieldset className={`parties-choice${problems.parties ? ' invalid' : ''}`} aria-describedby={problems.parties ? id('parties-problem') : undefined}>
        <legend>{t('agreements.field.parties')}</legend>
        <p className="hint">{mode === 'edit' ? t('agreements.form.partiesHintEdit') : t('agreements.form.partiesHint')}</p>
        {values.parties.map((party, index) => (
          <PartyFields
            key={party.key}
            idPrefix={id(`party-${party.key}`)}
            index={index}
            party={party}
            agencies={agencies}
            administered={administered}
            problems={problems}
            removable={values.parties.length > 2}
            onChange={(change) => setParty(party.key, change)}
            onRemove={() => set('parties', values.parties.filter((p) => p.key !== party.key))}
          />
        ))}
        {problems.parties && (
          <p className="problem" id={id('parties-problem')} role="alert">
            {problems.parties}
          </p>
        )}
        <button type="button" onClick={() => set('parties', [...values.parties, partyRow()])} disabled={values.parties.length >= 20}>
          {t('agreements.form.addParty')}
        </button>
      </fieldset>

      {refusal.top && (
        <p className="notice error" role="alert">
          {refusal.top}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'create' ? t('agreements.form.create') : t('agreements.form.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('agreements.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** One party: its agency, and (for a party the coordinator administers) who signs for it and in what position. */
function PartyFields({ idPrefix, index, party, agencies, administered, problems, removable, onChange, onRemove }: {
  idPrefix: string;
  index: number;
  party: PartyValues;
  agencies: readonly AgreementAgency[];
  administered: ReadonlySet<string>;
  problems: Record<string, string>;
  removable: boolean;
  onChange(change: Partial<PartyValues>): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const ours = party.agencyId !== '' && administered.has(party.agencyId);
  const [contacts] = useQuery({ query: AgencySignatoriesQuery, variables: { agencyId: party.agencyId }, pause: !ours });
  const signatories = [...(contacts.data?.contacts ?? [])].filter((c) => c.agency.id === party.agencyId).sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
  const agencyProblem = problems[`parties.${index}.agencyId`];
  const signatoryProblem = problems[`parties.${index}.signatoryId`];
  const positionProblem = problems[`parties.${index}.signatoryPosition`];
  const agencyId = `${idPrefix}-agency`;
  const signatoryId = `${idPrefix}-signatory`;
  const positionId = `${idPrefix}-position`;

  function chooseSignatory(contactId: string): void {
    const contact = signatories.find((c) => c.id === contactId);
    onChange({ signatoryId: contactId, signatoryPosition: party.signatoryPosition || contact?.position || '' });
  }

  return (
    <fieldset className="party">
      <legend>{t('agreements.form.party', { n })}</legend>
      <div className="grid">
        <Field id={agencyId} label={t('agreements.field.agency')} problem={agencyProblem}>
          <select
            id={agencyId}
            value={party.agencyId}
            onChange={(e) => onChange({ agencyId: e.target.value, signatoryId: '', signatoryPosition: '', currentSignatory: null })}
            {...described(agencyId, agencyProblem, false)}
          >
            <option value="">{t('agreements.form.chooseAgency')}</option>
            {SECTORS.map((sector) => (
              <optgroup key={sector} label={t(`agreements.sector.${sector}`)}>
                {treeOrder(agencies, sector).map(({ agency, depth }) => (
                  <option key={agency.id} value={agency.id}>
                    {'\u00a0\u00a0'.repeat(depth)}
                    {agency.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        {ours ? (
          <>
            <Field id={signatoryId} label={t('agreements.field.signatory')} problem={signatoryProblem}>
              <select id={signatoryId} value={party.signatoryId} onChange={(e) => chooseSignatory(e.target.value)} {...described(signatoryId, signatoryProblem, false)}>
                <option value="">{t('agreements.form.noSignatoryYet')}</option>
                {signatories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.fullName} — {c.position}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={positionId} label={t('agreements.field.signatoryPosition')} problem={positionProblem}>
              <input id={positionId} value={party.signatoryPosition} maxLength={200} onChange={(e) => onChange({ signatoryPosition: e.target.value })} {...described(positionId, positionProblem, false)} />
            </Field>
          </>
        ) : (
          party.agencyId !== '' && (
            <div className="field other-side">
              <span className="field-label">{t('agreements.field.signatory')}</span>
              <span>{party.currentSignatory ?? t('agreements.notNamed')}</span>
              <p className="hint">{t('agreements.form.otherSide')}</p>
            </div>
          )
        )}
      </div>
      {removable && (
        <button type="button" className="link-button" onClick={onRemove}>
          {t('agreements.form.removeParty', { n })}
        </button>
      )}
    </fieldset>
  );
}
