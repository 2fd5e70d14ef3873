import { afterEach, describe, expect, it } from 'vitest';
import { createEvaluationPool, type EvaluationPool } from '../../src/web/api/evaluation-pool.js';
import { HttpError } from '../../src/web/http-error.js';
import { apiModel } from './helpers/api-model.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('the evaluation pool', () => {
  let pool: EvaluationPool | undefined;
  afterEach(async () => { await pool?.close(); });

  it('validates a draft and scores contacts on a thread, with the same answers as the engine', async () => {
    pool = createEvaluationPool({ threads: 1, timeoutMs: 60_000, maxQueue: 4 });
    const validated = await pool.run({ kind: 'validate', doc: apiModel(), modelId: 'inbound' });
    expect(validated.kind).toBe('validated');
    const model = (validated as unknown as { model: never }).model;
    const answer = await pool.run({ kind: 'evaluate', models: [model], contacts: [{ properties: { email: 'a@b.co' }, ledger: [] }, { properties: {}, ledger: [] }], now: NOW });
    expect(answer).toMatchObject({ kind: 'evaluated', results: [[{ inScope: true, fit: 60 }], [{ inScope: true, fit: 0 }]] });
    expect(pool.threads).toBe(1);
  });

  it('answers an invalid draft with every error by path', async () => {
    pool = createEvaluationPool({ threads: 1, timeoutMs: 60_000, maxQueue: 4 });
    const answer = await pool.run({ kind: 'validate', doc: { ...apiModel(), name: '' }, modelId: 'other' });
    expect(answer).toEqual({ kind: 'invalid', errors: [{ path: 'name', message: 'must not be empty' }] });
  });

  it('stops a task past its time budget with a 503 and terminates its thread', async () => {
    // A budget shorter than a thread's start: the first task cannot finish in time.
    pool = createEvaluationPool({ threads: 1, timeoutMs: 1, maxQueue: 4 });
    const late = await pool.run({ kind: 'validate', doc: apiModel(), modelId: 'inbound' }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(HttpError);
    expect(late).toMatchObject({ status: 503, apiCode: 'UNAVAILABLE', message: expect.stringContaining('took longer than 0.001 s and was stopped') });
    expect(pool.threads).toBe(0);
  });

  it('fails a task that cannot be handed to a thread alone, queued behind another, and goes on', async () => {
    pool = createEvaluationPool({ threads: 1, timeoutMs: 60_000, maxQueue: 4 });
    const ok = { kind: 'validate' as const, doc: apiModel(), modelId: 'inbound' };
    const first = pool.run(ok);
    // Queued while the thread is busy, so it is dispatched from the first task's answer, not from this call.
    const uncloneable = pool.run({ kind: 'validate', doc: { name: () => 'x' }, modelId: 'inbound' });
    const after = pool.run(ok);
    await expect(first).resolves.toMatchObject({ kind: 'validated' });
    await expect(uncloneable).rejects.toMatchObject({ code: 'EVALUATION_FAILED', message: expect.stringContaining('could not be handed to an evaluation thread') });
    await expect(after).resolves.toMatchObject({ kind: 'validated' });
    expect(pool.threads).toBe(1);
  });

  it('refuses work beyond its queue at once with a 503', async () => {
    pool = createEvaluationPool({ threads: 1, timeoutMs: 60_000, maxQueue: 1 });
    const task = { kind: 'validate' as const, doc: apiModel(), modelId: 'inbound' };
    const first = pool.run(task);
    const second = pool.run(task);
    await expect(pool.run(task)).rejects.toMatchObject({ status: 503, message: expect.stringContaining('Too many model tests') });
    await expect(first).resolves.toMatchObject({ kind: 'validated' });
    await expect(second).resolves.toMatchObject({ kind: 'validated' });
  });
});
