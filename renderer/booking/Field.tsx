// A labelled input with its hint and error tied to it for screen readers.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

export function Field(
  props: { label: string; hint?: string; error?: string | undefined; value: string; onValue: (value: string) => void } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onChange'
  >,
) {
  const { label, hint, error, value, onValue, id: givenId, ...input } = props;
  const autoId = useId();
  const id = givenId ?? autoId;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        value={value}
        onChange={(event) => onValue(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

export function ErrorNotice(props: { message: string; children?: ReactNode }) {
  return (
    <div className="error-notice" role="alert">
      <p>{props.message}</p>
      {props.children}
    </div>
  );
}
