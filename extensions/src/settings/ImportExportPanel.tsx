import { Alert, Button, Flex, Heading, LoadingButton, Select, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { api, type Draft } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { plural } from './plural.js';
import type { SettingsActions } from './types.js';

/**
 * Import and export of the model JSON (the form users keep in version control and pass to the CLI). Import
 * replaces the draft of the model the JSON's `id` names, creating the model if it is new.
 */
export function ImportExportPanel(props: {
  modelId: string | null; versions: number[]; actions: SettingsActions; onImported: (draft: Draft) => void;
}) {
  const client = useApi();
  const [which, setWhich] = useState<string>('draft');
  const [exported, setExported] = useState('');
  const [text, setText] = useState('');
  const exportAction = useAction((modelId: string) =>
    client.call(api.exportModel, { params: { modelId }, query: which === 'draft' ? { version: 'draft' } : { version: Number(which) } }));
  const importAction = useAction(() => client.call(api.importModel, { body: { json: text } }));

  const onImport = async () => {
    const r = await importAction.run();
    if (r.ok) {
      setText('');
      props.actions.addAlert({ type: 'success', message: `Imported as the draft of "${r.value.draft.name}".` });
      props.onImported(r.value);
    }
  };
  const importError = importAction.error;
  return (
    <Flex direction="column" gap="sm">
      {props.modelId ? (
        <>
          <Heading>Export</Heading>
          <Flex direction="row" gap="xs" align="end">
            <Select testId="export-which" label="Version" name="exportVersion" value={which} onChange={(v) => setWhich(String(v))}
              options={[{ value: 'draft', label: 'Draft' }, ...props.versions.map((v) => ({ value: String(v), label: `v${v}` }))]} />
            <LoadingButton testId="export-run" loading={exportAction.busy}
              onClick={async () => { const r = await exportAction.run(props.modelId!); if (r.ok) setExported(r.value.json); }}>Export JSON</LoadingButton>
          </Flex>
          {exportAction.error ? <Alert testId="export-error" title="Export failed" variant="danger">{describeError(exportAction.error)}</Alert> : null}
          {exported ? <TextArea testId="export-json" label="Model JSON (copy it)" name="exported" value={exported} rows={12} readOnly /> : null}
        </>
      ) : null}
      <Heading>Import</Heading>
      <TextArea testId="import-json" label="Paste a model JSON" name="import" value={text} rows={12} onInput={setText} onChange={setText}
        {...(importError ? { error: true, validationMessage: importError.issues.length ? `${plural(importError.issues.length, 'problem')}, nothing imported` : describeError(importError) } : {})} />
      {importError?.issues.length ? (
        <Alert testId="import-issues" title="Nothing was imported" variant="danger">{importError.issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ')}</Alert>
      ) : null}
      <Flex direction="row" gap="xs">
        <LoadingButton testId="import-run" variant="primary" loading={importAction.busy} disabled={!text.trim()} onClick={() => void onImport()}>Import as draft</LoadingButton>
        <Button testId="import-clear" variant="secondary" disabled={!text} onClick={() => setText('')}>Clear</Button>
      </Flex>
    </Flex>
  );
}
