import { Alert, Button, Flex, Heading, Input, LoadingButton, Modal, ModalBody, ModalFooter, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type PublishResponse } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { describeErrorIssues } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { IssueList } from './editor/IssueList.js';
import { plural } from './plural.js';
import type { SettingsActions } from './types.js';
import type { DraftState } from './use-draft.js';

export const PUBLISH_MODAL_ID = 'publish-confirm';

/**
 * Publishing the saved draft, behind a confirmation: it becomes the next version and every contact in scope is
 * rescored in the background. Unsaved edits must be saved first (publishing sends no model, only intent).
 */
export function PublishPanel(props: {
  modelId: string; draft: DraftState; publishedVersion: number | null; actions: SettingsActions; onPublished: (r: PublishResponse) => void;
  /** Whether a saved draft differs from the live version (else there is nothing to publish). */
  hasDraft: boolean;
}) {
  const client = useApi();
  const [note, setNote] = useState('');
  const publish = useAction(() => client.call(api.publish, { params: { modelId: props.modelId }, body: note ? { note } : {} }));
  const next = (props.publishedVersion ?? 0) + 1;
  const warnings = props.draft.warnings;

  const confirm = async (reactions?: { closeModal: (id: string) => void }) => {
    if (reactions) reactions.closeModal(PUBLISH_MODAL_ID);
    else props.actions.closeOverlay?.(PUBLISH_MODAL_ID);
    const result = await publish.run();
    if (result.ok) {
      setNote('');
      props.actions.addAlert({ type: 'success', message: `Published v${result.value.model.version}. Rescoring contacts…` });
      props.onPublished(result.value);
    }
  };

  const modal = (
    <Modal id={PUBLISH_MODAL_ID} title={`Publish v${next}?`} width="md">
      <ModalBody>
        <Text>{`The draft becomes version ${next} and every contact is rescored in the background: contacts in the model's scope get new scores, the others have their score properties cleared. Score properties in HubSpot change, and workflows enrolled on them may fire. You can roll back to an earlier version at any time.`}</Text>
        {warnings.length ? (
          <Alert testId="publish-warnings" title="Warnings (publishing is still possible)" variant="warning">
            <IssueList testId="publish-warnings-list" model={props.draft.model} issues={warnings} />
          </Alert>
        ) : null}
        <Input testId="publish-note" label="Note (optional)" name="note" value={note} onChange={setNote} placeholder="What changed and why" />
      </ModalBody>
      <ModalFooter>
        <Button testId="publish-confirm" variant="primary" onClick={(_e, reactions) => void confirm(reactions)}>Publish</Button>
        <Button testId="publish-cancel" variant="secondary" onClick={(_e, reactions) => (reactions ? reactions.closeModal(PUBLISH_MODAL_ID) : props.actions.closeOverlay?.(PUBLISH_MODAL_ID))}>Cancel</Button>
      </ModalFooter>
    </Modal>
  );

  return (
    <Flex direction="column" gap="sm">
      <Heading>Publish</Heading>
      {props.draft.dirty ? <Text testId="publish-unsaved" variant="microcopy">Save the draft first: publishing uses the saved draft.</Text>
        : !props.hasDraft ? <Text testId="publish-nothing" variant="microcopy">{`Nothing to publish: the draft is the live version (v${props.publishedVersion}). Edit and save it first.`}</Text> : null}
      {warnings.length && !props.draft.dirty ? (
        <Text testId="publish-warning-note" variant="microcopy">{`The saved draft has ${plural(warnings.length, 'warning')} (see Edit draft); they do not block publishing.`}</Text>
      ) : null}
      <LoadingButton testId="publish-open" variant="primary" loading={publish.busy} disabled={props.draft.dirty || !props.hasDraft} overlay={modal}>
        {`Publish draft as v${next}…`}
      </LoadingButton>
      {publish.error ? (
        <Alert testId="publish-error" title="Not published" variant="danger">
          {describeErrorIssues(publish.error)}
        </Alert>
      ) : null}
    </Flex>
  );
}
