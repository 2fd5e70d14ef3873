import { Alert, Button, ButtonRow, Divider, Flex, LoadingButton, Text, Toggle } from '@hubspot/ui-extensions';
import { useCallback, useMemo, useState } from 'react';
import { describeError } from '../api/errors.js';
import { BandsEditor } from './editor/BandsEditor.js';
import { DimensionEditor } from './editor/DimensionEditor.js';
import { EditorProvider, type EditorEnv } from './editor/editor-context.js';
import { IssueList } from './editor/IssueList.js';
import { indexIssues } from './editor/issues.js';
import { ModelFields } from './editor/ModelFields.js';
import { ScopeEditor } from './editor/ScopeEditor.js';
import { plural } from './plural.js';
import type { SettingsActions } from './types.js';
import type { DraftState } from './use-draft.js';
import type { PropertyCatalog } from './use-properties.js';

/**
 * The model editor: every part of the model, each field showing the server's message for its JSON path, and
 * the summaries on top in labels. Fields holding text that is not a number block Save (nothing half-valid is
 * sent); the validator's warnings show but never block.
 */
export function DraftEditor(props: { draft: DraftState; actions: SettingsActions; catalog?: PropertyCatalog; onSaved?: () => void }) {
  const { draft, actions } = props;
  const [advanced, setAdvanced] = useState(false);
  const [invalid, setInvalid] = useState<ReadonlyMap<string, string>>(new Map());
  const reportInvalid = useCallback((path: string, message: string | null) => {
    setInvalid((prev) => {
      if ((prev.get(path) ?? null) === message) return prev;
      const next = new Map(prev);
      if (message === null) next.delete(path);
      else next.set(path, message);
      return next;
    });
  }, []);
  const env = useMemo<EditorEnv>(() => ({ catalog: props.catalog ?? null, advanced, reportInvalid }), [props.catalog, advanced, reportInvalid]);
  const issues = useMemo(() => indexIssues(draft.issues), [draft.issues]);
  const [blocked, setBlocked] = useState(false);
  // Discarding remounts the fields, so text they refused ("lots") goes with the edits.
  const [generation, setGeneration] = useState(0);
  const discard = () => { draft.discard(); setInvalid(new Map()); setBlocked(false); setGeneration((g) => g + 1); };
  const model = draft.model;
  if (!model) return null;
  const local = [...invalid].map(([path, message]) => ({ path, message }));

  const onSave = async () => {
    if (local.length) { setBlocked(true); return; }
    setBlocked(false);
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
    <EditorProvider value={env}>
      <Flex direction="column" gap="md">
        {blocked && local.length ? (
          <Alert testId="draft-invalid" title={`${plural(local.length, 'field')} to fix: nothing was saved`} variant="danger">
            <IssueList testId="draft-invalid-list" model={model} issues={local} />
          </Alert>
        ) : null}
        {draft.issues.length ? (
          <Alert testId="draft-issues" title={`${plural(draft.issues.length, 'problem')}: nothing was saved`} variant="danger">
            <IssueList testId="draft-issues-list" model={model} issues={draft.issues} />
          </Alert>
        ) : null}
        {draft.warnings.length && !draft.dirty ? (
          <Alert testId="draft-warnings" title={`${plural(draft.warnings.length, 'warning')}: saved, and it can be published`} variant="warning">
            <IssueList testId="draft-warnings-list" model={model} issues={draft.warnings} />
          </Alert>
        ) : null}
        <Toggle testId="editor-advanced" label="Advanced: show group and rule ids" checked={advanced} onChange={setAdvanced} />
        <Flex key={generation} direction="column" gap="md">
          <ModelFields model={model} issues={issues} onChange={draft.edit} />
          <Divider />
          <DimensionEditor model={model} dimension="fit" issues={issues} onChange={draft.edit} />
          <Divider />
          <DimensionEditor model={model} dimension="engagement" issues={issues} onChange={draft.edit} />
          <Divider />
          <BandsEditor model={model} issues={issues} onChange={draft.edit} />
          <Divider />
          <ScopeEditor model={model} issues={issues} onChange={draft.edit} />
        </Flex>
        <ButtonRow>
          {/* Never disabled: HubSpot commits an edited field on blur, i.e. as the user presses this very button. */}
          <LoadingButton testId="draft-save" variant="primary" loading={draft.saving} onClick={() => void onSave()}>Save draft</LoadingButton>
          <Button testId="draft-discard" variant="secondary" disabled={!draft.dirty && !local.length} onClick={discard}>Discard changes</Button>
        </ButtonRow>
        {draft.dirty ? <Text testId="draft-unsaved" variant="microcopy">Unsaved changes.</Text> : null}
      </Flex>
    </EditorProvider>
  );
}
