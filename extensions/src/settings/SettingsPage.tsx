import {
  Button, EmptyState, ErrorState, Flex, Heading, LoadingButton, LoadingSpinner, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text,
} from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type ModelList } from '../../../src/contract/index.js';
import type { FetchLike } from '../api/client.js';
import { ApiProvider, useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { useRequest } from '../api/use-request.js';
import { DeletePortalDataPanel } from './DeletePortalDataPanel.js';
import { blankModel } from './editor/defaults.js';
import { ImportExportPanel } from './ImportExportPanel.js';
import { ModelWorkspace } from './ModelWorkspace.js';
import type { SettingsActions, SettingsContext } from './types.js';

export interface SettingsPageProps {
  context: SettingsContext;
  actions: SettingsActions;
  apiBaseUrl: string;
  fetch?: FetchLike;
  /** How often to poll a running rescore (ms). */
  pollIntervalMs?: number;
}

/** The app's settings page: the portal's scoring models and everything about each. */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <ApiProvider baseUrl={props.apiBaseUrl} context={props.context} {...(props.fetch ? { fetch: props.fetch } : {})}>
      <Flex direction="column" gap="lg">
        <SettingsBody {...props} />
        <DeletePortalDataPanel actions={props.actions} />
      </Flex>
    </ApiProvider>
  );
}

function SettingsBody(props: SettingsPageProps) {
  const client = useApi();
  const models = useRequest<ModelList>('models', () => client.call(api.listModels, {}));
  const [selected, setSelected] = useState<string | null>(null);
  const startBlank = useAction(() => client.call(api.importModel, { body: { json: JSON.stringify(blankModel(), null, 2) } }));
  const tz = props.context.portal.timezone ? { timeZone: props.context.portal.timezone } : {};

  if (models.state.status === 'loading') return <LoadingSpinner testId="settings-loading" label="Loading scoring models…" showLabel layout="centered" />;
  if (models.state.status === 'error') {
    return (
      <ErrorState testId="settings-error" title="The scoring models could not be loaded">
        <Text>{describeError(models.state.error)}</Text>
        <Button testId="settings-retry" onClick={models.reload}>Try again</Button>
      </ErrorState>
    );
  }
  const list = models.state.data.models;
  if (!list.length) {
    return (
      <Flex direction="column" gap="md">
        <EmptyState testId="settings-empty" title="No scoring model yet" imageName="leads">
          <Text>Start from a blank model (fit and engagement dimensions, A–D / 1–4 grades, MQL at 40 and SQL at 70), or paste a model JSON below.</Text>
          <LoadingButton testId="settings-start-blank" variant="primary" loading={startBlank.busy}
            onClick={async () => { const r = await startBlank.run(); if (r.ok) { setSelected(r.value.modelId); models.reload(); } }}>
            Start from a blank model
          </LoadingButton>
        </EmptyState>
        <ImportExportPanel modelId={null} versions={[]} actions={props.actions} onImported={(d) => { setSelected(d.modelId); models.reload(); }} />
      </Flex>
    );
  }
  const current = list.find((m) => m.id === selected) ?? list[0]!;
  return (
    <Flex direction="column" gap="md">
      <Heading>Scoring models</Heading>
      <Table testId="models-table" density="condensed">
        <TableHead><TableRow><TableHeader>Model</TableHeader><TableHeader>Live version</TableHeader><TableHeader>Draft</TableHeader><TableHeader>{''}</TableHeader></TableRow></TableHead>
        <TableBody>
          {list.map((m) => (
            <TableRow key={m.id} testId={`model-${m.id}`}>
              <TableCell>{`${m.name} (${m.id})`}</TableCell>
              <TableCell>{m.publishedVersion ? <StatusTag variant="success">{`v${m.publishedVersion}`}</StatusTag> : <StatusTag>Not published</StatusTag>}</TableCell>
              <TableCell>{m.draftUpdatedAt ? 'Unpublished changes' : 'Same as live'}</TableCell>
              <TableCell>
                {m.id === current.id ? <Text variant="microcopy">Editing</Text>
                  : <Button testId={`model-select-${m.id}`} size="xs" onClick={() => setSelected(m.id)}>Edit</Button>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <ModelWorkspace key={current.id} summary={current} actions={props.actions} pollIntervalMs={props.pollIntervalMs ?? 1000}
        onModelsChanged={models.refresh} {...tz} />
    </Flex>
  );
}
