import { Button, Flex, Input, Select } from '@hubspot/ui-extensions';
import { useMemo, useState } from 'react';
import { useEditorEnv } from './editor-context.js';
import { fieldError, key, type Issues } from './issues.js';

const OTHER = '__other__';
const TYPE_WORDS: Record<string, string> = {
  string: 'text', number: 'number', enumeration: 'options', bool: 'yes / no', date: 'date', datetime: 'date and time',
};

/**
 * Picks a contact property by its label from the portal's definitions (HubSpot's own scoring tool works the same
 * way). "Other property…" keeps free entry for a property created later, or one this list does not know; while
 * the definitions are not available the internal name is typed, as before.
 */
export function PropertyPicker(props: { property: string; leafPath: string; issues: Issues; onChange: (name: string) => void }) {
  const { property, leafPath, issues, onChange } = props;
  const path = key(leafPath, 'property');
  const { catalog } = useEditorEnv();
  const [typing, setTyping] = useState(false);
  const options = useMemo(() => {
    const list = catalog?.list ?? [];
    const seen = new Map<string, number>();
    for (const p of list) seen.set(p.label, (seen.get(p.label) ?? 0) + 1);
    // Two properties may share a label (a custom copy of a HubSpot one): the internal name tells them apart.
    return [
      ...list.map((p) => ({ value: p.name, label: seen.get(p.label)! > 1 ? `${p.label} (${p.name})` : p.label })),
      { value: OTHER, label: 'Other property (type its internal name)…' },
    ];
  }, [catalog?.list]);
  const err = fieldError(issues, path);

  if (!catalog?.byName) {
    return (
      <Input testId={`leaf-property:${leafPath}`} label="Property (internal name)" name={path} value={property} {...err} onChange={onChange}
        {...(catalog?.loading ? { description: 'Loading this portal’s properties…' } : {})} />
    );
  }
  const known = catalog.byName.get(property);
  const free = typing || (!known && property !== '');
  return (
    <Flex direction="row" gap="xs" wrap align="end">
      <Select testId={`leaf-property:${leafPath}`} label="Property" name={path} value={free ? OTHER : property} options={options}
        {...(known ? { tooltip: `${known.name} · ${TYPE_WORDS[known.type] ?? known.type}` } : {})} {...(free ? {} : err)}
        onChange={(v) => {
          if (v === OTHER) { setTyping(true); return; }
          setTyping(false);
          onChange(String(v));
        }} />
      {free ? (
        <>
          <Input testId={`leaf-property-name:${leafPath}`} label="Internal name" name={`${path}:name`} value={property} {...err} onChange={onChange}
            description={property && !known ? 'Not in this portal’s property list: it scores once HubSpot has it.' : 'As HubSpot names it, e.g. jobtitle'} />
          <Button testId={`properties-refresh:${leafPath}`} size="xs" variant="transparent" onClick={catalog.refresh}>Reload properties</Button>
        </>
      ) : null}
    </Flex>
  );
}
