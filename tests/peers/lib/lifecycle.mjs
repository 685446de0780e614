// How a test peer ends: on SIGTERM/SIGINT, when the process that started it dies (exitWithParent),
// and — only when stdin is a pipe or socket, since /dev/null or a terminal cannot signal anything —
// when stdin closes (exitOnStdinClose). `stop` runs at most once per trigger; make it idempotent.
import fs from 'node:fs';

export function endWith(stop, { exitWithParent = false, exitOnStdinClose = false } = {}) {
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (exitWithParent) {
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 500).unref();
  }
  if (exitOnStdinClose) {
    let st = null;
    try {
      st = fs.fstatSync(0);
    } catch {
      st = null;
    }
    if (st && (st.isFIFO() || st.isSocket())) {
      process.stdin.on('data', () => {});
      process.stdin.on('end', stop);
      process.stdin.on('error', stop);
    }
  }
}

// A stop function for an http.Server: close it (dropping keep-alive connections), exit 0, and exit
// anyway after 2 s.
export function serverStopper(server) {
  return () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
}
