import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { CreateAgencyMutation, UpdateAgencyMutation, type OrgAgency } from '../../api/operations-organisation';
import { described, Field } from '../../components/Field';
import { NO_REFUSAL, refusalOf, type Refusal } from './refusals';
import { indent, LEVELS, type Level } from './tree-order';

/** What the agency form needs to know of the tree: the agencies a parent may be chosen from, in tree order. */
export interface ParentChoice {
  agency: OrgAgency;
  depth: number;
}

/**
 * Creates an agency under `parent` (createAgency: the parent's sector, a level not above the parent's) or changes
 * `agency` (updateAgency: code, name, address and, except for the coordinator's own agency, the agency it sits
 * under). Only the fields changed are sent; the server's refusals are shown beside the fields or at the top.
 */
export function AgencyForm({ mode, parent, agency, parents, ownAgencyId, onDone, onCancel }: {
  mode: 'create' | 'edit';
  /** For `create`: the agency the new one goes under. */
  parent?: OrgAgency;
  /** For `edit`: the agency changed. */
  agency?: OrgAgency;
  /** For `edit`: the agencies it may move under (not archived, not itself or under it), in tree order. */
  parents: readonly ParentChoice[];
  ownAgencyId: string;
  onDone(agency: OrgAgency, notice: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const levels = parent ? LEVELS.filter((level) => LEVELS.indexOf(level) >= LEVELS.indexOf(parent.level as Level)) : [];
  const [code, setCode] = useState(agency?.code ?? '');
  const [name, setName] = useState(agency?.name ?? '');
  const [address, setAddress] = useState(agency?.address ?? '');
  const [level, setLevel] = useState<Level>(levels[Math.min(1, levels.length - 1)] ?? 'BRANCH');
  const [parentId, setParentId] = useState(agency?.parent?.id ?? '');
  const [refusal, setRefusal] = useState<Refusal>(NO_REFUSAL);
  const [created, create] = useMutation(CreateAgencyMutation);
  const [updated, update] = useMutation(UpdateAgencyMutation);
  const first = useRef<HTMLInputElement>(null);
  const busy = created.fetching || updated.fetching;
  const prefix = `agency-${mode}`;
  const mayMove = mode === 'edit' && agency!.id !== ownAgencyId && agency!.parent !== null;

  useEffect(() => first.current?.focus(), []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    setRefusal(NO_REFUSAL);
    if (mode === 'create') {
      const answer = await create({
        input: { code: code.trim(), name, address: address.trim() || null, sector: parent!.sector, level, parentId: parent!.id },
      });
      if (answer.error || !answer.data) {
        if (answer.error) setRefusal(refusalOf(t, answer.error, ['code', 'name', 'address', 'level', 'parentId']));
        return;
      }
      onDone(answer.data.createAgency, t('organisation.agencyForm.created', { name: answer.data.createAgency.name }));
      return;
    }
    const current = agency!;
    const input = {
      ...(code.trim() !== current.code ? { code: code.trim() } : {}),
      ...(name !== current.name ? { name } : {}),
      ...((address.trim() || null) !== (current.address ?? null) ? { address: address.trim() || null } : {}),
      ...(mayMove && parentId !== (current.parent?.id ?? '') ? { parentId } : {}),
    };
    if (Object.keys(input).length === 0) {
      setRefusal({ fields: {}, top: t('problems.nothingToChange') });
      return;
    }
    const answer = await update({ id: current.id, input });
    if (answer.error || !answer.data) {
      if (answer.error) setRefusal(refusalOf(t, answer.error, ['code', 'name', 'address', 'parentId']));
      return;
    }
    onDone(answer.data.updateAgency, t('organisation.agencyForm.saved', { name: answer.data.updateAgency.name }));
  }

  const problems = refusal.fields;
  const title =
    mode === 'create' ? t('organisation.agencyForm.createTitle', { parent: parent!.name }) : t('organisation.agencyForm.editTitle', { name: agency!.name });
  return (
    <form className="org-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>{title}</h3>
      {refusal.top && (
        <p className="notice error" role="alert">
          {refusal.top}
        </p>
      )}
      <div className="grid">
        <Field id={`${prefix}-name`} label={t('organisation.agencyForm.name')} problem={problems.name} wide>
          <input ref={first} id={`${prefix}-name`} value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} {...described(`${prefix}-name`, problems.name, false)} />
        </Field>
        <Field id={`${prefix}-code`} label={t('organisation.agencyForm.code')} problem={problems.code} hint={t('organisation.agencyForm.codeHint')}>
          <input
            id={`${prefix}-code`}
            className="mono"
            value={code}
            maxLength={40}
            required
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            {...described(`${prefix}-code`, problems.code, true)}
          />
        </Field>
        {mode === 'create' && (
          <>
            <div className="field">
              <span className="field-label">{t('organisation.agencyForm.sector')}</span>
              <span>{t('organisation.agencyForm.sectorOfParent', { sector: t(`organisation.sector.${parent!.sector}`) })}</span>
            </div>
            <Field id={`${prefix}-level`} label={t('organisation.agencyForm.level')} problem={problems.level ?? problems.parentId}>
              <select id={`${prefix}-level`} value={level} onChange={(e) => setLevel(e.target.value as Level)} {...described(`${prefix}-level`, problems.level ?? problems.parentId, false)}>
                {levels.map((l) => (
                  <option key={l} value={l}>
                    {t(`organisation.level.${l}`)}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        {mode === 'edit' && (
          <Field
            id={`${prefix}-parent`}
            label={t('organisation.agencyForm.parent')}
            problem={problems.parentId}
            hint={agency!.id === ownAgencyId ? t('organisation.agencyForm.ownCannotMove') : mayMove ? t('organisation.agencyForm.parentHint') : undefined}
            wide
          >
            <select
              id={`${prefix}-parent`}
              value={parentId}
              disabled={!mayMove}
              onChange={(e) => setParentId(e.target.value)}
              {...described(`${prefix}-parent`, problems.parentId, agency!.id === ownAgencyId || mayMove)}
            >
              {!agency!.parent && <option value="">{t('organisation.details.top')}</option>}
              {parents.map(({ agency: choice, depth }) => (
                <option key={choice.id} value={choice.id}>
                  {`${indent(depth)}${choice.name} (${choice.code})`}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id={`${prefix}-address`} label={t('organisation.agencyForm.address')} problem={problems.address} wide>
          <input id={`${prefix}-address`} value={address} maxLength={300} onChange={(e) => setAddress(e.target.value)} {...described(`${prefix}-address`, problems.address, false)} />
        </Field>
      </div>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'create' ? t('organisation.agencyForm.create') : t('organisation.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('organisation.cancel')}
        </button>
      </div>
    </form>
  );
}
