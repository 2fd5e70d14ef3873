import { Alert, Button, Flex, Heading, Input, LoadingButton, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type DeletePortalDataResponse } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import type { SettingsActions } from './types.js';

/** The word the user types to confirm; the API refuses the request without it too. */
const CONFIRM_WORD = 'DELETE';

/**
 * "Delete this portal's data": uninstalls the app from this HubSpot account and erases every model, score, ledger
 * and setting the app keeps for it, at once, after a typed confirmation. The score properties in HubSpot stay
 * (they are the account's CRM data).
 */
export function DeletePortalDataPanel(props: { actions: SettingsActions }) {
  const client = useApi();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState<DeletePortalDataResponse | null>(null);
  const erase = useAction(() => client.call(api.deletePortalData, { body: { confirm: CONFIRM_WORD } }));

  const onConfirm = async () => {
    const r = await erase.run();
    if (!r.ok) return;
    setDone(r.value);
    setConfirming(false);
    props.actions.addAlert({ type: 'success', message: 'This account’s lead scoring data was deleted.' });
  };

  if (done) {
    return (
      <Alert testId="portal-data-deleted" title="Data deleted" variant="success">
        {`Every model, score and setting of this account was deleted (${done.erasedKeys} records, ${done.removedJobs} pending jobs). ` +
          (done.uninstalledFromHubSpot
            ? 'The app was uninstalled from this account; install it again to start over.'
            : 'Lead scoring no longer runs here; remove the app under Connected apps, or install it again to start over.')}
      </Alert>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      <Heading>Your data</Heading>
      <Text>
        When the app is uninstalled, its data for this account is deleted after a grace period, so a re-install keeps your models.
        You can delete it now instead.
      </Text>
      {confirming ? (
        <Alert testId="portal-data-confirm" title="Delete this account’s data?" variant="danger">
          <Flex direction="column" gap="xs">
            <Text>Every scoring model, version, score, signal history and setting is deleted at once and cannot be recovered. The app is uninstalled from this account.</Text>
            <Input testId="portal-data-confirm-word" label={`Type ${CONFIRM_WORD} to confirm`} name="confirmDelete" value={typed} onInput={setTyped} onChange={setTyped} />
            <Flex direction="row" gap="xs">
              <LoadingButton testId="portal-data-confirm-run" variant="destructive" loading={erase.busy} disabled={typed !== CONFIRM_WORD} onClick={onConfirm}>
                Delete everything
              </LoadingButton>
              <Button testId="portal-data-cancel" onClick={() => { setConfirming(false); setTyped(''); erase.clearError(); }}>Cancel</Button>
            </Flex>
          </Flex>
        </Alert>
      ) : (
        <Button testId="portal-data-delete" variant="destructive" onClick={() => setConfirming(true)}>{"Delete this portal's data"}</Button>
      )}
      {erase.error ? <Alert testId="portal-data-error" title="Nothing was deleted" variant="danger">{describeError(erase.error)}</Alert> : null}
    </Flex>
  );
}
