import { Button, Flex, Input, NumberInput, Select } from '@hubspot/ui-extensions';
import type { Decay, EventRule } from '../../../../src/contract/index.js';
import { ConditionEditor } from './ConditionEditor.js';
import { fieldError, key, type Issues } from './issues.js';

type DecayKind = Decay['kind'];
const DECAY_OPTIONS: { value: DecayKind; label: string }[] = [
  { value: 'none', label: 'No decay' },
  { value: 'linear', label: 'Linear to zero over N days' },
  { value: 'halfLife', label: 'Halves every N days' },
  { value: 'window', label: 'Full points for N days, then none' },
];

/** Optional numbers: an empty or invalid input removes the setting rather than storing NaN. */
const optional = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);

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
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" wrap>
        <Input testId={`event-type:${path}`} label="Event type" name={key(eventPath, 'type')} value={rule.event.type}
          description="page_view, form_submission, email_open, email_click, email_reply, meeting_booked, call…"
          {...fieldError(issues, key(eventPath, 'type'))} onChange={(type) => onChange({ ...rule, event: { ...rule.event, type } })} />
        <NumberInput testId={`event-within:${path}`} label="Only events of the last N days" name={key(path, 'withinDays')}
          {...(rule.withinDays !== undefined ? { value: rule.withinDays } : {})} {...fieldError(issues, key(path, 'withinDays'))}
          onChange={(n) => onChange(without(rule, 'withinDays', optional(n)))} />
        <NumberInput testId={`event-max:${path}`} label="Cap (max points)" name={key(path, 'maxPoints')}
          {...(rule.maxPoints !== undefined ? { value: rule.maxPoints } : {})} {...fieldError(issues, key(path, 'maxPoints'))}
          onChange={(n) => onChange(without(rule, 'maxPoints', optional(n)))} />
      </Flex>
      <Flex direction="row" gap="xs" wrap>
        <Select testId={`decay-kind:${path}`} label="Decay" name={key(decayPath, 'kind')} value={decay.kind} options={DECAY_OPTIONS}
          {...fieldError(issues, decayPath)}
          onChange={(kind) => onChange(without(rule, 'decay', kind === 'none' ? undefined : ({ kind, days: 'days' in decay ? decay.days : 30 } as Decay)))} />
        {'days' in decay ? (
          <NumberInput testId={`decay-days:${path}`} label="Days" name={key(decayPath, 'days')} value={decay.days}
            {...fieldError(issues, key(decayPath, 'days'))} onChange={(days) => onChange({ ...rule, decay: { ...decay, days } })} />
        ) : null}
      </Flex>
      {rule.event.where ? (
        <>
          <ConditionEditor value={rule.event.where} path={key(eventPath, 'where')} issues={issues}
            onChange={(where) => onChange({ ...rule, event: { ...rule.event, where } })} />
          <Button testId={`event-where-remove:${path}`} size="xs" variant="transparent"
            onClick={() => onChange({ ...rule, event: { type: rule.event.type } })}>Count every event of this type</Button>
        </>
      ) : (
        <Button testId={`event-where-add:${path}`} size="xs" variant="secondary"
          onClick={() => onChange({ ...rule, event: { ...rule.event, where: { property: 'url', op: 'contains', value: '/pricing' } } })}>
          Only events where…
        </Button>
      )}
    </Flex>
  );
}
