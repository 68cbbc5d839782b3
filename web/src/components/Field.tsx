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
