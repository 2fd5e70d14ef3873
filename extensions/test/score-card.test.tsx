import {
  Accordion, Button, EmptyState, ErrorState, LineChart, LoadingButton, LoadingSpinner, ProgressBar, ScoreCircle, StatisticsItem,
  StatusTag, TableCell, TableRow, Tag, Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScoreCard } from '../src/card/ScoreCard.js';
import { flooredCard, noModelCard, notScoredCard, outOfScopeCard, scoredCard } from './helpers/card-fixtures.js';
import { patient } from './helpers/patient.js';
import { allText } from './helpers/text.js';
import { BASE_URL, installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';

const CARD = '/api/card/contacts/501';

function renderCard() {
  const renderer = createRenderer('crm.record.tab');
  // HubSpot's read of the record: two of the five fit properties are filled, one is blank, two are absent.
  renderer.mocks.actions.fetchCrmObjectProperties.willCall(async () => ({ jobtitle: 'VP Marketing', numemployees: '120', industry: '  ' }));
  const context = { ...renderer.mocks.context, crm: { objectId: 501, objectTypeId: '0-1' }, portal: { id: 42, timezone: 'UTC' } };
  renderer.render(<ScoreCard context={context} actions={renderer.mocks.actions} apiBaseUrl={BASE_URL} />);
  return patient(renderer);
}

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); });
afterEach(() => { vi.unstubAllGlobals(); });

describe('ScoreCard', () => {
  it('shows a spinner while the score loads, then the score', async () => {
    const answer = fake.defer('GET', CARD);
    const r = renderCard();
    expect(r.findByTestId(LoadingSpinner, 'card-loading').props.label).toBe('Loading the lead score…');
    answer(scoredCard);
    await r.waitFor(() => expect(r.find(ScoreCircle).props.score).toBe(58));
    expect(r.maybeFind(LoadingSpinner)).toBeNull();
    expect(fake.calls).toEqual([{ method: 'GET', url: `${BASE_URL}${CARD}?portalId=42&userId=1`, path: CARD, body: undefined }]);
  });

  it('shows fit and engagement with grades, the stage and the way to the next stage', async () => {
    fake.reply('GET', CARD, scoredCard);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    expect(r.findByTestId(StatisticsItem, 'score-fit').props).toMatchObject({ label: 'Fit · grade B', number: 62 });
    expect(r.findByTestId(StatisticsItem, 'score-engagement').props).toMatchObject({ label: 'Engagement · grade 2', number: 54 });
    expect(r.findByTestId(StatusTag, 'score-stage').text).toBe('MQL');
    expect(r.findByTestId(Text, 'score-grade').text).toBe('Grade B2');
    // MQL starts at 40, SQL at 70: 58 is 18 of the 30 points between them.
    expect(r.findByTestId(ProgressBar, 'score-next-stage').props).toMatchObject({
      value: 18, maxValue: 30, valueDescription: '12 points to SQL', title: 'Next: SQL at 70',
    });
  });

  it('lists every rule with what matched and its points, decay as "x of y", and the cap that cut', async () => {
    fake.reply('GET', CARD, scoredCard);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    expect(r.findAll(Accordion).map((a) => a.props.title)).toEqual(['Fit: 62 points', 'Engagement: 54 points']);
    expect(r.findByTestId(TableCell, 'points-pricing').text).toBe('18.2 of 24');
    expect(r.findByTestId(Text, 'decay-pricing').text).toBe('halves every 14 days · only the last 90 days · newest 2 days ago');
    expect(r.findByTestId(TableCell, 'points-vp_title').text).toBe('+15');
    const pricingRow = r.findByTestId(TableRow, 'rule-pricing');
    expect(allText(pricingRow)).toContain('2 events, newest Nov 18, 2026, 9:12 AM');
    expect(allText(r.findByTestId(TableRow, 'rule-vp_title'))).toContain('jobtitle: VP Marketing');
    expect(allText(r.findByTestId(TableRow, 'rule-clicks'))).toContain("4 events, newest Nov 19, 2026, 4:00 PM (32 before the rule's cap)");
    const cap = r.findByTestId(TableRow, 'cap-web');
    expect(allText(cap)).toContain('Cap: Web activity counts at most 30 (rules sum to 38.2)');
    expect(allText(cap)).toContain('\u22128.2');
  });

  it('says the breakdown could not be loaded, rather than "No rule matched", when the server could not recompute it', async () => {
    fake.reply('GET', CARD, { ...scoredCard, breakdown: [], adjustments: [], eventRules: {}, breakdownUnavailable: true });
    const r = renderCard();
    await r.waitFor(() => expect(r.find(ScoreCircle).props.score).toBe(58));
    expect(r.findByTestId(Text, 'breakdown-unavailable').text).toContain('breakdown could not be loaded');
    // "No rule matched" lives in the dimension accordions, which are not drawn.
    expect(r.maybeFind(Accordion)).toBeNull();
  });

  it('spells out the total as the weighted sum of fit and engagement', async () => {
    fake.reply('GET', CARD, { ...scoredCard, total: 60, fit: { score: 100, max: 100, grade: 'A' }, engagement: { score: 20, max: 100, grade: '4' } });
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    expect(r.findByTestId(Text, 'score-arithmetic').text).toBe('Total 60 = 50% × fit 100 + 50% × engagement 20');
  });

  it('says when the shown parts give a half that the total rounds, as the engine does', async () => {
    fake.reply('GET', CARD, { ...scoredCard, total: 31, fit: { score: 41, max: 100, grade: 'C' }, engagement: { score: 20, max: 100, grade: '4' }, weights: { fit: 0.5, engagement: 0.5 } });
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    expect(r.findByTestId(Text, 'score-arithmetic').text).toBe('Total 31 = 50% × fit 41 + 50% × engagement 20 (30.5, rounded)');
  });

  it('words a floor as a floor, with real minus signs, and explains decay per event rule', async () => {
    fake.reply('GET', CARD, flooredCard);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    const floor = r.findByTestId(TableRow, 'cap-fit');
    expect(allText(floor)).toContain("Floor: Fit can't go below 0 (rules sum to \u221255)");
    expect(allText(floor)).toContain('+55');
    expect(r.findByTestId(TableCell, 'points-student').text).toBe('\u221240');
    expect(r.findByTestId(Text, 'score-arithmetic').text).toBe('Total 3 = 50% × fit 0 + 50% × engagement 6');
    // One click, scored Nov 20 at 14:30, clicked Nov 11 at 14:30: 9 days before.
    expect(r.findByTestId(Text, 'decay-clicks').text).toBe('counts for 30 days · newest 9 days ago');
  });

  it('shows no trend while the score has not changed', async () => {
    fake.reply('GET', CARD, flooredCard);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    expect(r.maybeFind(LineChart)).toBeNull();
    expect(r.findByTestId(Text, 'trend-empty').text).toBe('The trend appears once the score changes.');
  });

  it('shows when and under which model version it was scored, the unknown fit fields and the trend', async () => {
    fake.reply('GET', CARD, scoredCard);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    expect(r.findByTestId(Text, 'card-scored-at').text).toBe('Last scored Nov 20, 2026, 2:30 PM under model Inbound leads v3');
    await r.waitFor(() => expect(r.findByTestId(Tag, 'card-fit-unknown').text).toBe('3 of 5 fit fields unknown'));
    expect(r.findByTestId(Text, 'card-fit-unknown-names').text).toBe('Unknown: annualrevenue, country, industry. Filling them in may change the fit score.');
    expect(r.mocks.actions.fetchCrmObjectProperties.calls).toEqual([[['annualrevenue', 'country', 'industry', 'jobtitle', 'numemployees']]]);
    const chart = r.findByTestId(LineChart, 'trend-chart');
    expect(chart.props.data).toEqual([{ at: 'Nov 1', total: 31 }, { at: 'Nov 12', total: 47 }, { at: 'Nov 20', total: 58 }]);
    expect(chart.props.axes.x).toEqual({ field: 'at', fieldType: 'category', label: 'Scored' });
  });

  it('recalculates on click, shows the new score and refreshes the record', async () => {
    fake.reply('GET', CARD, scoredCard);
    const answer = fake.defer('POST', `${CARD}/recalculate`);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    r.findByTestId(LoadingButton, 'card-recalculate').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'card-recalculate').props.loading).toBe(true));
    answer({ ...scoredCard, total: 71, stage: 'SQL', stageFloor: 70, nextStage: null });
    await r.waitFor(() => expect(r.find(ScoreCircle).props.score).toBe(71));
    expect(r.findByTestId(StatusTag, 'score-stage').text).toBe('SQL');
    expect(r.findByTestId(Text, 'score-top-stage').text).toBe('Top stage reached.');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'POST', path: `${CARD}/recalculate`, body: {} });
    expect(r.mocks.actions.refreshObjectProperties.calls.length).toBe(1);
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Recalculated: 71 points.' }]]);
  });

  it('keeps the score and alerts when recalculation fails', async () => {
    fake.reply('GET', CARD, scoredCard);
    fake.reply('POST', `${CARD}/recalculate`, { error: { code: 'UNAVAILABLE', message: 'Redis is down' } }, 503);
    const r = renderCard();
    await r.waitFor(() => r.find(ScoreCircle));
    r.findByTestId(LoadingButton, 'card-recalculate').trigger('onClick');
    // addAlert changes no rendered node, so the renderer's waitFor would not re-check: poll instead.
    await vi.waitFor(() => expect(r.mocks.actions.addAlert.calls.length).toBe(1));
    expect(r.mocks.actions.addAlert.calls[0]).toEqual([{
      type: 'danger', title: 'Recalculation failed', message: 'The lead scoring service is busy or restarting. Try again in a minute.',
    }]);
    expect(r.find(ScoreCircle).props.score).toBe(58);
  });

  it('explains a contact that is not scored yet and offers to score it now', async () => {
    fake.reply('GET', CARD, notScoredCard);
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(EmptyState, 'card-not-scored'));
    expect(allText(r.findByTestId(EmptyState, 'card-not-scored'))).toContain('not been scored under Inbound leads v3 yet');
    expect(r.maybeFindByTestId(LoadingButton, 'card-recalculate')).not.toBeNull();
  });

  it('says that no model is published, without a recalculate button', async () => {
    fake.reply('GET', CARD, noModelCard);
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(EmptyState, 'card-not-scored'));
    expect(allText(r.findByTestId(EmptyState, 'card-not-scored'))).toContain('No scoring model is published yet');
    expect(r.maybeFindByTestId(LoadingButton, 'card-recalculate')).toBeNull();
  });

  it('explains a contact outside the model scope, with the scope in words', async () => {
    fake.reply('GET', CARD, outOfScopeCard);
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(EmptyState, 'card-out-of-scope'));
    expect(r.findByTestId(EmptyState, 'card-out-of-scope').props.title).toBe("Not scored: outside the model's scope");
    expect(r.findByTestId(Text, 'card-scope').text).toBe('Inbound leads v3 scores only contacts where lifecyclestage is none of customer, evangelist.');
    expect(r.maybeFind(ScoreCircle)).toBeNull();
  });

  it('answers Recalculate on a contact outside the scope by saying so, not "Recalculated."', async () => {
    fake.reply('GET', CARD, notScoredCard);
    fake.reply('POST', `${CARD}/recalculate`, outOfScopeCard);
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(EmptyState, 'card-not-scored'));
    r.findByTestId(LoadingButton, 'card-recalculate').trigger('onClick');
    await r.waitFor(() => r.findByTestId(EmptyState, 'card-out-of-scope'));
    await vi.waitFor(() => expect(r.mocks.actions.addAlert.calls.length).toBe(1));
    expect(r.mocks.actions.addAlert.calls[0]).toEqual([{
      type: 'info', message: 'Not scored: this contact is outside the scope of Inbound leads (only contacts where lifecyclestage is none of customer, evangelist).',
    }]);
  });

  it('shows an error with a retry that loads the score', async () => {
    fake.reply('GET', CARD, { error: { code: 'INTERNAL', message: 'Something broke on our side' } }, 500);
    fake.reply('GET', CARD, scoredCard);
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(ErrorState, 'card-error'));
    expect(allText(r.findByTestId(ErrorState, 'card-error'))).toContain('Something broke on our side');
    r.findByTestId(Button, 'card-retry').trigger('onClick');
    await r.waitFor(() => expect(r.find(ScoreCircle).props.score).toBe(58));
  });

  it('treats an answer that breaks the contract as an error, not as a score', async () => {
    fake.reply('GET', CARD, { state: 'scored', total: 'lots' });
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(ErrorState, 'card-error'));
    expect(allText(r.findByTestId(ErrorState, 'card-error'))).toContain('does not understand');
  });

  it('shows a network failure as an error', async () => {
    fake.fail('GET', CARD, new Error('socket hang up'));
    const r = renderCard();
    await r.waitFor(() => r.findByTestId(ErrorState, 'card-error'));
    expect(allText(r.findByTestId(ErrorState, 'card-error'))).toContain('could not be reached');
  });
});
