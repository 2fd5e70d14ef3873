import {
  Button, Flex, Heading, Modal, ModalBody, ModalFooter, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text,
} from '@hubspot/ui-extensions';
import { api, type ModelVersions, type PublishResponse } from '../../../src/contract/index.js';
import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { formatDateTime } from '../format.js';
import type { SettingsActions } from './types.js';

export const rollbackModalId = (version: number) => `rollback-${version}`;

/** Every published version, the live one marked; any other can be made live again (with confirmation). */
export function VersionsPanel(props: {
  modelId: string; versions: ModelVersions; actions: SettingsActions; timeZone?: string; onPublished: (r: PublishResponse) => void;
}) {
  const client = useApi();
  const rollback = useAction((version: number) => client.call(api.rollback, { params: { modelId: props.modelId }, body: { version } }));
  const { versions, publishedVersion } = props.versions;

  const confirm = async (version: number, reactions?: { closeModal: (id: string) => void }) => {
    if (reactions) reactions.closeModal(rollbackModalId(version));
    else props.actions.closeOverlay?.(rollbackModalId(version));
    const result = await rollback.run(version);
    if (result.ok) {
      props.actions.addAlert({ type: 'success', message: `v${version} is live again, as v${result.value.model.version}. Rescoring contacts…` });
      props.onPublished(result.value);
    } else {
      props.actions.addAlert({ type: 'danger', title: 'Rollback failed', message: describeError(result.error) });
    }
  };

  if (!versions.length) return <Text testId="versions-none">Nothing published yet: publish the draft to create version 1.</Text>;
  return (
    <Flex direction="column" gap="sm">
      <Heading>Versions</Heading>
      <Table testId="versions-table" density="condensed">
        <TableHead>
          <TableRow><TableHeader>Version</TableHeader><TableHeader>Published</TableHeader><TableHeader>Note</TableHeader><TableHeader>{''}</TableHeader></TableRow>
        </TableHead>
        <TableBody>
          {[...versions].sort((a, b) => b.version - a.version).map((v) => (
            <TableRow key={v.version} testId={`version-${v.version}`}>
              <TableCell>{`v${v.version}`}</TableCell>
              <TableCell>{formatDateTime(v.publishedAt, props.timeZone)}</TableCell>
              <TableCell>{[v.rolledBackFrom ? `Rollback to v${v.rolledBackFrom}` : '', v.note ?? ''].filter(Boolean).join(' · ')}</TableCell>
              <TableCell>
                {v.version === publishedVersion ? (
                  <StatusTag testId={`version-live-${v.version}`} variant="success">Live</StatusTag>
                ) : (
                  <Button testId={`rollback-open-${v.version}`} size="xs" variant="secondary" disabled={rollback.busy}
                    overlay={
                      <Modal id={rollbackModalId(v.version)} title={`Make v${v.version} live again?`} width="sm">
                        <ModalBody><Text>{`v${v.version} is published again as a new version and every contact in scope is rescored under it. The draft is not changed.`}</Text></ModalBody>
                        <ModalFooter>
                          <Button testId={`rollback-confirm-${v.version}`} variant="primary" onClick={(_e, reactions) => void confirm(v.version, reactions)}>Roll back</Button>
                        </ModalFooter>
                      </Modal>
                    }>
                    Roll back…
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
