import {
  Alert, Button, Flex, Heading, Input, LoadingButton, LoadingSpinner, Select, Statistics, StatisticsItem, Text,
} from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type LiveAccuracy, type Model, type SuggestionReport } from '../../../../src/contract/index.js';
import { useApi } from '../../api/context.js';
import { describeError } from '../../api/errors.js';
import { useRequest } from '../../api/use-request.js';
import { formatDateTime } from '../../format.js';
import type { SettingsActions } from '../types.js';
import type { DraftState } from '../use-draft.js';
import { AccuracyReportView, type ReportSeries } from './AccuracyReportView.js';
import { failedRunMessage } from './format-analysis.js';
import { LeakageAlert } from './LeakageAlert.js';
import { ModelDiffTable } from './ModelDiffTable.js';
import { useSuggestion } from './use-suggestion.js';

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
const REACHED = [{ label: 'Became a customer', value: 'customer' }, { label: 'Became an opportunity (or a customer)', value: 'opportunity' }];

/**
 * "Learn from past conversions": queues a learning run over the portal's contacts, follows it, and shows the
 * suggested model beside the current one (rule diff), leakage warnings, and both models' accuracy on the contacts
 * the suggestion did not learn from. "Use as the draft" puts it in the editor, unsaved, to review, test and publish.
 */
export function SuggestionPanel(props: { modelId: string; draft: DraftState; actions: SettingsActions; pollIntervalMs: number; timeZone?: string }) {
  const { modelId } = props;
  const run = useSuggestion(modelId, props.pollIntervalMs);
  const [extra, setExtra] = useState('');
  const [exclude, setExclude] = useState('');
  const [reached, setReached] = useState<'customer' | 'opportunity'>('customer');
  const status = run.status;
  const busy = run.starting || status?.status === 'queued' || status?.status === 'running';

  const start = async () => { await run.start({ reached, ...(list(extra).length ? { properties: list(extra) } : {}), ...(list(exclude).length ? { exclude: list(exclude) } : {}) }); };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Learn from past conversions</Heading>
      <Text>Reads up to 10,000 of your contacts with their history, learns a points model from those that converted (described as they were before converting) on 70% of them, and measures it and your live model on the other 30%.</Text>
      <Flex direction="row" gap="sm" wrap="wrap">
        <Select testId="analysis-reached" label="Converted means" name="reached" value={reached} options={REACHED}
          onChange={(v) => setReached(v === 'opportunity' ? 'opportunity' : 'customer')} />
        <Input testId="analysis-properties" label="Also consider these properties" name="properties" value={extra} placeholder="e.g. course_interest, budget" onChange={setExtra} />
        <Input testId="analysis-exclude" label="Leave out" name="exclude" value={exclude} placeholder="e.g. deal_notes" onChange={setExclude} />
      </Flex>
      <LoadingButton testId="analysis-start" variant="primary" loading={busy} onClick={start}>
        {status?.report ? 'Learn again' : 'Learn a model from past conversions'}
      </LoadingButton>
      {run.startError ? <Alert testId="analysis-start-error" title="The analysis could not be started" variant="danger">{describeError(run.startError)}</Alert> : null}
      {run.state.status === 'error' ? (
        <Alert testId="analysis-status-error" title="The analysis could not be loaded" variant="danger">
          {describeError(run.state.error)} <Button testId="analysis-retry" size="xs" onClick={run.reload}>Try again</Button>
        </Alert>
      ) : null}
      {status && (status.status === 'queued' || status.status === 'running')
        ? <LoadingSpinner testId="analysis-running" label={status.status === 'queued' ? 'Waiting for a worker…' : `Reading contacts from HubSpot: ${status.fetched} so far…`} showLabel />
        : null}
      {status?.status === 'failed' ? <FailedRun error={status.error} /> : null}
      {status?.report ? <SuggestionResult {...props} report={status.report} /> : null}
    </Flex>
  );
}

function SuggestionResult(props: { modelId: string; draft: DraftState; actions: SettingsActions; timeZone?: string; report: SuggestionReport }) {
  const { report, modelId } = props;
  const client = useApi();
  const live = useRequest<LiveAccuracy>(`live:${modelId}:${report.computedAt}`, () => client.call(api.liveAccuracy, { params: { modelId } }));
  const liveReport = live.state.status === 'success' ? live.state.data : null;
  const series: ReportSeries[] = [{ name: 'Suggested', report: report.accuracy }];
  if (liveReport?.report) series.push({ name: `Live v${liveReport.version}`, report: liveReport.report });
  const adopt = () => {
    props.draft.edit(report.suggested as Model);
    props.actions.addAlert({ type: 'success', message: 'The suggested model is in the editor as unsaved changes: review it, test it, then save and publish.' });
  };
  return (
    <Flex direction="column" gap="md">
      <Statistics testId="analysis-summary">
        <StatisticsItem label={report.sampledFrom && report.sampledFrom > report.contacts ? `Contacts read (a uniform sample of ${report.sampledFrom})` : 'Contacts read (every contact)'} number={report.contacts} />
        <StatisticsItem label="Learnt from (converted)" number={`${report.training.rows} (${report.training.positives})`} />
        <StatisticsItem label="Measured on (converted)" number={`${report.heldOut.rows} (${report.heldOut.positives})`} />
      </Statistics>
      <Text variant="microcopy" testId="analysis-computed">{`Learnt ${formatDateTime(report.computedAt, props.timeZone)}${report.currentVersion ? `, compared with live version ${report.currentVersion}` : ''}.`}</Text>
      <LeakageAlert leakage={report.leakage} />
      {report.diff ? <ModelDiffTable diff={report.diff} /> : <Text testId="analysis-no-current">Nothing is published yet: the suggestion would be the first version.</Text>}
      <Button testId="analysis-adopt" onClick={adopt}>Use the suggested model as the draft</Button>
      <AccuracyReportView testId="analysis-report" title="Accuracy on contacts the suggestion did not learn from" series={series} />
    </Flex>
  );
}

function FailedRun(props: { error: string | null }) {
  const m = failedRunMessage(props.error);
  return <Alert testId="analysis-failed" title={m.title} variant={m.variant}>{m.body}</Alert>;
}
