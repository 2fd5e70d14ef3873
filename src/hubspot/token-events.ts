import { duplicateClient, type RedisClient } from '../store/redis-client.js';

/**
 * "A portal's tokens changed" notifications over Redis pub/sub, so a process waiting for another one's refresh
 * wakes when it is done instead of sleeping a guessed time. One subscriber connection per process, opened on
 * first use. A watch is registered (and SUBSCRIBE acknowledged) before the caller inspects state, so a
 * notification sent after that inspection is never missed.
 */
export function createTokenEvents(redis: RedisClient, onError: (err: Error) => void) {
  let sub: RedisClient | undefined;
  const watchers = new Map<string, Set<() => void>>();

  function subscriber(): RedisClient {
    if (!sub) {
      sub = duplicateClient(redis);
      sub.on('error', onError);
      sub.on('message', (channel: string) => watchers.get(channel)?.forEach((notify) => notify()));
    }
    return sub;
  }

  /** Starts watching `channel`. `changed(ms)` resolves true on a notification since the last call, false on timeout. */
  async function watch(channel: string) {
    let fired = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      fired = true;
      wake?.();
    };
    let set = watchers.get(channel);
    if (!set) watchers.set(channel, (set = new Set()));
    set.add(notify);
    await subscriber().subscribe(channel);
    return {
      changed(timeoutMs: number): Promise<boolean> {
        if (fired) {
          fired = false;
          return Promise.resolve(true);
        }
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => done(false), timeoutMs);
          const done = (v: boolean) => {
            clearTimeout(timer);
            wake = undefined;
            fired = false;
            resolve(v);
          };
          wake = () => done(true);
        });
      },
      stop(): void {
        set.delete(notify);
        if (set.size === 0) {
          watchers.delete(channel);
          // Commands on one connection run in order, so a later SUBSCRIBE for this channel still wins.
          void sub?.unsubscribe(channel).catch(onError);
        }
      },
    };
  }

  /** Tells every watcher of `channel`, in every process. */
  async function notify(channel: string): Promise<void> {
    await redis.publish(channel, '1');
  }

  async function close(): Promise<void> {
    await sub?.quit().catch(() => undefined);
    sub = undefined;
  }

  return { watch, notify, close };
}
