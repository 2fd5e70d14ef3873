import { createServer } from 'node:net';

/** Whether nothing listens on `port` yet (checked by listening on it briefly, all interfaces). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

/** A port the OS picks. */
function anyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

/**
 * `preferred` when it is free, else a free port (the demo must start even when 3000 is taken). 0 means any.
 * Another process could take the port in between; the caller then fails with EADDRINUSE, which says why.
 */
export async function availablePort(preferred: number): Promise<{ port: number; preferredWasBusy: boolean }> {
  if (preferred !== 0 && (await isFree(preferred))) return { port: preferred, preferredWasBusy: false };
  return { port: await anyPort(), preferredWasBusy: preferred !== 0 };
}
