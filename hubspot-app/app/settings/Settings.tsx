import { hubspot, LoadingSpinner, Text } from '@hubspot/ui-extensions';

// Entry of the app's settings page (settings-hsmeta.json), reached under Connected apps → Lead Scoring → Settings.
// The model editor comes from @lead-scoring/extensions and replaces this placeholder body.
hubspot.extend<'settings'>(({ context }) => <SettingsEntry portalId={context.portal.id} />);

function SettingsEntry({ portalId }: { portalId: number }) {
  return (
    <>
      <LoadingSpinner label="Loading the scoring model" testId="settings-loading" />
      <Text testId="settings-portal">Lead scoring settings for account {portalId}</Text>
    </>
  );
}
