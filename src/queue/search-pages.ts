import type { PortalGateway } from '../hubspot/gateway.js';
import type { ContactRecord } from '../hubspot/schemas.js';

/** CRM search returns at most 200 records a page. */
export const SEARCH_PAGE_SIZE = 200;

export type SearchPage = { results: ContactRecord[]; /** The last id read: where the next page starts; null at the end. */ nextAfterId: string | null };

/**
 * Every contact in `hs_object_id` order through CRM search, 200 a page, each page one query `hs_object_id > last
 * id` sorted ascending. Search has its own budget (5 requests/s per account, exempt from the 10-second one:
 * HubSpot's spec collection marks it `x-hubspot-rate-limit-exemptions: ["ten-secondly"]`), so reading spends none
 * of the budget the batch updates need; and since no query pages with `after`, the 10,000-results cap of one query
 * is never reached ("page on hs_object_id GT lastId sorted ascending", HubSpot's search guide). The next page is
 * requested while the caller works on the current one.
 */
export async function* searchPagesById(
  gw: Pick<PortalGateway, 'searchContacts'>,
  properties: string[],
  afterId: string | null,
): AsyncGenerator<SearchPage> {
  const read = async (after: string | null): Promise<SearchPage> => {
    const page = await gw.searchContacts({
      filterGroups: after === null ? [] : [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: after }] }],
      sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
      properties,
      limit: SEARCH_PAGE_SIZE,
    });
    const last = page.results.at(-1)?.id ?? null;
    return { results: page.results, nextAfterId: page.results.length === SEARCH_PAGE_SIZE && page.total > SEARCH_PAGE_SIZE ? last : null };
  };
  let pending = read(afterId);
  for (;;) {
    const page = await pending;
    if (page.nextAfterId !== null) {
      pending = read(page.nextAfterId);
      // Observed now; if the caller stops early the failure is not reported as unhandled.
      pending.catch(() => undefined);
    }
    yield page;
    if (page.nextAfterId === null) return;
  }
}
