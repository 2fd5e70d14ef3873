import { Button, ErrorState, Flex, LoadingSpinner, Tab, Tabs, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type ModelSummary, type ModelVersions, type PublishResponse } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useRequest } from '../api/use-request.js';
import { AnalysisTab } from './analysis/AnalysisTab.js';
import { DraftEditor } from './DraftEditor.js';
import { ImportExportPanel } from './ImportExportPanel.js';
import { PreviewPanel } from './PreviewPanel.js';
import { PublishPanel } from './PublishPanel.js';
import { RescoreProgressBar } from './RescoreProgressBar.js';
import { TestPanel } from './TestPanel.js';
import type { SettingsActions } from './types.js';
import { useDraft } from './use-draft.js';
import { useProperties } from './use-properties.js';
import { useRescore } from './use-rescore.js';
import { VersionsPanel } from './VersionsPanel.js';

/** Everything about one model: edit the draft, try it, publish it, roll back, import / export. */
export function ModelWorkspace(props: {
  summary: ModelSummary; actions: SettingsActions; timeZone?: string; pollIntervalMs: number; onModelsChanged: () => void;
}) {
  const { actions, summary } = props;
  const modelId = summary.id;
  const client = useApi();
  const draft = useDraft(modelId);
  const versions = useRequest<ModelVersions>(`versions:${modelId}`, () => client.call(api.listVersions, { params: { modelId } }));
  const rescore = useRescore(modelId, props.pollIntervalMs);
  const catalog = useProperties();
  const tz = props.timeZone ? { timeZone: props.timeZone } : {};
  // The analysis tab loads its reports only once opened, so the other tabs never wait on (or fail with) them.
  const [analysisOpened, setAnalysisOpened] = useState(false);

  const onPublished = (r: PublishResponse) => {
    rescore.follow(r.rescore);
    versions.refresh();
    draft.refresh();
    props.onModelsChanged();
  };

  if (draft.state.status === 'loading') return <LoadingSpinner testId="draft-loading" label="Loading the draft…" showLabel />;
  if (draft.state.status === 'error') {
    return (
      <ErrorState testId="draft-error" title="The draft could not be loaded">
        <Text>{describeError(draft.state.error)}</Text>
        <Button testId="draft-retry" onClick={draft.reload}>Try again</Button>
      </ErrorState>
    );
  }
  const v = versions.state.status === 'success' ? versions.state.data : null;
  return (
    <Flex direction="column" gap="md">
      {rescore.progress ? <RescoreProgressBar progress={rescore.progress} /> : null}
      <Tabs defaultSelected="edit" onSelectedChange={(id: string | number) => { if (id === 'analysis') setAnalysisOpened(true); }}>
        <Tab tabId="edit" title={draft.dirty ? 'Edit draft •' : 'Edit draft'}>
          <DraftEditor draft={draft} actions={actions} catalog={catalog} onSaved={props.onModelsChanged} />
        </Tab>
        <Tab tabId="try" title="Test & preview">
          <Flex direction="column" gap="lg">
            <TestPanel modelId={modelId} draft={draft} {...tz} />
            <PreviewPanel modelId={modelId} draft={draft} />
          </Flex>
        </Tab>
        <Tab tabId="publish" title="Publish & versions">
          <Flex direction="column" gap="lg">
            <PublishPanel modelId={modelId} draft={draft} publishedVersion={v?.publishedVersion ?? null} actions={actions} onPublished={onPublished}
              hasDraft={summary.draftUpdatedAt !== null || summary.publishedVersion === null} />
            {v ? <VersionsPanel modelId={modelId} versions={v} actions={actions} onPublished={onPublished} {...tz} />
              : versions.state.status === 'error' ? <Text testId="versions-error">{describeError(versions.state.error)}</Text>
                : <LoadingSpinner label="Loading versions…" />}
          </Flex>
        </Tab>
        <Tab tabId="json" title="Import / export">
          <ImportExportPanel modelId={modelId} versions={v?.versions.map((x) => x.version) ?? []} actions={actions}
            onImported={(d) => { if (d.modelId === modelId) draft.adopt(d); props.onModelsChanged(); }} />
        </Tab>
        <Tab tabId="analysis" title="Analysis">
          {analysisOpened ? <AnalysisTab modelId={modelId} draft={draft} actions={actions} pollIntervalMs={props.pollIntervalMs} {...tz} /> : null}
        </Tab>
      </Tabs>
    </Flex>
  );
}
