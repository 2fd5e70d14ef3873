import { Button, Flex, Heading, Input, Text } from '@hubspot/ui-extensions';
import type { Model } from '../../../../src/contract/index.js';
import { removeAt, replaceAt } from './defaults.js';
import { fieldError, index, key, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';

type Band = { name: string; min: number };

/** A list of `{ name, min }` rows (grade bands or stages), in order, first match wins. */
function BandList(props: { title: string; nameField: 'grade' | 'label'; path: string; rows: Band[]; issues: Issues; onChange: (rows: Band[]) => void }) {
  const { path, rows, issues, onChange } = props;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{props.title}</Heading>
      {issues.at(path) ? <Text variant="microcopy">{issues.at(path)}</Text> : null}
      {rows.map((row, i) => (
        <Flex key={i} direction="row" gap="xs" align="end">
          <Input testId={`band-name:${index(path, i)}`} label={props.nameField === 'grade' ? 'Grade' : 'Stage'} name={key(index(path, i), props.nameField)}
            value={row.name} {...fieldError(issues, key(index(path, i), props.nameField))} onChange={(name) => onChange(replaceAt(rows, i, { ...row, name }))} />
          <NumberField testId={`band-min:${index(path, i)}`} label="From score" path={key(index(path, i), 'min')} value={row.min} issues={issues}
            onChange={(min) => onChange(replaceAt(rows, i, { ...row, min: min ?? row.min }))} />
          <Button testId={`band-remove:${index(path, i)}`} size="xs" variant="transparent" onClick={() => onChange(removeAt(rows, i))}>Remove</Button>
        </Flex>
      ))}
      <Button testId={`band-add:${path}`} size="xs" variant="secondary" onClick={() => onChange([...rows, { name: '', min: 0 }])}>Add</Button>
    </Flex>
  );
}

/** Grade bands of both dimensions and the stages (SCORING-MODEL.md: first band whose `min` ≤ the score). */
export function BandsEditor(props: { model: Model; issues: Issues; onChange: (m: Model) => void }) {
  const { model, issues, onChange } = props;
  const grades = (d: 'fit' | 'engagement') => model.grades[d].map((b) => ({ name: b.grade, min: b.min }));
  const setGrades = (d: 'fit' | 'engagement', rows: Band[]) =>
    onChange({ ...model, grades: { ...model.grades, [d]: rows.map((r) => ({ grade: r.name, min: r.min })) } });
  return (
    <Flex direction="row" gap="lg" wrap>
      <BandList title="Fit grades" nameField="grade" path="grades.fit" rows={grades('fit')} issues={issues} onChange={(r) => setGrades('fit', r)} />
      <BandList title="Engagement grades" nameField="grade" path="grades.engagement" rows={grades('engagement')} issues={issues} onChange={(r) => setGrades('engagement', r)} />
      <BandList title="Stages (highest first)" nameField="label" path="stages" rows={model.stages.map((s) => ({ name: s.label, min: s.min }))} issues={issues}
        onChange={(rows) => onChange({ ...model, stages: rows.map((r) => ({ label: r.name, min: r.min })) })} />
    </Flex>
  );
}
