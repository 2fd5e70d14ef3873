import { Alert, Button, Input, LoadingButton } from '@hubspot/ui-extensions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';
import { renderSettings, replyWithOneModel } from './helpers/render-settings.js';
import { change } from './helpers/text.js';

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); replyWithOneModel(fake); });
afterEach(() => { vi.unstubAllGlobals(); });

describe("the settings page's data deletion", () => {
  it('deletes the portal’s data only after the typed confirmation, and says what was deleted', async () => {
    fake.reply('POST', '/api/portal/delete-data', { erasedKeys: 42, removedJobs: 1, uninstalledFromHubSpot: true });
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Button, 'portal-data-delete'));
    r.findByTestId(Button, 'portal-data-delete').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'portal-data-confirm'));
    expect(r.findByTestId(LoadingButton, 'portal-data-confirm-run').props.disabled).toBe(true);
    change(r.findByTestId(Input, 'portal-data-confirm-word'), 'DELETE');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'portal-data-confirm-run').props.disabled).toBe(false));
    expect(fake.calls.filter((c) => c.path === '/api/portal/delete-data')).toEqual([]);
    r.findByTestId(LoadingButton, 'portal-data-confirm-run').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'portal-data-deleted'));
    expect(fake.calls.find((c) => c.path === '/api/portal/delete-data')?.body).toEqual({ confirm: 'DELETE' });
    expect(r.findByTestId(Alert, 'portal-data-deleted').text).toContain('(42 records, 1 pending jobs). The app was uninstalled from this account');
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'This account’s lead scoring data was deleted.' }]]);
  });

  it('deletes nothing when cancelled', async () => {
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Button, 'portal-data-delete'));
    r.findByTestId(Button, 'portal-data-delete').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Button, 'portal-data-cancel'));
    r.findByTestId(Button, 'portal-data-cancel').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Button, 'portal-data-delete'));
    expect(fake.calls.filter((c) => c.path === '/api/portal/delete-data')).toEqual([]);
  });
});
