import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CreateContactMutation, UpdateContactMutation, type OrgAgency, type OrgContact } from '../../api/operations-organisation';
import { described, Field } from '../../components/Field';
import type { ParentChoice } from './AgencyForm';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';
import { indent } from './tree-order';

/** The roles a coordinator may give (auditors are appointed by the platform's operator). */
const ROLES = ['COORDINATOR', 'POLICE_LIAISON', 'BRANCH_OPERATOR'] as const;
type GivenRole = (typeof ROLES)[number];

/**
 * Creates a contact at `agency` (createContact: name, position, role, e-mail, telephone, initial password typed
 * twice) or changes `contact` (updateContact: the same but the password, and the agency it works at). Only the
 * fields changed are sent; on the coordinator's own account the role and the agency are not offered (the server
 * refuses them).
 */
export function ContactForm({ mode, agency, contact, agencies, own, onDone, onCancel }: {
  mode: 'create' | 'edit';
  /** The agency the contact is created at (create) or works at (edit). */
  agency: OrgAgency;
  contact?: OrgContact;
  /** Agencies a contact may move to (not archived), in tree order. */
  agencies: readonly ParentChoice[];
  /** True when `contact` is the signed-in coordinator. */
  own: boolean;
  onDone(contact: OrgContact, notice: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [fullName, setFullName] = useState(contact?.fullName ?? '');
  const [position, setPosition] = useState(contact?.position ?? '');
  const [role, setRole] = useState<GivenRole | ''>((contact?.role as GivenRole | null) ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [agencyId, setAgencyId] = useState(agency.id);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [created, create] = useMutation(CreateContactMutation);
  const [updated, update] = useMutation(UpdateContactMutation);
  const first = useRef<HTMLInputElement>(null);
  const busy = created.fetching || updated.fetching;
  const prefix = `contact-${mode}`;

  useEffect(() => first.current?.focus(), []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setRefusal(NO_REFUSAL);
    if (mode === 'create') {
      if (password !== repeat) {
        setRefusal({ fields: { repeat: t('organisation.contactForm.mismatch') }, top: null });
        return;
      }
      const answer = await create({
        input: {
          agencyId: agency.id,
          fullName,
          position,
          role: role || null,
          email: email.trim() || null,
          phone: phone.trim() || null,
          password: password || null,
        },
      });
      if (answer.error || !answer.data) {
        if (answer.error) setRefusal(refusalOf(t, answer.error, ['fullName', 'position', 'role', 'email', 'phone', 'password']));
        return;
      }
      setPassword('');
      setRepeat('');
      onDone(answer.data.createContact, t('organisation.contactForm.created', { name: answer.data.createContact.fullName }));
      return;
    }
    const current = contact!;
    const input = {
      ...(fullName !== current.fullName ? { fullName } : {}),
      ...(position !== current.position ? { position } : {}),
      ...(!own && (role || null) !== (current.role ?? null) ? { role: role || null } : {}),
      ...((email.trim() || null) !== (current.email ?? null) ? { email: email.trim() || null } : {}),
      ...((phone.trim() || null) !== (current.phone ?? null) ? { phone: phone.trim() || null } : {}),
      ...(!own && agencyId !== current.agency.id ? { agencyId } : {}),
    };
    if (Object.keys(input).length === 0) {
      setRefusal({ fields: {}, top: t('problems.nothingToChange') });
      return;
    }
    const answer = await update({ id: current.id, input });
    if (answer.error || !answer.data) {
      if (answer.error) setRefusal(refusalOf(t, answer.error, ['fullName', 'position', 'role', 'email', 'phone', 'agencyId']));
      return;
    }
    onDone(answer.data.updateContact, t('organisation.contactForm.saved', { name: answer.data.updateContact.fullName }));
  }

  const problems = refusal.fields;
  const title =
    mode === 'create' ? t('organisation.contactForm.createTitle', { agency: agency.name }) : t('organisation.contactForm.editTitle', { name: contact!.fullName });
  return (
    <form className="org-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{title}</h3>
      {refusal.top && (
        <p className="notice error" role="alert">
          {refusal.top}
        </p>
      )}
      <div className="grid">
        <Field id={`${prefix}-fullName`} label={t('organisation.contactForm.fullName')} problem={problems.fullName}>
          <input
            ref={first}
            id={`${prefix}-fullName`}
            value={fullName}
            maxLength={200}
            required
            autoComplete="off"
            onChange={(e) => setFullName(e.target.value)}
            {...described(`${prefix}-fullName`, problems.fullName, false)}
          />
        </Field>
        <Field id={`${prefix}-position`} label={t('organisation.contactForm.position')} problem={problems.position}>
          <input
            id={`${prefix}-position`}
            value={position}
            maxLength={200}
            required
            autoComplete="off"
            onChange={(e) => setPosition(e.target.value)}
            {...described(`${prefix}-position`, problems.position, false)}
          />
        </Field>
        {!own && (
          <Field id={`${prefix}-role`} label={t('organisation.contactForm.role')} problem={problems.role} hint={t('organisation.contactForm.roleHint')} wide>
            <select id={`${prefix}-role`} value={role} onChange={(e) => setRole(e.target.value as GivenRole | '')} {...described(`${prefix}-role`, problems.role, true)}>
              <option value="">{t('organisation.contactForm.noRole')}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${prefix}-email`} label={t('organisation.contactForm.email')} problem={problems.email}>
          <input
            id={`${prefix}-email`}
            type="email"
            value={email}
            maxLength={254}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setEmail(e.target.value)}
            {...described(`${prefix}-email`, problems.email, false)}
          />
        </Field>
        <Field id={`${prefix}-phone`} label={t('organisation.contactForm.phone')} problem={problems.phone} hint={t('organisation.contactForm.phoneHint')}>
          <input
            id={`${prefix}-phone`}
            type="tel"
            value={phone}
            maxLength={30}
            autoComplete="off"
            onChange={(e) => setPhone(e.target.value)}
            {...described(`${prefix}-phone`, problems.phone, true)}
          />
        </Field>
        {mode === 'edit' && !own && (
          <Field id={`${prefix}-agency`} label={t('organisation.contactForm.agency')} problem={problems.agencyId} wide>
            <select id={`${prefix}-agency`} value={agencyId} onChange={(e) => setAgencyId(e.target.value)} {...described(`${prefix}-agency`, problems.agencyId, false)}>
              {agencies.map(({ agency: choice, depth }) => (
                <option key={choice.id} value={choice.id}>
                  {`${indent(depth)}${choice.name} (${choice.code})`}
                </option>
              ))}
            </select>
          </Field>
        )}
        {mode === 'create' && (
          <>
            <Field id={`${prefix}-password`} label={t('organisation.contactForm.password')} problem={problems.password} hint={t('organisation.contactForm.passwordHint')}>
              <input
                id={`${prefix}-password`}
                type="password"
                value={password}
                autoComplete="new-password"
                onChange={(e) => setPassword(e.target.value)}
                {...described(`${prefix}-password`, problems.password, true)}
              />
            </Field>
            <Field id={`${prefix}-repeat`} label={t('organisation.contactForm.repeat')} problem={problems.repeat}>
              <input
                id={`${prefix}-repeat`}
                type="password"
                value={repeat}
                autoComplete="new-password"
                onChange={(e) => setRepeat(e.target.value)}
                {...described(`${prefix}-repeat`, problems.repeat, false)}
              />
            </Field>
          </>
        )}
      </div>
      {mode === 'edit' && !own && <p className="hint">{t('organisation.contactForm.sessionsHint')}</p>}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'create' ? t('organisation.contactForm.create') : t('organisation.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('organisation.cancel')}
        </button>
      </div>
    </form>
  );
}
