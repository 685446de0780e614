// Starts the fake GitHub (server.mjs) behind a validating Stoplight Prism proxy holding GitHub's
// published OpenAPI description (../shared/contracts/github/api.github.com.json): a request of the
// connector or an answer of the fake that violates the description becomes an error. Prints ONE
// line on stdout:  READY {"fake":"http://127.0.0.1:P","api":"http://127.0.0.1:A"}
//
//   node github/start.mjs            (from tests/peers, after `npm ci`)
//
// Environment: the fake's GH_* variables (passed on), GH_CONTRACTS_DIR, GH_PRISM_LOG (default
// warn), GH_START_TIMEOUT_MS (default 120000), GH_EXIT_WITH_PARENT=1 (stop with the parent).
// Prism ignores a spec's server base path; GitHub's has none. Prism gets the test copy of
// spec.mjs (the connector's operations only, external example $refs renamed).

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { endWith } from '../lib/lifecycle.mjs';
import { freePort, probe } from '../lib/ports.mjs';
import { prepareSpec } from './spec.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const t0 = Date.now();
const children = [];
let stopping = false;
const log = (m) => process.stderr.write(`[github] ${m}\n`);

function forward(stream, prefix) {
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    for (const line of chunk.split('\n')) if (line.trim()) process.stderr.write(`${prefix}${line}\n`);
  });
}

function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 1500).unref();
  if (children.every((c) => c.exitCode !== null)) process.exit(code);
}

function startFake() {
  const child = spawn(process.execPath, [path.join(here, 'server.mjs'), '0'],
    { env: { ...env, GH_EXIT_WITH_PARENT: '1', GH_EXIT_ON_STDIN_CLOSE: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  forward(child.stderr, '[fake] ');
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const m = /READY (http:\/\/\S+)\n/.exec(buffer);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => (stopping ? null : reject(new Error(`the fake exited (code ${code}): ${buffer}`))));
  });
}

async function startPrism(upstream, deadline) {
  const spec = prepareSpec();
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(here, '../atlassian/prism-run.mjs'), 'proxy', '--errors', '-v',
    env.GH_PRISM_LOG || 'warn', '-p', String(port), '-h', '127.0.0.1', spec, upstream], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  forward(child.stdout, '[prism github] ');
  forward(child.stderr, '[prism github] ');
  const url = `http://127.0.0.1:${port}`;
  while (child.exitCode === null && Date.now() < deadline) {
    if (await probe(`${url}/`)) return url;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('prism did not start');
}

endWith(() => shutdown(0), { exitWithParent: env.GH_EXIT_WITH_PARENT === '1' });

try {
  const deadline = t0 + Number(env.GH_START_TIMEOUT_MS || 120000);
  const fake = await startFake();
  const api = await startPrism(fake, deadline);
  const r = await fetch(`${fake}/__test/config`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ public_url: api }) });
  if (!r.ok) throw new Error(`configuring the fake failed: ${r.status}`);
  for (const c of children) c.on('exit', () => shutdown(1));
  log(`ready in ${Date.now() - t0} ms`);
  process.stdout.write(`READY ${JSON.stringify({ fake, api })}\n`);
} catch (e) {
  log(`start failed: ${e.message}`);
  shutdown(1);
}
