import { Alert, BarChart, Flex, Heading, LoadingButton, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type PreviewResponse } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { formatCount, plural } from './plural.js';
import type { DraftState } from './use-draft.js';

/** The draft's effect over the portal's contacts before publishing: score distribution and stage changes. */
export function PreviewPanel(props: { modelId: string; draft: DraftState }) {
  const client = useApi();
  const [preview, setPreview] = useState<PreviewResponse | null>(null);
  const run = useAction(() =>
    client.call(api.previewDraft, { params: { modelId: props.modelId }, body: props.draft.model ? { model: props.draft.model } : {} }));
  return (
    <Flex direction="column" gap="sm">
      <Heading>Preview over your contacts</Heading>
      <LoadingButton testId="preview-run" loading={run.busy} onClick={async () => { const r = await run.run(); if (r.ok) setPreview(r.value); }}>
        Preview the draft
      </LoadingButton>
      {run.error ? <Alert testId="preview-error" title="The preview failed" variant="danger">{describeError(run.error)}</Alert> : null}
      {preview ? <PreviewResult preview={preview} /> : null}
    </Flex>
  );
}

function PreviewResult(props: { preview: PreviewResponse }) {
  const { preview } = props;
  const data = preview.histogram.flatMap((b) => [
    { range: `${b.from}–${b.to}`, version: 'Published', contacts: b.published },
    { range: `${b.from}–${b.to}`, version: 'Draft', contacts: b.draft },
  ]);
  const { count, transitions } = preview.stageChanges;
  return (
    <Flex direction="column" gap="sm">
      <Text testId="preview-summary">
        {`${plural(preview.contacts, 'contact')}${preview.sampled ? ' (a sample)' : ''}: ${formatCount(count)} would change stage. Out of scope: ${formatCount(preview.outOfScope.draft)} under the draft, ${formatCount(preview.outOfScope.published)} now.`}
      </Text>
      <BarChart
        testId="preview-chart"
        data={data}
        axes={{ x: { field: 'range', fieldType: 'category', label: 'Total score' }, y: { field: 'contacts', fieldType: 'linear', label: 'Contacts' }, options: { groupFieldByColor: 'version' } }}
        options={{ title: 'Score distribution: published vs draft', showLegend: true }}
      />
      {transitions.length ? (
        <Table testId="preview-transitions" density="condensed">
          <TableHead><TableRow><TableHeader>From</TableHeader><TableHeader>To</TableHeader><TableHeader align="right">Contacts</TableHeader></TableRow></TableHead>
          <TableBody>
            {transitions.map((t) => (
              <TableRow key={`${t.from}>${t.to}`}><TableCell>{t.from}</TableCell><TableCell>{t.to}</TableCell><TableCell align="right">{formatCount(t.count)}</TableCell></TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Flex>
  );
}
