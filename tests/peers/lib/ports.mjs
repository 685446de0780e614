// Loopback helpers shared by the peer launchers (atlassian/start.mjs, atlassian/mock.mjs).
import net from 'node:net';

// A free TCP port on 127.0.0.1 (free when asked; the caller retries on EADDRINUSE).
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Whether a Prism server answers at `url`: a CORS preflight, which Prism answers itself (204)
// without logging, once it listens.
export async function probe(url) {
  try {
    await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'GET' },
      signal: AbortSignal.timeout(1000),
    });
    return true;
  } catch {
    return false;
  }
}
