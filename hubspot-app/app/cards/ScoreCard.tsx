import { hubspot, LoadingSpinner, Text } from '@hubspot/ui-extensions';

// Entry of the contact record card (score-card-hsmeta.json). HubSpot bundles it on upload with React 18 from the
// host; the card's real UI comes from @lead-scoring/extensions and replaces this placeholder body.
hubspot.extend<'crm.record.tab'>(({ context }) => <ScoreCardEntry contactId={context.crm.objectId} />);

function ScoreCardEntry({ contactId }: { contactId: number }) {
  return (
    <>
      <LoadingSpinner label="Loading the lead score" testId="score-card-loading" />
      <Text testId="score-card-contact">Lead score of contact {contactId}</Text>
    </>
  );
}
