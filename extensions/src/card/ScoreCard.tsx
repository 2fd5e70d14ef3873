import { LoadingButton } from '@hubspot/ui-extensions';
import { api, type CardData } from '../../../src/contract/index.js';
import { ApiProvider, useApi } from '../api/context.js';
import type { FetchLike } from '../api/client.js';
import { describeError } from '../api/errors.js';
import { useAction } from '../api/use-action.js';
import { useRequest } from '../api/use-request.js';
import { CardError, CardLoading, CardNotScored, CardOutOfScope } from './CardStates.js';
import { ScoredView } from './ScoredView.js';

/** What the card needs from HubSpot's `hubspot.extend` arguments (a structural subset, easy to build in tests). */
export interface ScoreCardProps {
  context: { crm: { objectId: number | string }; portal: { id: number; timezone?: string }; user?: { id: number } };
  actions: {
    addAlert: (alert: { type?: 'info' | 'warning' | 'success' | 'danger' | 'tip'; title?: string; message: string }) => void;
    refreshObjectProperties?: () => void;
    /** HubSpot's read of this record's properties (the card counts unknown fit fields with it). */
    fetchCrmObjectProperties?: (names: string[]) => Promise<Record<string, string>>;
  };
  /** The app's public origin (PUBLIC_BASE_URL). */
  apiBaseUrl: string;
  /** Replaces `hubspot.fetch` (the local preview host passes its signing proxy). */
  fetch?: FetchLike;
}

/** What Recalculate found, in words: the new score, or why there is none (never a bare "Recalculated."). */
function recalculatedAlert(data: CardData): { type: 'success' | 'info'; message: string } {
  if (data.state === 'scored') return { type: 'success', message: `Recalculated: ${data.total} points.` };
  if (data.state === 'out-of-scope') {
    return { type: 'info', message: `Not scored: this contact is outside the scope of ${data.model.name}${data.scope ? ` (only contacts where ${data.scope})` : ''}.` };
  }
  return { type: 'info', message: data.model ? 'Not scored yet: the score will appear within a few minutes.' : 'Not scored: no scoring model is published yet.' };
}

/** The contact record card: the lead score, why, and how it moved. */
export function ScoreCard(props: ScoreCardProps) {
  return (
    <ApiProvider baseUrl={props.apiBaseUrl} context={props.context} {...(props.fetch ? { fetch: props.fetch } : {})}>
      <ScoreCardBody {...props} />
    </ApiProvider>
  );
}

function ScoreCardBody(props: ScoreCardProps) {
  const client = useApi();
  const contactId = String(props.context.crm.objectId);
  const { state, reload, replace } = useRequest<CardData>(contactId, () => client.call(api.getCard, { params: { contactId } }));
  const recalc = useAction(() => client.call(api.recalculate, { params: { contactId } }));

  const onRecalculate = async () => {
    const result = await recalc.run();
    if (result.ok) {
      const data = result.value;
      replace(data);
      props.actions.refreshObjectProperties?.();
      props.actions.addAlert(recalculatedAlert(data));
    } else {
      props.actions.addAlert({ type: 'danger', title: 'Recalculation failed', message: describeError(result.error) });
    }
  };

  const recalculate = (
    <LoadingButton testId="card-recalculate" variant="secondary" size="sm" loading={recalc.busy} onClick={() => void onRecalculate()}>
      Recalculate
    </LoadingButton>
  );

  switch (state.status) {
    case 'loading':
      return <CardLoading />;
    case 'error':
      return <CardError error={state.error} onRetry={reload} />;
    case 'success': {
      const data = state.data;
      if (data.state === 'not-scored') return <CardNotScored data={data} recalculate={recalculate} />;
      if (data.state === 'out-of-scope') return <CardOutOfScope data={data} recalculate={recalculate} />;
      return (
        <ScoredView data={data} recalculate={recalculate}
          {...(props.context.portal.timezone ? { timeZone: props.context.portal.timezone } : {})}
          {...(props.actions.fetchCrmObjectProperties ? { fetchProperties: props.actions.fetchCrmObjectProperties } : {})} />
      );
    }
  }
}
