import type { ReactNode } from 'react';
import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { CardData } from '../../../src/contract/index.js';
import { describeError, type ApiClientError } from '../api/errors.js';

/** The card's states other than "scored": each says what is going on and, where possible, what to do. */

export function CardLoading() {
  return <LoadingSpinner testId="card-loading" label="Loading the lead score…" showLabel layout="centered" />;
}

export function CardError(props: { error: ApiClientError; onRetry: () => void }) {
  return (
    <ErrorState testId="card-error" title="The lead score could not be loaded" type="error">
      <Text>{describeError(props.error)}</Text>
      <Button testId="card-retry" onClick={props.onRetry}>Try again</Button>
    </ErrorState>
  );
}

export function CardNotScored(props: { data: Extract<CardData, { state: 'not-scored' }>; recalculate: ReactNode }) {
  const { model } = props.data;
  return (
    <EmptyState testId="card-not-scored" title="Not scored yet" imageName="leads" layout="vertical">
      <Text>
        {model
          ? `This contact has not been scored under ${model.name} v${model.version} yet. It is scored within a few minutes of any change, or now:`
          : 'No scoring model is published yet. Ask an admin to publish one on the app settings page.'}
      </Text>
      {model ? props.recalculate : null}
    </EmptyState>
  );
}

/**
 * A contact the model does not score, and why: the scope in words. Recalculate stays, to check again after the
 * contact changed (a lifecycle stage moved back, say); it then says whether the contact is still outside.
 */
export function CardOutOfScope(props: { data: Extract<CardData, { state: 'out-of-scope' }>; recalculate: ReactNode }) {
  const { model, scope } = props.data;
  return (
    <EmptyState testId="card-out-of-scope" title="Not scored: outside the model's scope" imageName="target" layout="vertical">
      <Text testId="card-scope">
        {scope ? `${model.name} v${model.version} scores only contacts where ${scope}.` : `${model.name} v${model.version} scores only contacts inside its scope.`}
      </Text>
      <Text variant="microcopy">This contact is not among them, so its lead score properties stay empty.</Text>
      {props.recalculate}
    </EmptyState>
  );
}
