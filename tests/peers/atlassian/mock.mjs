// Starts two Stoplight Prism MOCK servers in dynamic mode (`prism mock -d`), one with Jira's and one
// with Confluence's official OpenAPI description: every answer is a random body that is valid under
// the spec (json-schema-faker), a different one for every request. The spec-conformance suite
// (tests/contract/) runs the connectors against them. Prints exactly ONE line on stdout:
//   READY {"jira":"http://127.0.0.1:J","confluence":"http://127.0.0.1:C","seed":"S"}
//
//   node atlassian/mock.mjs        (from tests/peers, after `npm ci`)
//
// The spec copies are those of prepare-specs.mjs (full /rest/api/3 and /wiki/api/v2 paths), plus,
// for the mock only (file <name>.mock.json beside them):
//   - `x-json-schema-faker` options: optional properties are present with probability 1/2 (Prism's
//     default fakes every optional property, which never tests a missing one), arrays hold 1-2 items,
//     no invented extra properties and references at most 2 deep (see FAKER_OPTIONS);
//   - `nullable: true` becomes a real null alternative (json-schema-faker ignores `nullable`), so
//     nullable fields are sometimes null, as the spec allows.
// Randomness: Math.random of each Prism process is seeded (seedrandom) from ATL_MOCK_SEED (default
// "ucf-contract"), so the same sequence of requests gets the same sequence of bodies; a failing
// round is reproduced by running the suite again with the printed seed.
//
// Environment: ATL_CONTRACTS_DIR, ATL_SPEC_DIR, ATL_PRISM_LOG (default warn), ATL_START_TIMEOUT_MS
// (120000), ATL_EXIT_WITH_PARENT, ATL_MOCK_SEED. Stops its children on SIGTERM/SIGINT and when its
// parent dies (ATL_EXIT_WITH_PARENT=1).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { endWith } from '../lib/lifecycle.mjs';
import { freePort, probe } from '../lib/ports.mjs';
import { contractsDir, prepareSpecs } from './prepare-specs.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const env = process.env;
const children = [];
let stopping = false;

function log(message) {
  process.stderr.write(`[atlassian-mock] ${message}\n`);
}

import { FAKER_OPTIONS, realNulls } from '../lib/spec_mock.mjs';

export { FAKER_OPTIONS, realNulls };

function mockCopy(source) {
  const target = source.replace(/\.json$/, '.mock.json');
  const stamp = `${fs.statSync(source).mtimeMs}:${fs.statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  const stampFile = `${target}.stamp`;
  if (fs.existsSync(target) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return target;
  const spec = realNulls(JSON.parse(fs.readFileSync(source, 'utf8')));
  spec['x-json-schema-faker'] = FAKER_OPTIONS;
  const tmp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(spec));
  fs.renameSync(tmp, target);
  fs.writeFileSync(stampFile, stamp);
  return target;
}



async function startMock(name, spec, seed, deadline) {
  const port = await freePort();
  const args = [path.join(here, 'prism-run.mjs'), 'mock', '-d', '-v', env.ATL_PRISM_LOG || 'warn',
    '-p', String(port), '-h', '127.0.0.1', spec];
  const child = spawn(process.execPath, args, {
    env: { ...env, PRISM_RANDOM_SEED: `${seed}:${name}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { child, exited: false };
  children.push(entry);
  let output = '';
  const collect = (chunk) => { output += chunk; };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.on('exit', (code) => {
    entry.exited = true;
    if (!stopping && entry.running) {
      log(`prism ${name} exited (code ${code}); stopping`);
      shutdown(1);
    }
  });
  const url = `http://127.0.0.1:${port}`;
  while (!entry.exited && Date.now() < deadline) {
    if (await probe(`${url}/`)) {
      entry.running = true;
      child.stdout.off('data', collect);
      child.stderr.off('data', collect);
      child.stdout.on('data', (c) => process.stderr.write(`[mock ${name}] ${c}`));
      child.stderr.on('data', (c) => process.stderr.write(`[mock ${name}] ${c}`));
      return url;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`prism mock ${name} did not start; its output:\n${output}`);
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

endWith(() => shutdown(0), { exitWithParent: env.ATL_EXIT_WITH_PARENT === '1' });

async function main() {
  const t0 = Date.now();
  const deadline = t0 + Number(env.ATL_START_TIMEOUT_MS || 120000);
  const seed = env.ATL_MOCK_SEED || 'ucf-contract';
  const specDir = env.ATL_SPEC_DIR || path.join(os.tmpdir(), 'ucf-atlassian-specs');
  const specs = prepareSpecs(specDir, contractsDir());
  const jiraSpec = mockCopy(specs.jira);
  const confluenceSpec = mockCopy(specs.confluence);
  log(`mock spec copies ready in ${Date.now() - t0} ms`);
  const [jira, confluence] = await Promise.all([
    startMock('jira', jiraSpec, seed, deadline),
    startMock('confluence', confluenceSpec, seed, deadline),
  ]);
  log(`ready in ${Date.now() - t0} ms (seed ${seed})`);
  process.stdout.write(`READY ${JSON.stringify({ jira, confluence, seed })}\n`);
}

main().catch((e) => {
  log(`start failed: ${e.message}`);
  shutdown(1);
});
