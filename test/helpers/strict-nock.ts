import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/**
 * Registers a test file's nock hooks: no real network (the app's own servers on 127.0.0.1 stay reachable with
 * `localhost`), and after each test every nock scope must have been used, so an expected HubSpot call that never
 * happened fails that test.
 */
export function strictNock(opts: { localhost?: boolean } = {}): void {
  beforeAll(() => {
    nock.disableNetConnect();
    if (opts.localhost) nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}
