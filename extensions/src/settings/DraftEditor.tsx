import { Alert, Button, ButtonRow, Divider, Flex, LoadingButton, Text } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { describeError } from '../api/errors.js';
import { BandsEditor } from './editor/BandsEditor.js';
import { DimensionEditor } from './editor/DimensionEditor.js';
import { indexIssues } from './editor/issues.js';
import { ModelFields } from './editor/ModelFields.js';
import { ScopeEditor } from './editor/ScopeEditor.js';
import type { SettingsActions } from './types.js';
import type { DraftState } from './use-draft.js';

/** The model editor: every part of the model, each field showing the server's message for its JSON path. */
export function DraftEditor(props: { draft: DraftState; actions: SettingsActions; onSaved?: () => void }) {
  const { draft, actions } = props;
  const issues = useMemo(() => indexIssues(draft.issues), [draft.issues]);
  const model = draft.model;
  if (!model) return null;
  const onSave = async () => {
    const result = await draft.save();
    if (result.ok) {
      actions.addAlert({ type: 'success', message: 'Draft saved.' });
      props.onSaved?.();
    }
    else if (result.error && result.error.code !== 'MODEL_INVALID') {
      actions.addAlert({ type: 'danger', title: 'The draft was not saved', message: describeError(result.error) });
    }
  };
  return (
    <Flex direction="column" gap="md">
      {draft.issues.length ? (
        <Alert testId="draft-issues" title={`${draft.issues.length} ${draft.issues.length === 1 ? 'problem' : 'problems'}: nothing was saved`} variant="danger">
          {draft.issues.map((i) => `${i.path || '(model)'}: ${i.message}`).join('\n')}
        </Alert>
      ) : null}
      <ModelFields model={model} issues={issues} onChange={draft.edit} />
      <Divider />
      <DimensionEditor model={model} dimension="fit" issues={issues} onChange={draft.edit} />
      <Divider />
      <DimensionEditor model={model} dimension="engagement" issues={issues} onChange={draft.edit} />
      <Divider />
      <BandsEditor model={model} issues={issues} onChange={draft.edit} />
      <Divider />
      <ScopeEditor model={model} issues={issues} onChange={draft.edit} />
      <ButtonRow>
        {/* Never disabled: HubSpot commits an edited field on blur, i.e. as the user presses this very button. */}
        <LoadingButton testId="draft-save" variant="primary" loading={draft.saving} onClick={() => void onSave()}>Save draft</LoadingButton>
        <Button testId="draft-discard" variant="secondary" disabled={!draft.dirty} onClick={draft.discard}>Discard changes</Button>
      </ButtonRow>
      {draft.dirty ? <Text testId="draft-unsaved" variant="microcopy">Unsaved changes.</Text> : null}
    </Flex>
  );
}
