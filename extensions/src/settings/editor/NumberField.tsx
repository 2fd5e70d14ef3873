import { Input } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';
import { useEditorEnv } from './editor-context.js';
import { fieldError, type Issues } from './issues.js';

/** "12", "-5", "0.5", "1,000", "−40" (a typographic minus, as the card prints it): the number, else null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/\u2212/g, '-').replace(/,(?=\d{3}\b)/g, '');
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/**
 * A number in the model. Text that is not a number stays in the box, marked invalid, and never reaches the
 * model ("lots" used to become 0 and be saved); the editor's Save refuses while any such field is left. A text
 * `Input` rather than `NumberInput`, because only a text box can keep showing what the user typed.
 */
export function NumberField(props: {
  testId: string; label: string; path: string; value: number | undefined; issues: Issues; onChange: (n: number | undefined) => void;
  /** Empty means "no value" (an optional cap); otherwise empty is invalid. */
  optional?: boolean;
  description?: string;
}) {
  const { path, value, optional, onChange } = props;
  const { reportInvalid } = useEditorEnv();
  const [rejected, setRejected] = useState<string | null>(null);
  useEffect(() => () => reportInvalid(path, null), [path, reportInvalid]);

  const commit = (text: string) => {
    const n = parseNumber(text);
    if (n === null && !(optional && text.trim() === '')) {
      setRejected(text);
      reportInvalid(path, 'must be a number');
      return;
    }
    setRejected(null);
    reportInvalid(path, null);
    if (n !== value) onChange(n ?? undefined);
  };
  const shown = rejected ?? (value === undefined ? '' : String(value));
  const problem = rejected !== null ? { error: true, validationMessage: `${props.label} must be a number` } : fieldError(props.issues, path);
  return (
    <Input testId={props.testId} label={props.label} name={path} value={shown} onChange={commit}
      {...(props.description ? { description: props.description } : {})} {...problem} />
  );
}
