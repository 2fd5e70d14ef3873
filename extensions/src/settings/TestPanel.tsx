import { Alert, Box, Flex, Heading, Input, LoadingButton, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type ScoreView, type TestOnContactResponse } from '../../../src/contract/index.js';
import { Breakdown } from '../card/Breakdown.js';
import { useApi } from '../api/context.js';
import { describeErrorIssues } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import type { DraftState } from './use-draft.js';

/** Scores one contact under the draft as edited (saved or not) and under the published version, side by side. */
// `onInput` keeps the button in step with typing (HubSpot's `onChange` fires only on blur).
export function TestPanel(props: { modelId: string; draft: DraftState; timeZone?: string }) {
  const client = useApi();
  const [contactId, setContactId] = useState('');
  const [result, setResult] = useState<TestOnContactResponse | null>(null);
  const test = useAction((id: string) =>
    client.call(api.testDraft, { params: { modelId: props.modelId }, body: { contactId: id, ...(props.draft.model ? { model: props.draft.model } : {}) } }));
  const valid = /^\d{1,20}$/.test(contactId);
  const run = async () => {
    const r = await test.run(contactId);
    setResult(r.ok ? r.value : null);
  };
  return (
    <Flex direction="column" gap="sm">
      <Heading>Test on a contact</Heading>
      <Flex direction="row" gap="xs" align="end">
        <Input testId="test-contact-id" label="Contact id" name="contactId" value={contactId} onInput={setContactId} onChange={setContactId}
          {...(contactId && !valid ? { error: true, validationMessage: 'A contact id is a number' } : {})} />
        <LoadingButton testId="test-run" loading={test.busy} disabled={!valid} onClick={() => void run()}>Test</LoadingButton>
      </Flex>
      {test.error ? (
        <Alert testId="test-error" title="The test failed" variant="danger">
          {describeErrorIssues(test.error)}
        </Alert>
      ) : null}
      {result ? (
        <Flex direction="row" gap="md" wrap>
          <Box flex={1}><ScoreColumn testId="test-draft" title="Draft" view={result.draft} {...tz(props.timeZone)} /></Box>
          <Box flex={1}>
            {result.published ? <ScoreColumn testId="test-published" title="Published" view={result.published} {...tz(props.timeZone)} />
              : <Text testId="test-published-none">No published version yet.</Text>}
          </Box>
        </Flex>
      ) : null}
    </Flex>
  );
}

const tz = (timeZone?: string) => (timeZone ? { timeZone } : {});

function ScoreColumn(props: { testId: string; title: string; view: ScoreView; timeZone?: string }) {
  const { view } = props;
  if (view.state === 'out-of-scope') return <Text testId={props.testId}>{`${props.title}: out of scope (not scored)`}</Text>;
  return (
    <Flex direction="column" gap="xs">
      <Text testId={props.testId} format={{ fontWeight: 'bold' }}>
        {`${props.title}: ${view.total} (fit ${view.fit.score}, engagement ${view.engagement.score}) · ${view.grade} · ${view.stage}`}
      </Text>
      <Breakdown score={view} testIdPrefix={props.testId} {...tz(props.timeZone)} />
    </Flex>
  );
}
