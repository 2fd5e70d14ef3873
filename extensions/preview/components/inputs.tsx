import { useEffect, useState, type ReactNode } from 'react';
import { OverlayFrame, reactions } from '../overlay.js';
import { str, tid, type P } from './props.js';

type Fn = (...args: unknown[]) => unknown;
const call = (f: unknown, ...args: unknown[]) => (typeof f === 'function' ? (f as Fn)(...args) : undefined);

function Field(p: P & { control: ReactNode }) {
  return (
    <label className={`hs-field${p.error ? ' has-error' : ''}`}>
      <span className="hs-label">{str(p.label)}{p.required ? ' *' : ''}{p.tooltip ? <span className="hs-tip" title={str(p.tooltip)}> ⓘ</span> : null}</span>
      {p.description ? <span className="hs-text micro">{str(p.description)}</span> : null}
      {p.control}
      {p.error && p.validationMessage ? <span className="hs-error">{str(p.validationMessage)}</span> : null}
    </label>
  );
}

/**
 * Text inputs as HubSpot's behave: typing updates the box and calls `onInput`; the value is committed with
 * `onChange` on blur (and Enter). The `value` prop re-syncs the box whenever the extension changes it.
 */
function useCommitted(p: P, parse: (raw: string) => unknown) {
  const [text, setText] = useState(str(p.value));
  useEffect(() => setText(str(p.value)), [p.value]);
  return {
    value: text,
    onChange: (e: { target: { value: string } }) => { setText(e.target.value); call(p.onInput, parse(e.target.value)); },
    onBlur: () => { if (text !== str(p.value)) call(p.onChange, parse(text)); call(p.onBlur, parse(text)); },
    onKeyDown: (e: { key: string }) => { if (e.key === 'Enter' && text !== str(p.value)) call(p.onChange, parse(text)); },
  };
}

export function Input(p: P) {
  const bind = useCommitted(p, (s) => s);
  return <Field {...p} control={<input className="hs-input" name={str(p.name)} placeholder={str(p.placeholder)} readOnly={Boolean(p.readOnly)} {...bind} {...tid(p)} />} />;
}

export function TextArea(p: P) {
  const bind = useCommitted(p, (s) => s);
  return <Field {...p} control={<textarea className="hs-input" name={str(p.name)} rows={typeof p.rows === 'number' ? p.rows : 4} readOnly={Boolean(p.readOnly)} {...bind} {...tid(p)} />} />;
}

export function NumberInput(p: P) {
  const bind = useCommitted(p, (s) => (s.trim() === '' ? Number.NaN : Number(s)));
  return <Field {...p} control={<input className="hs-input number" inputMode="decimal" name={str(p.name)} {...bind} {...tid(p)} />} />;
}

export function Select(p: P) {
  const options = (p.options ?? []) as { label: string; value: string | number | boolean }[];
  const current = options.findIndex((o) => o.value === p.value);
  return (
    <Field {...p} control={
      <select className="hs-input" name={str(p.name)} value={current < 0 ? '' : String(current)} {...tid(p)}
        onChange={(e) => { const o = options[Number(e.target.value)]; if (o) call(p.onChange, o.value); }}>
        {current < 0 ? <option value="">Select…</option> : null}
        {options.map((o, i) => <option key={i} value={String(i)}>{o.label}</option>)}
      </select>
    } />
  );
}

/** A multiple choice as a list of checkboxes (HubSpot draws a dropdown of checkable options). */
export function MultiSelect(p: P) {
  const options = (p.options ?? []) as { label: string; value: string | number | boolean }[];
  const value = Array.isArray(p.value) ? (p.value as unknown[]) : [];
  const toggle = (v: unknown, on: boolean) => call(p.onChange, on ? [...value, v] : value.filter((x) => x !== v));
  return (
    <Field {...p} control={
      <div className="hs-multiselect" role="group" {...tid(p)}>
        {options.map((o, i) => (
          <label key={i} className="hs-check">
            <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />{o.label}
          </label>
        ))}
      </div>
    } />
  );
}

export function Toggle(p: P) {
  return (
    <label className="hs-toggle" {...tid(p)}>
      <input type="checkbox" checked={Boolean(p.checked)} onChange={(e) => call(p.onChange, e.target.checked)} />
      <span className="track" /> {str(p.label)}
    </label>
  );
}

/** A button; with an `overlay` (a Modal) it opens that overlay on click, as HubSpot does. */
export function Button(p: P) {
  const [open, setOpen] = useState(false);
  const busy = Boolean(p.loading);
  const cls = `hs-button ${str(p.variant, 'secondary')} ${str(p.size)}`;
  return (
    <>
      <button type="button" className={cls} disabled={Boolean(p.disabled) || busy} {...tid(p)}
        onClick={(e) => { if (p.overlay) setOpen(true); call(p.onClick, { type: 'click', timeStamp: e.timeStamp }, reactions); }}>
        {busy ? <span className="hs-spin small" /> : null}{p.children}
      </button>
      {open && p.overlay ? <OverlayFrame onClose={() => setOpen(false)}>{p.overlay as ReactNode}</OverlayFrame> : null}
    </>
  );
}

export const LoadingButton = Button;

export function ButtonRow(p: P) {
  return <div className="hs-buttonrow" {...tid(p)}>{p.children}</div>;
}
