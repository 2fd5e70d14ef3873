import { Flex, Text } from '@hubspot/ui-extensions';
import type { Model, PathIssue } from '../../../../src/contract/index.js';
import { describeIssue } from './issue-labels.js';

/** Problems listed in the editor's words, one a line ("Role › Senior title: points must be a number"). */
export function IssueList(props: { testId: string; model: Model | null; issues: PathIssue[] }) {
  return (
    <Flex testId={props.testId} direction="column" gap="flush">
      {props.issues.map((i, n) => <Text key={n}>{describeIssue(props.model, i)}</Text>)}
    </Flex>
  );
}
