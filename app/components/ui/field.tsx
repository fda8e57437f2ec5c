import { useId, type InputHTMLAttributes, type ReactNode } from "react";

type FieldProps = {
  label: ReactNode;
  name: string;
  error?: string | null;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input whose error and hint are announced with it. */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type SelectFieldProps = {
  label: ReactNode;
  name: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  error?: string | null;
};

export function SelectField({ label, name, options, defaultValue, error }: SelectFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={errorId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A message about the whole form, read out when it appears. */
export function FormMessage({ kind = "error", children }: { kind?: "error" | "success"; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`form-message form-message--${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

type CheckboxGroupProps = {
  legend: ReactNode;
  name: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  hint?: ReactNode;
  error?: string | null;
};

/** Checkboxes under one legend; the hint and error are announced with the group. */
export function CheckboxGroup({ legend, name, options, checked, hint, error }: CheckboxGroupProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    // aria-invalid is not for groups (ARIA 1.2); the error is the group's description instead.
    <fieldset className="checkbox-group" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="checkbox-group__options">
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
