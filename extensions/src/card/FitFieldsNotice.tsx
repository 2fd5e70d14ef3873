import { Flex, Tag, Text } from '@hubspot/ui-extensions';
import { useEffect, useState } from 'react';

export type FetchProperties = (names: string[]) => Promise<Record<string, string | null | undefined>>;

/**
 * "3 of 5 fit fields unknown": reads the fit rules' properties of this record with HubSpot's
 * `fetchCrmObjectProperties` and counts the empty ones (a blank value is unknown, as in SCORING-MODEL.md).
 * Shows nothing when all are known, when there are none, or when HubSpot cannot answer.
 */
export function FitFieldsNotice(props: { names: string[]; fetchProperties?: FetchProperties; /** Re-read when this changes (a new score). */ scoredAt: string }) {
  const { names, fetchProperties, scoredAt } = props;
  const [unknown, setUnknown] = useState<string[] | null>(null);
  const key = names.join(',');
  useEffect(() => {
    if (!fetchProperties || !names.length) return;
    let live = true;
    fetchProperties(names).then(
      (values) => { if (live) setUnknown(names.filter((n) => !(values[n] ?? '').trim())); },
      () => { if (live) setUnknown(null); },
    );
    return () => { live = false; };
    // `names` is compared by content (a new array arrives with every render of the parent); a new score (after
    // Recalculate) re-reads the values, which may be what changed.
  }, [key, fetchProperties, scoredAt]);
  if (!unknown?.length) return null;
  return (
    <Flex direction="column" gap="xs">
      <Tag testId="card-fit-unknown" variant="warning">{`${unknown.length} of ${names.length} fit fields unknown`}</Tag>
      <Text testId="card-fit-unknown-names" variant="microcopy">{`Unknown: ${unknown.join(', ')}. Filling them in may change the fit score.`}</Text>
    </Flex>
  );
}
