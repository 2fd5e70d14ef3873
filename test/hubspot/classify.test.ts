import { describe, expect, it } from 'vitest';
import { ApiException } from '@hubspot/api-client/lib/codegen/crm/contacts/apis/exception.js';
import { classifyFailure, retryAfterMs } from '../../src/hubspot/classify.js';
import { PortalUninstalledError, RateLimitedError, dispositionOf, HubSpotRejectedError } from '../../src/hubspot/errors.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const api = (code: number, headers: Record<string, string> = {}, body: unknown = {}) => new ApiException(code, 'An error occurred.', body, headers);

describe('classifyFailure', () => {
  it('sends a 401 to token refresh', () => {
    expect(classifyFailure(api(401), { now: NOW }).kind).toBe('refresh-token');
  });

  it('pauses for Retry-After seconds on a 429', () => {
    expect(classifyFailure(api(429, { 'retry-after': '3' }), { now: NOW })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000, status: 429 });
  });

  it('pauses for HubSpot\'s interval when there is no Retry-After', () => {
    const c = classifyFailure(api(429, { 'x-hubspot-ratelimit-interval-milliseconds': '10000', 'x-hubspot-ratelimit-remaining': '0' }), { now: NOW });
    expect(c).toMatchObject({ kind: 'rate-limited', retryAfterMs: 10_000 });
  });

  it('pauses 10 s by default, 1 s for search', () => {
    expect(classifyFailure(api(429), { now: NOW })).toMatchObject({ retryAfterMs: 10_000 });
    expect(classifyFailure(api(429), { now: NOW, search: true })).toMatchObject({ retryAfterMs: 1_000 });
  });

  it('reads a Retry-After HTTP date against now', () => {
    expect(retryAfterMs({ 'retry-after': new Date(NOW + 4_000).toUTCString() }, NOW, 10_000)).toBe(4_000);
  });

  it('retries 5xx and 408, gives up on other 4xx', () => {
    expect(classifyFailure(api(502), { now: NOW }).kind).toBe('retry');
    expect(classifyFailure(api(408), { now: NOW }).kind).toBe('retry');
    expect(classifyFailure(api(400, {}, { category: 'VALIDATION_ERROR', correlationId: 'c-1' }), { now: NOW }))
      .toMatchObject({ kind: 'give-up', status: 400, category: 'VALIDATION_ERROR', correlationId: 'c-1' });
    expect(classifyFailure(api(403), { now: NOW }).kind).toBe('give-up');
  });

  it('retries network failures from node-fetch and global fetch', () => {
    const nodeFetch = Object.assign(new Error('request to https://api.hubapi.com failed, reason: socket hang up'), { name: 'FetchError', type: 'system', code: 'ECONNRESET' });
    expect(classifyFailure(nodeFetch, { now: NOW }).kind).toBe('retry');
    expect(classifyFailure(new TypeError('fetch failed'), { now: NOW }).kind).toBe('retry');
    expect(classifyFailure(Object.assign(new Error('aborted'), { name: 'TimeoutError' }), { now: NOW }).kind).toBe('retry');
  });

  it('passes our own coded errors through', () => {
    expect(classifyFailure(new PortalUninstalledError(1, 'invalid-grant'), { now: NOW }).kind).toBe('uninstalled');
    expect(classifyFailure(new RateLimitedError(NOW + 2_500), { now: NOW })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2_500 });
  });
});

describe('dispositionOf', () => {
  it('reads the disposition of coded errors and treats unknown ones as transient', () => {
    expect(dispositionOf(new PortalUninstalledError(1, 'uninstalled'))).toBe('uninstalled');
    expect(dispositionOf(new HubSpotRejectedError('no'))).toBe('give-up');
    expect(dispositionOf(new RateLimitedError(NOW))).toBe('rate-limited');
    expect(dispositionOf(new Error('?'))).toBe('retry');
  });
});
