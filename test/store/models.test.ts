import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { appKeys } from '../../src/store/keys.js';
import { createModelStore } from '../../src/store/models.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

const P = 11;
const starter = JSON.parse(readFileSync(new URL('../../examples/starter-model.json', import.meta.url), 'utf8'));
let redis: Redis;
let prefix: string;
let t = 1_000;
let models: ReturnType<typeof createModelStore>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('models');
  t = 1_000;
  models = createModelStore({ redis, keys: appKeys(prefix), clock: () => t++ });
});
afterEach(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

async function keysUnder(): Promise<string[]> {
  return (await redis.keys(`${prefix}*`)).sort();
}

describe('model store', () => {
  it('rejects an invalid draft whole, naming every error by path, and saves nothing', async () => {
    const bad = structuredClone(starter);
    bad.fit.groups[0].rules[0].when.op = 'equals';
    bad.stages[0].min = 'high';
    const err = await models.saveDraft(P, 'starter', bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const paths = (err as ValidationError).issues.map((i) => i.path);
    expect(paths).toContain('fit.groups[0].rules[0].when.op');
    expect(paths).toContain('stages[0].min');
    expect(await keysUnder()).toEqual([]);
  });

  it('rejects a draft whose id is not the model being edited', async () => {
    const err = await models.saveDraft(P, 'other', starter).catch((e: unknown) => e);
    expect((err as ValidationError).issues).toEqual([{ path: 'id', message: 'must be "other" (the model being edited)' }]);
  });

  it('publishes numbered immutable versions and moves the pointer', async () => {
    await models.saveDraft(P, 'starter', starter, 'ana');
    const v1 = await models.publishDraft(P, 'starter', { author: 'ana', note: 'first' });
    expect(v1?.version).toBe(1);
    expect(await models.getDraft(P, 'starter')).toBeNull();
    const edited = { ...structuredClone(starter), name: 'Edited' };
    await models.saveDraft(P, 'starter', edited);
    expect((await models.getDraft(P, 'starter'))?.basedOnVersion).toBe(1);
    const v2 = await models.publishDraft(P, 'starter');
    expect(v2?.version).toBe(2);
    expect((await models.getPublished(P, 'starter'))?.model.name).toBe('Edited');
    expect((await models.getVersion(P, 'starter', 1))?.model.name).toBe(starter.name);
    expect((await models.getVersion(P, 'starter', 1))?.note).toBe('first');
    expect(await models.list(P)).toEqual([
      { id: 'starter', name: 'Edited', propertyPrefix: 'lead_score', publishedVersion: 2, latestVersion: 2 },
    ]);
  });

  it('rolls back by publishing an earlier document as a new version', async () => {
    await models.publishDocument(P, starter);
    await models.publishDocument(P, { ...structuredClone(starter), name: 'Second' });
    const v3 = await models.rollback(P, 'starter', 1);
    expect(v3).toMatchObject({ version: 3, rolledBackFrom: 1, model: { name: starter.name } });
    expect((await models.get(P, 'starter'))?.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await models.rollback(P, 'starter', 9)).toBeNull();
  });

  it('refuses to publish a second model writing the same properties', async () => {
    await models.publishDocument(P, starter);
    const twin = { ...structuredClone(starter), id: 'twin' };
    const err = await models.publishDocument(P, twin).catch((e: unknown) => e);
    expect((err as ValidationError).issues[0]?.path).toBe('propertyPrefix');
    await models.publishDocument(P, { ...twin, propertyPrefix: 'twin_score' });
    expect((await models.publishedVersions(P)).map((m) => m.modelId)).toEqual(['starter', 'twin']);
    expect((await models.outputPrefixes(P)).sort()).toEqual(['lead_score', 'twin_score']);
  });

  it('publishes atomically: concurrent publishes get distinct version numbers', async () => {
    const versions = await Promise.all([1, 2, 3, 4, 5].map((i) => models.publishDocument(P, { ...structuredClone(starter), name: `n${i}` })));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await models.getPublished(P, 'starter'))?.version).toBe(5);
  });
});
