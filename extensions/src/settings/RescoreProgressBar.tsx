import { ProgressBar, Text } from '@hubspot/ui-extensions';
import type { RescoreProgress } from '../../../src/contract/index.js';
import { formatCount, plural } from './plural.js';

/** The background rescore after publish/rollback, as a progress bar ("1,234 of 5,000 contacts"). */
export function RescoreProgressBar(props: { progress: RescoreProgress }) {
  const { progress: p } = props;
  if (p.status === 'failed') {
    return <Text testId="rescore-failed">{`Rescoring under v${p.version} failed after ${plural(p.done, 'contact')}. It is retried automatically; check the app logs if it persists.`}</Text>;
  }
  const total = p.total ?? 0;
  const label = p.status === 'done'
    ? p.done === 1 ? `The 1 contact was rescored under v${p.version}.` : `All ${formatCount(p.done)} contacts rescored under v${p.version}.`
    : p.total === null ? `Counting contacts to rescore under v${p.version}…` : `${formatCount(p.done)} of ${plural(total, 'contact')} rescored under v${p.version}`;
  return (
    <ProgressBar testId="rescore-progress" title="Rescoring contacts" value={p.status === 'done' ? Math.max(p.done, 1) : p.done}
      maxValue={p.status === 'done' ? Math.max(p.done, 1) : Math.max(total, 1)} valueDescription={label} variant={p.status === 'done' ? 'success' : undefined} />
  );
}
