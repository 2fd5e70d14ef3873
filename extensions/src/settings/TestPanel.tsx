import { Alert, Box, Button, Flex, Heading, Input, LoadingButton, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type ContactMatch, type ContactSearchResponse, type ScoreView, type TestOnContactResponse } from '../../../src/contract/index.js';
import { Breakdown } from '../card/Breakdown.js';
import { useApi } from '../api/context.js';
import { describeErrorIssues } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { plural } from './plural.js';
import type { DraftState } from './use-draft.js';

/**
 * Scores one contact under the draft as edited (saved or not) and under the published version, side by side.
 * The contact is found by name or email (HubSpot's CRM search); a record id typed as digits works too.
 */
// `onInput` keeps the button in step with typing (HubSpot's `onChange` fires only on blur).
export function TestPanel(props: { modelId: string; draft: DraftState; timeZone?: string }) {
  const client = useApi();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ContactSearchResponse | null>(null);
  const [picked, setPicked] = useState<ContactMatch | null>(null);
  const [result, setResult] = useState<TestOnContactResponse | null>(null);
  const search = useAction((q: string) => client.call(api.searchContacts, { query: { q } }));
  const test = useAction((id: string) =>
    client.call(api.testDraft, { params: { modelId: props.modelId }, body: { contactId: id, ...(props.draft.model ? { model: props.draft.model } : {}) } }));
  const q = query.trim();
  const byId = /^\d{1,20}$/.test(q);
  const find = async () => {
    setMatches(null);
    const r = await search.run(q);
    if (r.ok) setMatches(r.value);
  };
  const run = async (contact: ContactMatch) => {
    setPicked(contact);
    const r = await test.run(contact.id);
    setResult(r.ok ? r.value : null);
  };
  const options = matches ? [...(byId && !matches.contacts.some((c) => c.id === q) ? [{ id: q, name: `Record ${q}`, email: null }] : []), ...matches.contacts] : [];
  return (
    <Flex direction="column" gap="sm">
      <Heading>Test on a contact</Heading>
      <Flex direction="row" gap="xs" align="end" wrap>
        <Input testId="test-contact-search" label="Contact" name="contactQuery" value={query} onInput={setQuery} onChange={setQuery}
          placeholder="Name or email" description="A name, an email, or a record id" />
        <LoadingButton testId="test-search" loading={search.busy} disabled={!q} onClick={() => void find()}>Find</LoadingButton>
      </Flex>
      {search.error ? <Alert testId="test-search-error" title="The search failed" variant="danger">{describeErrorIssues(search.error)}</Alert> : null}
      {matches ? (
        options.length ? (
          <Flex direction="column" gap="xs">
            <Text variant="microcopy" testId="test-matches">
              {matches.total > matches.contacts.length ? `The first ${matches.contacts.length} of ${plural(matches.total, 'match', 'matches')}: add a word to narrow it` : 'Pick a contact to test the draft on'}
            </Text>
            <Flex direction="row" gap="xs" wrap>
              {options.map((c) => (
                <Button key={c.id} testId={`test-pick-${c.id}`} size="sm" variant={picked?.id === c.id ? 'primary' : 'secondary'} onClick={() => void run(c)}>
                  {c.email && c.email !== c.name ? `${c.name} · ${c.email}` : c.name}
                </Button>
              ))}
            </Flex>
          </Flex>
        ) : <Text testId="test-no-match">{`No contact matches “${q}”.`}</Text>
      ) : null}
      {test.busy && picked ? <Text variant="microcopy">{`Scoring ${picked.name}…`}</Text> : null}
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
