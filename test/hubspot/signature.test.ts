import { describe, expect, it } from 'vitest';
import {
  normalizeSignedUri, publicRequestUrl, signV2, signV3, verifyV2, verifyV3,
} from '../../src/hubspot/signature.js';

// Expected signatures below were computed outside this code base, with
//   printf '%s' "$METHOD$URI$BODY$TIMESTAMP" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
// and, for v2, HubSpot's own worked examples (sha256 of secret + method + uri + body).
const DOC_SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const DOC_URL = 'https://www.example.com/webhook_uri';
const DOC_BODY = '{"example_field":"example_value"}';
const TS = 1_700_000_000_000;
const DOC_V3 = 'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=';

const SECRET = 's3cr3t';
const WEBHOOK_URL = 'https://lead-scoring.example.com/webhooks/hubspot';
const UNICODE_BODY = '[{"propertyValue":"Zoë — ☃ 日本"}]';
const UNICODE_V3 = '7M/E4oJMryowPhqT5mdfB57mZ2mdW5o8SGBFkVzmtqs=';

function headers(signature: string, timestamp: number | string): Record<string, string> {
  return { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) };
}

const valid = {
  secret: DOC_SECRET, method: 'POST', url: DOC_URL, body: DOC_BODY, headers: headers(DOC_V3, TS), now: TS + 1_000,
};

describe('signV3', () => {
  it('matches an HMAC-SHA256 computed independently with openssl', () => {
    expect(signV3({ secret: DOC_SECRET, method: 'POST', url: DOC_URL, body: DOC_BODY, timestamp: TS })).toBe(DOC_V3);
  });

  it('hashes raw body bytes the same as the equivalent UTF-8 string', () => {
    const fromString = signV3({ secret: SECRET, method: 'POST', url: WEBHOOK_URL, body: UNICODE_BODY, timestamp: TS });
    const fromBytes = signV3({ secret: SECRET, method: 'POST', url: WEBHOOK_URL, body: Buffer.from(UNICODE_BODY), timestamp: TS });
    expect(fromString).toBe(UNICODE_V3);
    expect(fromBytes).toBe(UNICODE_V3);
  });
});

describe('verifyV3', () => {
  it('accepts a correctly signed fresh request', () => {
    expect(verifyV3(valid)).toEqual({ ok: true });
  });

  it('accepts a unicode body given as raw bytes', () => {
    const result = verifyV3({
      secret: SECRET, method: 'POST', url: WEBHOOK_URL, body: Buffer.from(UNICODE_BODY, 'utf8'),
      headers: headers(UNICODE_V3, TS), now: TS,
    });
    expect(result).toEqual({ ok: true });
  });

  it('reads headers case-insensitively', () => {
    const mixed = { 'X-HubSpot-Signature-v3': DOC_V3, 'X-HubSpot-Request-Timestamp': String(TS) };
    expect(verifyV3({ ...valid, headers: mixed })).toEqual({ ok: true });
  });

  it('accepts a timestamp exactly at the edge of the window', () => {
    expect(verifyV3({ ...valid, now: TS + 300_000 })).toEqual({ ok: true });
  });

  it('rejects a timestamp older than five minutes as stale', () => {
    expect(verifyV3({ ...valid, now: TS + 300_001 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('rejects a timestamp more than five minutes in the future as stale', () => {
    expect(verifyV3({ ...valid, now: TS - 300_001 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('honours a custom window', () => {
    expect(verifyV3({ ...valid, now: TS + 2_000, maxAgeMs: 1_000 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('rejects a tampered method', () => {
    expect(verifyV3({ ...valid, method: 'PUT' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a tampered url', () => {
    expect(verifyV3({ ...valid, url: `${DOC_URL}?portalId=1` })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a tampered body', () => {
    expect(verifyV3({ ...valid, body: '{"example_field":"example_valuE"}' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a tampered timestamp that is still inside the window', () => {
    expect(verifyV3({ ...valid, headers: headers(DOC_V3, TS + 1) })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a signature made with another secret', () => {
    expect(verifyV3({ ...valid, secret: 'not-the-secret' })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('rejects a signature of another length without throwing', () => {
    expect(verifyV3({ ...valid, headers: headers('short', TS) })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('reports a missing signature header', () => {
    expect(verifyV3({ ...valid, headers: { 'x-hubspot-request-timestamp': String(TS) } })).toEqual({ ok: false, reason: 'missing' });
  });

  it('reports a missing timestamp header', () => {
    expect(verifyV3({ ...valid, headers: { 'x-hubspot-signature-v3': DOC_V3 } })).toEqual({ ok: false, reason: 'missing' });
  });

  it('reports a non-numeric timestamp as missing', () => {
    expect(verifyV3({ ...valid, headers: headers(DOC_V3, '17e11') })).toEqual({ ok: false, reason: 'missing' });
  });

  it('treats a repeated signature header as missing', () => {
    const repeated = { 'x-hubspot-signature-v3': [DOC_V3, DOC_V3], 'x-hubspot-request-timestamp': String(TS) };
    expect(verifyV3({ ...valid, headers: repeated })).toEqual({ ok: false, reason: 'missing' });
  });

  it('verifies a url whose listed characters arrive percent-encoded against the decoded form', () => {
    // Signed (openssl) over ...userEmail=a@b.com&q=x%20y : %40 is decoded, %20 is not.
    const signed = 'BxsMElt+JqUf6rUPTNqfifU4cjlkrV/al5qJa+uM75k=';
    const arrived = 'https://lead-scoring.example.com/api/card?portalId=62515&userEmail=a%40b.com&q=x%20y';
    const result = verifyV3({ secret: SECRET, method: 'GET', url: arrived, body: '', headers: headers(signed, TS), now: TS });
    expect(result).toEqual({ ok: true });
  });
});

describe('normalizeSignedUri', () => {
  it('decodes exactly the documented characters in either hex case and leaves the rest encoded', () => {
    expect(normalizeSignedUri('https://h/p%3Fa%3ab%2F%40%21%24%27%28%29%2A%2c%3B?x=%20%26%3D%25%C3%A9'))
      .toBe("https://h/p?a:b/@!$'()*,;?x=%20%26%3D%25%C3%A9");
  });
});

describe('v2 signatures (workflow actions)', () => {
  it('reproduces HubSpot\'s documented GET example', () => {
    expect(signV2({ secret: DOC_SECRET, method: 'GET', url: DOC_URL, body: '' }))
      .toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
  });

  it('reproduces HubSpot\'s documented POST example', () => {
    expect(signV2({ secret: DOC_SECRET, method: 'POST', url: DOC_URL, body: DOC_BODY }))
      .toBe('9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900');
  });

  it('accepts a v2-signed request and rejects a tampered body', () => {
    const v2 = { 'x-hubspot-signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900', 'x-hubspot-signature-version': 'v2' };
    expect(verifyV2({ secret: DOC_SECRET, method: 'POST', url: DOC_URL, body: DOC_BODY, headers: v2 })).toEqual({ ok: true });
    expect(verifyV2({ secret: DOC_SECRET, method: 'POST', url: DOC_URL, body: '{}', headers: v2 })).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('reports a missing version header', () => {
    const v2 = { 'x-hubspot-signature': '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900' };
    expect(verifyV2({ secret: DOC_SECRET, method: 'POST', url: DOC_URL, body: DOC_BODY, headers: v2 })).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('publicRequestUrl', () => {
  it('joins the public base and the original url', () => {
    expect(publicRequestUrl('https://lead-scoring.example.com', '/webhooks/hubspot?x=1'))
      .toBe('https://lead-scoring.example.com/webhooks/hubspot?x=1');
  });

  it('drops trailing slashes of the base and keeps its path prefix', () => {
    expect(publicRequestUrl('https://example.com/ls//', '/api/card')).toBe('https://example.com/ls/api/card');
  });

  it('keeps a bare root path', () => {
    expect(publicRequestUrl('https://example.com', '/')).toBe('https://example.com/');
  });
});
