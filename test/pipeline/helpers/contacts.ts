import type nock from 'nock';
/** A contact as HubSpot's batch read returns it, with properties that make the starter model score it. */
export function crmContact(id: string, properties: Record<string, string | null> = {}) {
  const n = Number(id);
  return {
    id,
    properties: {
      hs_object_id: id,
      email: `person${id}@company${n % 7}.example`,
      jobtitle: ['VP Sales', 'Engineer', 'Director of IT', 'Student', 'CEO'][n % 5]!,
      numberofemployees: String(20 + (n % 9) * 300),
      industry: n % 2 ? 'Computer Software' : 'Retail',
      lifecyclestage: n % 11 === 0 ? 'customer' : 'lead',
      createdate: '2025-10-01T08:00:00.000Z',
      lastmodifieddate: new Date().toISOString(),
      ...properties,
    },
    createdAt: '2025-10-01T08:00:00.000Z',
    updatedAt: new Date().toISOString(),
    archived: false,
  };
}

export const batchResponse = (results: unknown[]) => ({
  status: 'COMPLETE',
  results,
  startedAt: new Date().toISOString(),
  completedAt: new Date().toISOString(),
});

/** One HubSpot propertyChange webhook event in HubSpot's shape. */
export function propertyChange(portalId: number, objectId: number, propertyName: string, propertyValue: string, occurredAt: number, eventId: number) {
  return {
    eventId, subscriptionId: 2381470, portalId, appId: 1160452, occurredAt, subscriptionType: 'contact.propertyChange',
    attemptNumber: 0, objectId, propertyName, propertyValue, changeSource: 'ANALYTICS',
  };
}

/** Answers a batch update as HubSpot does: each input contact back with the properties it was sent. */
export async function echoUpdate(req: Request) {
  const { inputs } = (await req.json()) as { inputs: { id: string; properties: Record<string, string> }[] };
  return batchResponse(inputs.map((i) => ({ ...crmContact(i.id), properties: i.properties })));
}

/**
 * A portal's one score job as HubSpot sees it (one batch read, one batch update), answered by `nock` and written
 * to `order` as `<label> read` and `<label> update`, for tests of which portal HubSpot hears from first.
 */
export function nockScoreJob(scope: nock.Scope, order: string[], label: string): nock.Scope {
  return scope
    .post('/crm/v3/objects/contacts/batch/read').query({ archived: 'false' })
    .reply(200, async (req) => {
      order.push(`${label} read`);
      return batchResponse(((await req.json()) as { inputs: { id: string }[] }).inputs.map((i) => crmContact(i.id)));
    })
    .post('/crm/v3/objects/contacts/batch/update')
    .reply(200, async (req) => {
      order.push(`${label} update`);
      return echoUpdate(req);
    });
}
