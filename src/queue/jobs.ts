import { z } from 'zod';

/**
 * The jobs of the scoring queue. Job data is ids only, never tokens, payloads or contact data (STYLE.md §7):
 * a job that runs late reads the current state, so replaying it yields the same HubSpot state.
 */
export const QUEUE_NAME = 'scoring';

const PortalId = z.number().int().positive();

export const JobSchemas = {
  /** Score the portal's due dirty contacts, 100 at a time, until none is due. */
  score: z.object({ portalId: PortalId }),
  /** List every contact, build ledgers from property history, score and write (after install). */
  backfill: z.object({ portalId: PortalId, startedAt: z.number() }),
  /** List every contact and score with stored ledgers (after a publish). */
  rescore: z.object({ portalId: PortalId, modelId: z.string(), version: z.number().int().positive(), startedAt: z.number() }),
  /** Periodic: make contacts whose decay moment came dirty, and restart any portal whose work was orphaned. */
  sweep: z.object({}),
  /** Learn a model from the portal's past conversions and measure it (the settings page's analysis). */
  analysis: z.object({ portalId: PortalId, modelId: z.string(), requestedAt: z.number() }),
} as const;

export type JobName = keyof typeof JobSchemas;
export type JobData<N extends JobName> = z.infer<(typeof JobSchemas)[N]>;

/**
 * Deterministic job ids, so one window, one install or one publish yields one job however many processes ask.
 * BullMQ forbids ':' in custom ids.
 */
export const jobIds = {
  score: (portalId: number, dueAt: number) => `score-${portalId}-${dueAt}`,
  backfill: (portalId: number, startedAt: number) => `backfill-${portalId}-${startedAt}`,
  rescore: (portalId: number, modelId: string, version: number) => `rescore-${portalId}-${modelId}-${version}`,
  analysis: (portalId: number, modelId: string, requestedAt: number) => `analysis-${portalId}-${modelId}-${requestedAt}`,
};

/** Parses a job's data by its name; throws (the job fails without retry) when it is not what we enqueue. */
export function parseJob(name: string, data: unknown) {
  switch (name) {
    case 'score':
      return { name, data: JobSchemas.score.parse(data) } as const;
    case 'backfill':
      return { name, data: JobSchemas.backfill.parse(data) } as const;
    case 'rescore':
      return { name, data: JobSchemas.rescore.parse(data) } as const;
    case 'sweep':
      return { name, data: JobSchemas.sweep.parse(data) } as const;
    case 'analysis':
      return { name, data: JobSchemas.analysis.parse(data) } as const;
    default:
      throw new Error(`unknown job "${name}"`);
  }
}
