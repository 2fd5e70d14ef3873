import { Button, Flex, Input, Select } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { Decay, EventRule } from '../../../../src/contract/index.js';
import { ConditionEditor } from './ConditionEditor.js';
import { attributesOf, EVENT_TYPES } from './event-types.js';
import { fieldError, key, type Issues } from './issues.js';
import { NumberField } from './NumberField.js';

const OTHER = '__other__';

type DecayKind = Decay['kind'];
const DECAY_OPTIONS: { value: DecayKind; label: string }[] = [
  { value: 'none', label: 'No decay' },
  { value: 'linear', label: 'Linear to zero over N days' },
  { value: 'halfLife', label: 'Halves every N days' },
  { value: 'window', label: 'Full points for N days, then none' },
];

function without<T extends object, K extends keyof T>(obj: T, k: K, v: T[K] | undefined): T {
  const copy = { ...obj };
  if (v === undefined) delete copy[k];
  else copy[k] = v;
  return copy;
}

/** An event rule's event type, optional `where`, window, cap (`maxPoints`) and decay. */
export function EventFields(props: { value: EventRule; path: string; issues: Issues; onChange: (r: EventRule) => void }) {
  const { value: rule, path, issues, onChange } = props;
  const eventPath = key(path, 'event');
  const decay = rule.decay ?? { kind: 'none' as const };
  const decayPath = key(path, 'decay');
  const [typing, setTyping] = useState(false);
  const known = EVENT_TYPES.some((t) => t.value === rule.event.type);
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" wrap>
        <Select testId={`event-type:${path}`} label="Event type" name={key(eventPath, 'type')} value={typing || !known ? OTHER : rule.event.type}
          options={[...EVENT_TYPES.map(({ value, label }) => ({ value, label })), { value: OTHER, label: 'Other (type its name)…' }]}
          {...fieldError(issues, key(eventPath, 'type'))}
          onChange={(v) => {
            setTyping(v === OTHER);
            if (v !== OTHER) onChange({ ...rule, event: { ...rule.event, type: String(v) } });
          }} />
        {typing || !known ? (
          <Input testId={`event-type-name:${path}`} label="Event type name" name={`${key(eventPath, 'type')}:name`} value={rule.event.type}
            description="Not one the app records yet: the rule never fires until it does" onChange={(type) => onChange({ ...rule, event: { ...rule.event, type } })} />
        ) : null}
        <NumberField testId={`event-within:${path}`} label="Only events of the last N days" path={key(path, 'withinDays')} optional
          value={rule.withinDays} issues={issues} onChange={(n) => onChange(without(rule, 'withinDays', n))} />
        <NumberField testId={`event-max:${path}`} label="Cap (max points)" path={key(path, 'maxPoints')} optional
          value={rule.maxPoints} issues={issues} onChange={(n) => onChange(without(rule, 'maxPoints', n))} />
      </Flex>
      <Flex direction="row" gap="xs" wrap>
        <Select testId={`decay-kind:${path}`} label="Decay" name={key(decayPath, 'kind')} value={decay.kind} options={DECAY_OPTIONS}
          {...fieldError(issues, decayPath)}
          onChange={(kind) => onChange(without(rule, 'decay', kind === 'none' ? undefined : ({ kind, days: 'days' in decay ? decay.days : 30 } as Decay)))} />
        {'days' in decay ? (
          <NumberField testId={`decay-days:${path}`} label="Days" path={key(decayPath, 'days')} value={decay.days} issues={issues}
            onChange={(days) => onChange({ ...rule, decay: { ...decay, days: days ?? decay.days } })} />
        ) : null}
      </Flex>
      {rule.event.where ? (
        <>
          <ConditionEditor value={rule.event.where} path={key(eventPath, 'where')} issues={issues} attributes={attributesOf(rule.event.type)}
            onChange={(where) => onChange({ ...rule, event: { ...rule.event, where } })} />
          <Button testId={`event-where-remove:${path}`} size="xs" variant="transparent"
            onClick={() => onChange({ ...rule, event: { type: rule.event.type } })}>Count every event of this type</Button>
        </>
      ) : (
        <Button testId={`event-where-add:${path}`} size="xs" variant="secondary"
          onClick={() => onChange({ ...rule, event: { ...rule.event, where: { property: EVENT_TYPES.find((t) => t.value === rule.event.type)?.attributes[0] ?? 'url', op: 'contains', value: '' } } })}>
          Only events where…
        </Button>
      )}
    </Flex>
  );
}
