import { Divider, Flex } from '@hubspot/ui-extensions';
import type { SettingsActions } from '../types.js';
import type { DraftState } from '../use-draft.js';
import { CapacityPanel } from './CapacityPanel.js';
import { ForwardPanel } from './ForwardPanel.js';
import { SuggestionPanel } from './SuggestionPanel.js';

export interface AnalysisTabProps {
  modelId: string;
  draft: DraftState;
  actions: SettingsActions;
  pollIntervalMs: number;
  timeZone?: string;
  /** The clock the empty states count days with (tests pass a simulated one). */
  now?: () => number;
}

/**
 * The model's analysis: a model learnt from past conversions beside this one, its accuracy, a threshold from
 * sales capacity, and forward-looking accuracy from the app's dated scores. Mounted when its tab is first opened,
 * so the other tabs never wait on its requests.
 */
export function AnalysisTab(props: AnalysisTabProps) {
  const tz = props.timeZone ? { timeZone: props.timeZone } : {};
  return (
    <Flex direction="column" gap="lg">
      <SuggestionPanel modelId={props.modelId} draft={props.draft} actions={props.actions} pollIntervalMs={props.pollIntervalMs} {...tz} />
      <Divider />
      <CapacityPanel modelId={props.modelId} />
      <Divider />
      <ForwardPanel modelId={props.modelId} now={props.now ?? (() => Date.now())} {...tz} />
    </Flex>
  );
}
