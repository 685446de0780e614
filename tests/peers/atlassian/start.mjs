// Starts the fake Atlassian upstream (server.mjs) behind two validating Stoplight Prism proxies,
// one per product, each checking every request and every answer against Atlassian's official
// OpenAPI description (test copies from prepare-specs.mjs). Prints exactly ONE line on stdout:
//   READY {"fake":"http://127.0.0.1:P","jira":"http://127.0.0.1:J","confluence":"http://127.0.0.1:C"}
// Everything else (timings, Prism's violation logs, the fake's errors) goes to stderr.
//
//   node atlassian/start.mjs        (from tests/peers, after `npm ci`)
//
// Environment (besides the fake's own ATL_* variables, which are passed on; see server.mjs):
//   ATL_CONTRACTS_DIR        where jira/ and confluence/ specs are (default <repo>/../shared/contracts)
//   ATL_SPEC_DIR             cache of the prepared spec copies (default $TMPDIR/ucf-atlassian-specs)
//   ATL_PRISM_LOG            Prism log level: trace|debug|info|warn|error|fatal|silent (default warn;
//                            violations are logged at error level)
//   ATL_START_TIMEOUT_MS     give up when not ready by then (default 120000)
//   ATL_EXIT_WITH_PARENT     1: stop everything when the parent process goes away
//   ATL_EXIT_ON_STDIN_CLOSE  1: stop everything when stdin (a pipe) reaches EOF
// Stops all children on SIGTERM/SIGINT and in the two cases above; the children also watch this
// process and exit if it dies without cleaning up.

import { spawn } from 'node:child_process';
import { endWith } from '../lib/lifecycle.mjs';
import { freePort, probe } from '../lib/ports.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { contractsDir, prepareSpecs } from './prepare-specs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const t0 = Date.now();
const children = [];
let stopping = false;

function log(message) {
  process.stderr.write(`[atlassian] ${message}\n`);
}

function forwardLines(stream, prefix) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.trim()) process.stderr.write(`${prefix}${line}\n`);
    }
  });
}


function track(name, child) {
  // phase: starting (the starter handles an exit) | running (an exit stops everything) | abandoned
  const entry = { name, child, exited: false, phase: 'starting' };
  children.push(entry);
  child.on('exit', (code, signal) => {
    entry.exited = true;
    if (!stopping && entry.phase === 'running') {
      log(`${name} exited unexpectedly (code ${code}, signal ${signal}); stopping`);
      shutdown(1);
    }
  });
  return entry;
}

async function startFake() {
  const child = spawn(process.execPath, [path.join(here, 'server.mjs'), '0'], {
    env: { ...env, ATL_EXIT_WITH_PARENT: '1', ATL_EXIT_ON_STDIN_CLOSE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const entry = track('fake', child);
  forwardLines(child.stderr, '[fake] ');
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk;
      const m = /READY (http:\/\/\S+)\n/.exec(buffer);
      if (m) {
        child.stdout.off('data', onData);
        forwardLines(child.stdout, '[fake] ');
        entry.phase = 'running';
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the fake exited before READY (code ${code}): ${buffer}`)));
  });
}

async function startPrism(name, spec, upstream, deadline) {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const port = await freePort();
    const started = Date.now();
    const args = [path.join(here, 'prism-run.mjs'), 'proxy', '--errors', '-v', env.ATL_PRISM_LOG || 'warn',
      '-p', String(port), '-h', '127.0.0.1', spec, upstream];
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = track(`prism ${name}`, child);
    let output = '';
    const collect = (chunk) => {
      output += chunk;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const url = `http://127.0.0.1:${port}`;
    while (!entry.exited && Date.now() < deadline) {
      if (await probe(`${url}/`)) {
        entry.phase = 'running';
        child.stdout.off('data', collect);
        child.stderr.off('data', collect);
        forwardLines(child.stdout, `[prism ${name}] `);
        forwardLines(child.stderr, `[prism ${name}] `);
        log(`prism ${name} ready on ${url} in ${Date.now() - started} ms`);
        return url;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    if (!entry.exited) {
      entry.phase = 'abandoned';
      child.kill('SIGKILL');
      throw new Error(`prism ${name} did not answer within the start timeout; its output:\n${output}`);
    }
    entry.phase = 'abandoned';
    if (!/EADDRINUSE/.test(output) || attempt === 3) throw new Error(`prism ${name} exited during start; its output:\n${output}`);
    log(`prism ${name}: port ${port} was taken, retrying`);
  }
  throw new Error('unreachable');
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const { child, exited } of children) if (!exited) child.kill('SIGTERM');
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline && children.some((c) => !c.exited)) await new Promise((r) => setTimeout(r, 50));
  for (const { child, exited } of children) if (!exited) child.kill('SIGKILL');
  process.exit(code);
}

process.on('SIGHUP', () => shutdown(0));
endWith(() => shutdown(0), {
  exitWithParent: env.ATL_EXIT_WITH_PARENT === '1',
  exitOnStdinClose: env.ATL_EXIT_ON_STDIN_CLOSE === '1',
});

async function main() {
  const deadline = t0 + Number(env.ATL_START_TIMEOUT_MS || 120000);
  const prism = path.resolve(here, '../node_modules/@stoplight/prism-cli/dist/index.js');
  if (!fs.existsSync(prism)) throw new Error(`Prism is not installed (${prism}); run \`npm ci\` in tests/peers`);
  const specDir = env.ATL_SPEC_DIR || path.join(os.tmpdir(), 'ucf-atlassian-specs');
  const specs = prepareSpecs(specDir, contractsDir());
  log(`spec copies ${specs.cached ? 'reused' : 'written'} in ${specDir} (${Date.now() - t0} ms)`);
  const fake = await startFake();
  log(`fake ready on ${fake} (${Date.now() - t0} ms)`);
  const [jira, confluence] = await Promise.all([
    startPrism('jira', specs.jira, fake, deadline),
    startPrism('confluence', specs.confluence, fake, deadline),
  ]);
  const response = await fetch(`${fake}/__test/config`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jira_public_url: jira, confluence_public_url: confluence }),
  });
  if (!response.ok) throw new Error(`configuring the fake failed: ${response.status}`);
  log(`all ready in ${Date.now() - t0} ms`);
  process.stdout.write(`READY ${JSON.stringify({ fake, jira, confluence })}\n`);
}

main().catch((e) => {
  log(`start failed: ${e.message}`);
  shutdown(1);
});
