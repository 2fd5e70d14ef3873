/** A named readiness check: resolves when its part works, throws (or rejects) saying why not. */
export type ReadinessCheck = () => Promise<unknown> | unknown;

export type ReadinessReport = { ready: boolean; checks: Record<string, string> };

/**
 * Runs every check at once, each bounded by `timeoutMs` (a worker's Redis connection waits through reconnects
 * forever, so a check must never wait on it unbounded). Ready only when every check passed.
 */
export async function checkReadiness(checks: Record<string, ReadinessCheck>, timeoutMs = 2_000): Promise<ReadinessReport> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(check), timeout]);
      return [name, 'ok'] as const;
    } catch (err) {
      return [name, err instanceof Error ? err.message : String(err)] as const;
    } finally {
      clearTimeout(timer);
    }
  }));
  return { ready: entries.every(([, v]) => v === 'ok'), checks: Object.fromEntries(entries) };
}
