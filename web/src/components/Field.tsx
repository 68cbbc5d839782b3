import type { ReactNode } from 'react';

/**
 * A labelled control with its problem beside it: the label names the control, the problem (the server's
 * `extensions.fields` message or a check made while typing) is linked with aria-describedby.
 */
export function Field({ id, label, problem, hint, children, wide = false }: {
  id: string;
  label: string;
  problem?: string | null;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`field${wide ? ' wide' : ''}${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !problem && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problem && (
        <p className="problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** aria-describedby / aria-invalid for the control inside a Field. */
export function described(id: string, problem: string | null | undefined, hint: boolean): { 'aria-describedby'?: string; 'aria-invalid'?: boolean } {
  if (problem) return { 'aria-describedby': `${id}-problem`, 'aria-invalid': true };
  return hint ? { 'aria-describedby': `${id}-hint` } : {};
}

/**
 * A labelled `<select>` of `values` (shown through `label`), with an empty first choice when `placeholder` is
 * given, and its problem beside it.
 */
export function ChoiceField<V extends string>({ id, label, value, values, optionLabel, problem, placeholder, onChange }: {
  id: string;
  label: string;
  value: V | '';
  values: readonly V[];
  optionLabel(value: V): string;
  problem?: string | null;
  placeholder?: string;
  onChange(value: V): void;
}) {
  return (
    <Field id={id} label={label} problem={problem}>
      <select id={id} value={value} required={placeholder !== undefined} onChange={(e) => onChange(e.target.value as V)} {...described(id, problem, false)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {optionLabel(v)}
          </option>
        ))}
      </select>
    </Field>
  );
}
